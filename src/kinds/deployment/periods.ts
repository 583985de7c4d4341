/**
 * The months of a deployment report's period: every month from its first to its last, and how the month keys
 * a series gives (in file order) differ from them: not a month, outside the period, twice, out of order, missing.
 */

/** Every month from `from` to `to` inclusive, as "YYYY-MM"; empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const [fy, fm] = from.split("-").map(Number) as [number, number];
  const [ty, tm] = to.split("-").map(Number) as [number, number];
  const out: string[] = [];
  for (let index = fy * 12 + fm - 1; index <= ty * 12 + tm - 1; index++) {
    out.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  return out;
}

export type MonthIssue =
  | { kind: "format"; key: string }
  | { kind: "outside"; key: string }
  | { kind: "duplicate"; key: string }
  | { kind: "order"; key: string; after: string }
  | { kind: "missing"; month: string };

/**
 * Compare the month keys a series gives (in file order) with the months of the period: each must be a month
 * of the period, appear once, come after the one before it, and none may be missing.
 */
export function checkMonthKeys(keys: readonly string[], expected: readonly string[]): MonthIssue[] {
  const issues: MonthIssue[] = [];
  const seen = new Set<string>();
  let previous: string | undefined;
  for (const key of keys) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(key)) {
      issues.push({ kind: "format", key });
      continue;
    }
    if (!expected.includes(key)) {
      issues.push({ kind: "outside", key });
      continue;
    }
    if (seen.has(key)) {
      issues.push({ kind: "duplicate", key });
      continue;
    }
    if (previous !== undefined && key < previous) issues.push({ kind: "order", key, after: previous });
    seen.add(key);
    previous = previous === undefined || key > previous ? key : previous;
  }
  for (const month of expected) if (!seen.has(month)) issues.push({ kind: "missing", month });
  return issues;
}
