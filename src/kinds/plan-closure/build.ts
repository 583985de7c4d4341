/**
 * Pure functions of the plan-closure kind: change against the baseline and year on year, figure labels
 * numbered per chapter in lower-case roman numerals, claim texts, and the tables behind figures and the
 * appendix. Rounding rule: half away from zero (roundHalfUp) at the decimals declared in the data file.
 */
import { formatInteger, formatMoneyMillions, formatNumber, isFinancialYear, roundHalfUp, toRoman } from "../../lib/format.ts";
import type { TableInput } from "../../tables/schema.ts";
import { decimalsOf, stepOf, type ClaimFormula } from "../../claims/arithmetic.ts";
import type { ClaimInput } from "../../claims/schema.ts";
import { EMBED_LINE } from "../../markdown/directives.ts";
import type { FigureInput, PlanClosureData, SeriesClaim, SeriesInput, Unit } from "./schema.ts";

export interface Change {
  /** Absolute change (for a percentage measure: percentage points), rounded to the series' decimals. */
  abs: number;
  /** Per cent change, rounded half up; null for a percentage measure (its change is in points) or a zero base. */
  pct: number | null;
}

/** Change from `from` to `to`. A measure that is itself a percentage changes in percentage points, never per cent. */
export function changeOf(from: number, to: number, unit: Unit, pctDecimals: number, valueDecimals = 0): Change {
  const abs = roundHalfUp(to - from, unit === "percent" ? Math.max(valueDecimals, 1) : valueDecimals);
  if (unit === "percent" || from === 0) return { abs, pct: null };
  return { abs, pct: roundHalfUp(((to - from) / from) * 100, pctDecimals) };
}

/** "2015/16" → "2016/17"; calendar "2017" → "2018". */
function nextPeriod(period: string): string | null {
  if (isFinancialYear(period)) {
    const start = Number(period.slice(0, 4)) + 1;
    return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
  }
  return /^\d{4}$/.test(period) ? String(Number(period) + 1) : null;
}

/** Problems with a series' periods: malformed, out of order, points or baseline outside the span. */
export function seriesProblems(series: SeriesInput): Array<{ path: Array<string | number>; message: string }> {
  const out: Array<{ path: Array<string | number>; message: string }> = [];
  series.periods.forEach((p, i) => {
    const ok = series.period_type === "financial_year" ? isFinancialYear(p) : /^\d{4}$/.test(p);
    if (!ok) out.push({ path: ["periods", i], message: `'${p}' is not a ${series.period_type === "financial_year" ? "financial year such as 2015/16" : "calendar year"}` });
    else if (i > 0 && nextPeriod(series.periods[i - 1]!) !== p) out.push({ path: ["periods", i], message: `'${p}' does not follow '${series.periods[i - 1]}'` });
  });
  for (const p of Object.keys(series.points)) {
    if (!series.periods.includes(p)) out.push({ path: ["points", p], message: `a value is given for '${p}', which is not one of the series' periods` });
  }
  if (series.baseline && !series.periods.includes(series.baseline)) out.push({ path: ["baseline"], message: `the baseline '${series.baseline}' is not one of the series' periods` });
  return out;
}

export interface SeriesRow {
  period: string;
  value: number | null;
  stated: boolean;
  vsBaseline: Change | null;
  yearOnYear: Change | null;
}

/** One row per period: the stated value (or null), change against the baseline and against the previous period when both are stated. */
export function seriesRows(series: SeriesInput, pctDecimals: number): SeriesRow[] {
  const base = series.baseline !== undefined ? series.points[series.baseline] : undefined;
  return series.periods.map((period, i) => {
    const value = series.points[period] ?? null;
    const previous = i > 0 ? series.points[series.periods[i - 1]!] : undefined;
    const d = series.decimals ?? 0;
    return {
      period,
      value,
      stated: value !== null,
      vsBaseline: value !== null && base !== undefined && period !== series.baseline ? changeOf(base, value, series.unit, pctDecimals, d) : null,
      yearOnYear: value !== null && previous !== undefined ? changeOf(previous, value, series.unit, pctDecimals, d) : null,
    };
  });
}

