/**
 * One formatter per kind of value, used everywhere (templates, Markdown references, tables, charts).
 * Nobody types a formatted number: data holds plain numbers and ISO dates, these functions print them
 * in the house style (GOV.UK style guide conventions, en-GB).
 */
import { parseIsoDate, weekdayOf, MONTHS } from "./dates.ts";

/** Round half away from zero at `decimals` places, done in decimal so 81.25 → 81.3 (not 81.2 from binary error). */
export function roundHalfUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const shifted = Math.abs(value) * factor;
  // The epsilon absorbs binary representation error such as 1.005 * 100 = 100.49999999999999.
  const rounded = Math.floor(shifted + 0.5 + 1e-9);
  return (Math.sign(value) || 1) * (rounded / factor);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 1234.5 with 1 decimal → "1,234.5"; negative numbers get a real minus sign. */
export function formatNumber(value: number, decimals = 0): string {
  const fixed = roundHalfUp(Math.abs(value), decimals).toFixed(decimals);
  const [whole = "0", fraction] = fixed.split(".");
  const body = groupThousands(whole) + (fraction ? `.${fraction}` : "");
  return value < 0 && Number(fixed) !== 0 ? `−${body}` : body;
}

/** "1 area for improvement", "3 areas for improvement": a count with its noun, singular or plural as it needs. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatInteger(count)} ${count === 1 ? singular : plural}`;
}

/** "3", "3 and 4", "3, 4 and 5". */
export function andList(items: ReadonlyArray<string | number>): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function formatInteger(value: number): string {
  return formatNumber(value, 0);
}

/** £1,234 (or £29,671.80 with decimals: 2); negatives as −£1,234. */
export function formatMoney(value: number, decimals = 0): string {
  const body = formatNumber(Math.abs(value), decimals);
  return value < 0 && body !== formatNumber(0, decimals) ? `−£${body}` : `£${body}`;
}

/** £m in tables: 1 dp, negatives in brackets, as finance papers print them: −2.04 → "(2.0)". */
export function formatMoneyMillionsCell(value: number, decimals = 1): string {
  const body = formatNumber(Math.abs(value), decimals);
  return value < 0 && roundHalfUp(Math.abs(value), decimals) !== 0 ? `(${body})` : body;
}

/** £m in prose: −5.2 → "−£5.2m", 12.94 → "£12.9m". */
export function formatMoneyMillions(value: number, decimals = 1): string {
  const body = formatNumber(Math.abs(value), decimals);
  return value < 0 ? `−£${body}m` : `£${body}m`;
}

/** 81.25 → "81.3%" (half up). */
export function formatPercent(value: number, decimals = 1): string {
  return `${formatNumber(value, decimals)}%`;
}

/** A percentage from counts, rounded half up: 13 of 16 → 81.3. Null when the denominator is zero. */
export function percentOf(numerator: number, denominator: number, decimals = 1): number | null {
  if (denominator === 0) return null;
  return roundHalfUp((numerator / denominator) * 100, decimals);
}

/**
 * A ratio of two figures, scaled (100 for a percentage, 1000 for a rate per 1,000, 1 for an average) and
 * rounded half up as it prints. Null when the denominator is zero.
 */
export function ratioOf(numerator: number, denominator: number, per: number, decimals: number): number | null {
  if (denominator === 0) return null;
  return roundHalfUp((numerator / denominator) * per, decimals);
}

/**
 * A duration in seconds, in words: 198 → "3 minutes 18 seconds", 3600 → "1 hour", 0 → "0 seconds".
 * Words, not "3'18\"" or "3:18" (read aloud as a time of day) or "3m 18s" (metres): the same in tables and prose.
 */
export function formatDuration(seconds: number): string {
  const whole = Math.round(Math.abs(seconds));
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  const parts = [h ? counted(h, "hour") : "", m ? counted(m, "minute") : "", s || whole === 0 ? counted(s, "second") : ""].filter(Boolean);
  return `${seconds < 0 && whole > 0 ? "−" : ""}${parts.join(" ")}`;
}

