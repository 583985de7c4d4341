/** Calendar arithmetic on ISO dates, in UTC so the machine's time zone never shifts a day. */

export const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** "2022-12-08" → {2022, 12, 8}; null for anything that is not a real date (2023-02-30, 2022-13-01). */
export function parseIsoDate(iso: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isIsoDate(iso: string): boolean {
  return parseIsoDate(iso) !== null;
}

/** "2022-12-08" → "Thursday". */
export function weekdayOf(iso: string): (typeof WEEKDAYS)[number] {
  const date = parseIsoDate(iso);
  if (!date) throw new Error(`not an ISO date: ${iso}`);
  return WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()]!;
}

/** Whole days from one ISO date to another: 2022-11-30 → 2022-12-08 is 8 (negative when `to` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number | null {
  const [from, to] = [parseIsoDate(fromIso), parseIsoDate(toIso)];
  if (!from || !to) return null;
  return (Date.UTC(to.year, to.month - 1, to.day) - Date.UTC(from.year, from.month - 1, from.day)) / 86_400_000;
}

/** js-yaml turns unquoted 2022-12-08 into a Date at UTC midnight; bring it back to the ISO string. */
export function toIsoDate(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value === "string" && isIsoDate(value)) return value;
  return null;
}