const VALUE_TYPE: Record<Unit, "integer" | "number" | "percent" | "money_m"> = {
  count: "integer", headcount: "integer", fte: "integer", score: "number", percent: "percent", gbp_m: "money_m",
};
const UNIT_LABEL: Record<Unit, string | undefined> = { count: undefined, headcount: undefined, fte: "FTE", score: undefined, percent: "%", gbp_m: "£m" };

/** The data table behind a figure: a row per period, "not stated" where the source gives no value. */
export function figureTable(figure: FigureInput, series: SeriesInput[], pctDecimals: number): TableInput {
  const first = series[0]!;
  if (series.every((s) => s.periods.length === 0)) {
    // The source states no value and no span: say so, rather than print a grid of blanks.
    return {
      caption: figure.caption, tolerance: 0, wide: false, groups: {}, errata: [],
      note: [first.note, "The source prints this chart as an image and its text states none of the chart's values."].filter(Boolean).join(" "),
      columns: [
        { key: "measure", label: "Measure", type: "text", row_header: true, weekday: false },
        { key: "stated", label: "Values stated in the source", type: "text", row_header: false, weekday: false },
      ],
      rows: series.map((s, i) => ({ id: `s${i}`, measure: s.measure, stated: "none" })),
    };
  }
  const single = series.length === 1;
  const d = (s: SeriesInput) => s.decimals ?? (s.unit === "percent" ? 1 : 0);
  const columns: TableInput["columns"] = [{ key: "period", label: first.period_type === "financial_year" ? "Financial year" : "Year", type: "text", row_header: true, weekday: false }];
  series.forEach((s, i) => {
    const name = single ? s.measure : (figure.series_labels?.[i] ?? s.measure);
    columns.push({ key: `v${i}`, label: name, type: VALUE_TYPE[s.unit], decimals: d(s), unit: UNIT_LABEL[s.unit], row_header: false, weekday: false });
  });
  const stateCol = { key: "stated", label: "Value stated in the source", type: "text" as const, row_header: false, weekday: false };
  if (single) {
    const pp = first.unit === "percent";
    const absLabel = pp ? "percentage points" : undefined;
    columns.push(
      { key: "base_abs", label: `Change since ${first.baseline ?? "baseline"}`, type: "number", decimals: pp ? d(first) : d(first), unit: absLabel, row_header: false, weekday: false },
      ...(pp ? [] : [{ key: "base_pct", label: `Change since ${first.baseline ?? "baseline"}`, type: "percent" as const, decimals: pctDecimals, unit: "%", row_header: false, weekday: false }]),
      { key: "yoy_abs", label: "Change on previous year", type: "number", decimals: d(first), unit: absLabel, row_header: false, weekday: false },
      ...(pp ? [] : [{ key: "yoy_pct", label: "Change on previous year", type: "percent" as const, decimals: pctDecimals, unit: "%", row_header: false, weekday: false }]),
    );
  }
  columns.push(stateCol);
  const perSeries = series.map((s) => seriesRows(s, pctDecimals));
  const rows: Array<Record<string, unknown>> = first.periods.map((period, r) => {
    const row: Record<string, unknown> = { id: period.replace("/", "-"), period };
    perSeries.forEach((rowsOf, i) => {
      row[`v${i}`] = rowsOf.find((x) => x.period === period)?.value ?? null;
    });
    const stated = perSeries.map((rowsOf) => rowsOf.find((x) => x.period === period)?.stated ?? false);
    row.stated = stated.every(Boolean) ? "stated" : stated.some(Boolean) ? "partly stated" : "not stated";
    if (single) {
      const sr = perSeries[0]![r]!;
      row.base_abs = sr.vsBaseline?.abs ?? null;
      row.yoy_abs = sr.yearOnYear?.abs ?? null;
      if (first.unit !== "percent") {
        row.base_pct = sr.vsBaseline?.pct ?? null;
        row.yoy_pct = sr.yearOnYear?.pct ?? null;
      }
    }
    return row;
  });
  const notes = [first.note, "The source prints this chart as an image; the table gives only the values its text states, and changes only where both values are stated."]
    .filter(Boolean).join(" ");
  return { caption: figure.caption, note: notes, tolerance: 0, wide: false, groups: {}, columns, rows, errata: [] };
}