/** "3:18" → 198 and "1:02:05" → 3725 (minutes and seconds, or hours, minutes and seconds); null for anything else. */
export function parseDuration(text: string): number | null {
  const match = /^(?:(\d+):([0-5]\d)|(\d+):([0-5]\d):([0-5]\d))$/.exec(text.trim());
  if (!match) return null;
  if (match[1] !== undefined) return Number(match[1]) * 60 + Number(match[2]);
  return Number(match[3]) * 3600 + Number(match[4]) * 60 + Number(match[5]);
}

/** "2022-12-08" → "8 December 2022"; with weekday → "Thursday 8 December 2022". */
export function formatDate(iso: string, options: { weekday?: boolean } = {}): string {
  const date = parseIsoDate(iso);
  if (!date) throw new Error(`not an ISO date: ${iso}`);
  const text = `${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
  return options.weekday ? `${weekdayOf(iso)} ${text}` : text;
}

/** A calendar month "2021-09" → "September 2021", or with `short` → "Sep 2021" (for narrow table columns). */
export function formatMonth(yearMonth: string, options: { short?: boolean } = {}): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(yearMonth);
  if (!match) throw new Error(`not a YYYY-MM month: ${yearMonth}`);
  const name = MONTHS[Number(match[2]) - 1]!;
  return `${options.short ? name.slice(0, 3) : name} ${match[1]}`;
}

/** "14:00" → "2:00pm", "10:00" → "10:00am", "12:30" → "12:30pm" (the house style of the source's prose). */
export function formatTime(hhmm: string): string {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!match) throw new Error(`not a 24-hour time: ${hhmm}`);
  const hours = Number(match[1]);
  const suffix = hours < 12 ? "am" : "pm";
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${h12}:${match[2]}${suffix}`;
}

const FY_PATTERN = /^(\d{4})\/(\d{2})$/;

/** Is this a financial year label "2023/24" with consecutive years? */
export function isFinancialYear(label: string): boolean {
  const match = FY_PATTERN.exec(label);
  if (!match) return false;
  const start = Number(match[1]);
  return (start + 1) % 100 === Number(match[2]);
}

/** The financial year label starting in `year`: 2023 → "2023/24". */
export function financialYear(year: number): string {
  return `${year}/${String((year + 1) % 100).padStart(2, "0")}`;
}

/** A UK financial-year quarter: Q1 = April–June … Q4 = January–March of the following calendar year. */
export interface Quarter {
  quarter: 1 | 2 | 3 | 4;
  /** The calendar year the financial year starts in (2022 for 2022/23). */
  fyStart: number;
}

export function parseQuarter(label: string): Quarter | null {
  const match = /^Q([1-4]) (\d{4}\/\d{2})$/.exec(label);
  if (!match || !isFinancialYear(match[2] ?? "")) return null;
  return { quarter: Number(match[1]) as Quarter["quarter"], fyStart: Number(match[2]!.slice(0, 4)) };
}

export function formatQuarter(q: Quarter): string {
  return `Q${q.quarter} ${financialYear(q.fyStart)}`;
}

/** The last day of a quarter, ISO: Q4 2022/23 → "2023-03-31". */
export function quarterEnd(q: Quarter): string {
  const ends = ["06-30", "09-30", "12-31", "03-31"] as const;
  const year = q.quarter === 4 ? q.fyStart + 1 : q.fyStart;
  return `${year}-${ends[q.quarter - 1]}`;
}

/** Sort key so quarters order chronologically. */
export function quarterOrdinal(q: Quarter): number {
  return q.fyStart * 4 + (q.quarter - 1);
}

const ROMAN: Array<[number, string]> = [
  [1000, "m"], [900, "cm"], [500, "d"], [400, "cd"], [100, "c"], [90, "xc"],
  [50, "l"], [40, "xl"], [10, "x"], [9, "ix"], [5, "v"], [4, "iv"], [1, "i"],
];

/** 4 → "iv" (lower case, as figure numbers in the plan closure report). */
export function toRoman(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new Error(`no roman numeral for ${n}`);
  let rest = n;
  let out = "";
  for (const [value, numeral] of ROMAN) {
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  }
  return out;
}

/** "A", "B", … "Z", "AA" for lettered appendices. */
export function toLetters(n: number): string {
  let rest = n;
  let out = "";
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    out = String.fromCharCode(65 + digit) + out;
    rest = Math.floor((rest - 1) / 26);
  }
  return out;
}