/** A value in prose, in the document's style ("per cent" spelled out). */
export function proseValue(value: number, unit: Unit, decimals = 0): string {
  switch (unit) {
    case "percent": return `${formatNumber(value, decimals)} per cent`;
    case "gbp_m": return formatMoneyMillions(value, decimals || 1);
    case "score": return formatNumber(value, decimals);
    default: return decimals ? formatNumber(value, decimals) : formatInteger(value);
  }
}

export interface ClaimResult {
  text?: string;
  /** The computed figure the `stated` value is compared with. */
  computed?: number;
  error?: { path: string; message: string };
}

/** The text of a claim, computed from its series. */
export function claimText(claim: SeriesClaim, series: SeriesInput, proseDecimals: number): ClaimResult {
  const at = (p: string | undefined, name: string): number | { path: string; message: string } => {
    if (p === undefined) return { path: name, message: `a '${claim.kind}' claim needs '${name}'` };
    const v = series.points[p];
    return v === undefined ? { path: name, message: `the series states no value for '${p}'` } : v;
  };
  const to = at(claim.to ?? claim.from, claim.to ? "to" : "from");
  if (typeof to !== "number") return { error: to };
  if (claim.kind === "value") return { text: proseValue(to, series.unit, claim.decimals ?? series.decimals ?? 0), computed: to };
  const from = at(claim.from, "from");
  if (typeof from !== "number") return { error: from };
  if (claim.kind === "multiple") {
    const m = roundHalfUp(to / from, claim.decimals ?? 1);
    return { text: `${formatNumber(m, claim.decimals ?? 1)} times`, computed: m };
  }
  const change = changeOf(from, to, series.unit, claim.decimals ?? proseDecimals, series.decimals ?? 0);
  if (claim.kind === "change_abs" || series.unit === "percent") {
    const size = Math.abs(change.abs);
    const text = series.unit === "percent" ? `${formatNumber(size, Math.max(series.decimals ?? 1, 1))} percentage points` : proseValue(size, series.unit, series.decimals ?? 0);
    return { text, computed: change.abs };
  }
  if (change.pct === null) return { error: { path: "from", message: "no per cent change from a zero value" } };
  const word = change.pct < 0 ? "a reduction of" : change.pct > 0 ? "an increase of" : "no change,";
  return { text: `${word} ${formatNumber(Math.abs(change.pct), claim.decimals ?? proseDecimals)} per cent`, computed: change.pct };
}

/** A series point as a claim names it: `<series>@<period>`. */
export function seriesOperand(data: PlanClosureData, name: string): { value: number } | { missing: string } | undefined {
  const at = name.lastIndexOf("@");
  if (at < 0) return undefined;
  const [id, period] = [name.slice(0, at), name.slice(at + 1)];
  const series = data.series[id];
  if (!series) return undefined;
  const value = series.points[period];
  return value === undefined ? { missing: `the series '${id}' states no value for '${period}'` } : { value };
}

/**
 * The closure report's wording of a generic claim on the points of one series ("a reduction of 42 per
 * cent", "10.3 percentage points", "8.1 times"); undefined for a claim it has no wording for (a sum, or
 * points of two series), which then prints as its figure.
 */
export function seriesClaimOf(formula: ClaimFormula, round: ClaimInput["round"]): SeriesClaim | undefined {
  const points = formula.operands.map((name) => ({ series: name.slice(0, name.lastIndexOf("@")), period: name.slice(name.lastIndexOf("@") + 1) }));
  const series = points[0]?.series;
  if (!series || points.some((p) => !p.series || p.series !== series)) return undefined;
  const decimals = round === undefined ? undefined : decimalsOf(stepOf(round));
  const [first, second] = points;
  switch (formula.formula) {
    case "value": return { series, kind: "value", from: first!.period, decimals };
    case "change": case "change_points": return { series, kind: "change", from: first!.period, to: second!.period, decimals };
    case "difference": return { series, kind: "change_abs", from: second!.period, to: first!.period, decimals };
    case "ratio": return formula.per === undefined ? { series, kind: "multiple", from: second!.period, to: first!.period, decimals } : undefined;
    default: return undefined;
  }
}

export interface Placement {
  kind: "figure" | "appendix";
  id: string;
  line: number;
  chapter: number;
}

/** Where the body places each table and chart, with the chapter (`## `) it sits in; 0 = before any chapter. */
export function placements(body: string): Placement[] {
  const out: Placement[] = [];
  let chapter = 0;
  let appendix = false;
  body.split("\n").forEach((text, i) => {
    if (/^#\s+Appendix\s*:/i.test(text)) appendix = true;
    else if (/^##\s/.test(text) && !appendix) chapter++;
    const m = EMBED_LINE.exec(text);
    if (m && m[1] !== "block") out.push({ kind: appendix ? "appendix" : "figure", id: m[2]!, line: i + 1, chapter });
  });
  return out;
}

/** "Figure 4 (v)": the chapter, then the figure's place within it in lower-case roman numerals. */
export function figureLabels(places: Placement[]): Map<string, string> {
  const labels = new Map<string, string>();
  const perChapter = new Map<number, number>();
  for (const p of places) {
    if (p.kind !== "figure" || labels.has(p.id)) continue;
    const n = (perChapter.get(p.chapter) ?? 0) + 1;
    perChapter.set(p.chapter, n);
    labels.set(p.id, `Figure ${p.chapter} (${toRoman(n).toLowerCase()})`);
  }
  return labels;
}

/** Appendix table ids: one per priority and plan. */
export function appendixTableId(priority: string, plan: string): string {
  return `app-${priority}--${plan}`;
}

/** "Table 1 (ii)": the priority's appendix number, then the plan block in order. */
export function appendixLabels(data: PlanClosureData): Map<string, string> {
  const labels = new Map<string, string>();
  const count = new Map<string, number>();
  for (const block of data.appendix) {
    const priority = data.priorities.find((p) => p.id === block.priority);
    const number = priority?.in_plans[block.plan]?.number;
    const n = (count.get(block.priority) ?? 0) + 1;
    count.set(block.priority, n);
    labels.set(appendixTableId(block.priority, block.plan), `Table ${number ?? "?"} (${toRoman(n).toLowerCase()})`);
  }
  return labels;
}

/** The table of one appendix block: commitment, then its delivery evidence as a list. */
export function appendixTable(data: PlanClosureData, index: number): TableInput {
  const block = data.appendix[index]!;
  const priority = data.priorities.find((p) => p.id === block.priority)!;
  const plan = data.plans.find((p) => p.id === block.plan)!;
  const title = priority.in_plans[block.plan]?.title ?? block.priority;
  return {
    caption: `${title}: ${plan.appendix_label ?? plan.title}`,
    tolerance: 0,
    wide: false,
    groups: {},
    errata: [],
    columns: [
      { key: "commitment", label: "We will …", type: "text", row_header: true, weekday: false },
      { key: "evidence", label: "What was delivered", type: "markdown", row_header: false, weekday: false },
    ],
    rows: block.commitments.map((c) => ({
      id: c.id,
      commitment: c.text,
      evidence: c.evidence.length === 1 ? c.evidence[0]! : c.evidence.map((e) => `- ${e.replace(/\n/g, " ")}`).join("\n"),
    })),
  };
}
