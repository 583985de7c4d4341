/**
 * The deployment kind's builder: from the counts of incidents whose target response time was met or not met
 * (per crime type, month and grade) it computes every total, percentage met, all-high-harm figure, KPI
 * comparison and best and worst month; and it checks the data file's months, counts and stated figures,
 * reporting each problem at the file and line of the offending value.
 */
import { disagrees } from "../../lib/stated.ts";
import type { Problems } from "../../content/problems.ts";
import type { Located, YamlPath } from "../../content/yaml.ts";
import { formatMonth, percentOf, roundHalfUp } from "../../lib/format.ts";
import { GRADES, GRADE_LABELS, type CountSeries, type DeploymentData, type Grade } from "./schema.ts";

export interface Where {
  file: string;
  located: Located;
  problems: Problems;
}

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

/** One grade's monthly series, with everything computed from its counts. */
export interface GradeSeries {
  met: number[];
  notMet: number[];
  /** met + not met, per month. */
  total: number[];
  /** Percentage met per month, half up to 1 dp (null for a month with no incidents). */
  pct: Array<number | null>;
  totalMet: number;
  totalNotMet: number;
  totalIncidents: number;
  totalPct: number | null;
  best?: { month: string; pct: number };
  worst?: { month: string; pct: number };
}

export function gradeSeries(months: readonly string[], met: readonly number[], notMet: readonly number[]): GradeSeries {
  const total = months.map((_, i) => (met[i] ?? 0) + (notMet[i] ?? 0));
  const totalMet = sum(met);
  const totalNotMet = sum(notMet);
  const series: GradeSeries = {
    met: [...met],
    notMet: [...notMet],
    total,
    pct: months.map((_, i) => percentOf(met[i] ?? 0, total[i]!)),
    totalMet,
    totalNotMet,
    totalIncidents: totalMet + totalNotMet,
    // The period's figure pools the counts: never the mean of the monthly percentages.
    totalPct: percentOf(totalMet, totalMet + totalNotMet),
  };
  const extremes = bestAndWorst(months, met, total);
  if (extremes) {
    series.best = { month: extremes.best, pct: series.pct[months.indexOf(extremes.best)]! };
    series.worst = { month: extremes.worst, pct: series.pct[months.indexOf(extremes.worst)]! };
  }
  return series;
}

/**
 * The months with the highest and lowest share met, compared on the exact ratio (not the rounded percentage);
 * on a tie the earlier month wins. Months with no incidents are left out.
 */
export function bestAndWorst(months: readonly string[], met: readonly number[], total: readonly number[]): { best: string; worst: string } | undefined {
  let best: number | undefined;
  let worst: number | undefined;
  months.forEach((_, i) => {
    const t = total[i] ?? 0;
    if (t === 0) return;
    // Compare a/b with c/d as a*d and c*b: exact for counts.
    if (best === undefined || (met[i] ?? 0) * total[best]! > met[best]! * t) best = i;
    if (worst === undefined || (met[i] ?? 0) * total[worst]! < met[worst]! * t) worst = i;
  });
  return best === undefined || worst === undefined ? undefined : { best: months[best]!, worst: months[worst]! };
}

export interface KpiResult {
  met: boolean;
  /** Achieved minus target, in percentage points, half up to 1 dp (negative: below the target). */
  gap: number;
}

/** Whether an achieved percentage meets a KPI target: `at_least` needs achieved ≥ target, `below` achieved < target. */
export function compareKpi(achieved: number, target: number, direction: "at_least" | "below"): KpiResult {
  const gap = roundHalfUp(achieved - target, 1);
  return { met: direction === "at_least" ? achieved >= target : achieved < target, gap: Object.is(gap, -0) ? 0 : gap };
}

export interface Performance {
  months: string[];
  /** Per crime type id, per grade. */
  byCrimeType: Map<string, Record<Grade, GradeSeries>>;
  /** All high-harm incidents: the sum of the crime types, per month and grade. */
  all: Record<Grade, GradeSeries>;
}

/** Check the counts and compute the performance series. Problems are reported; the result is always usable. */
export function analyse(data: DeploymentData, where: Where): Performance {
  const { file, located, problems } = where;
  const months = monthsBetween(data.period.from, data.period.to);
  if (months.length === 0) {
    problems.error(file, located.at(["period", "to"]), "value/period", `the period ends (${data.period.to}) before it starts (${data.period.from})`, "write 'from' as the first month and 'to' as the last");
  }

  const ids = new Set<string>();
  data.crime_types.forEach((type, i) => {
    if (ids.has(type.id)) problems.error(file, located.at(["crime_types", i, "id"]), "ref/duplicate", `crime type '${type.id}' is listed twice`);
    ids.add(type.id);
  });

  const byCrimeType = new Map<string, Record<Grade, GradeSeries>>();
  const seriesPath = ["time_met", "by_crime_type"];
  for (const key of Object.keys(data.time_met.by_crime_type)) {
    if (!ids.has(key)) {
      problems.error(file, located.keyAt([...seriesPath, key]), "ref/crime-type", `'${key}' is not one of the crime types listed under crime_types`, `crime types: ${[...ids].join(", ")}`);
    }
  }
  for (const type of data.crime_types) {
    const series = data.time_met.by_crime_type[type.id];
    if (!series) {
      problems.error(file, located.keyAt(seriesPath), "deployment/crime-type-missing", `time_met.by_crime_type has no counts for '${type.id}' (${type.label})`, `add '${type.id}:' with its months`);
      continue;
    }
    const counts = readCounts(series, months, [...seriesPath, type.id], type.label, where);
    byCrimeType.set(type.id, counts);
    checkStatedTotal(series, counts, [...seriesPath, type.id], type.label, where);
  }

  // All high harm: computed as the sum of the crime types, month by month and grade by grade.
  const all = {} as Record<Grade, GradeSeries>;
  for (const grade of GRADES) {
    const met = months.map((_, i) => sum([...byCrimeType.values()].map((s) => s[grade].met[i] ?? 0)));
    const notMet = months.map((_, i) => sum([...byCrimeType.values()].map((s) => s[grade].notMet[i] ?? 0)));
    all[grade] = gradeSeries(months, met, notMet);
  }

  const stated = data.time_met.stated_all_high_harm;
  if (stated) {
    const path = ["time_met", "stated_all_high_harm"];
    const label = "all high-harm incidents";
    const monthsAt = [...path, "months"];
    reportMonthIssues(Object.keys(stated.months), months, monthsAt, label, where);
    for (const [month, counts] of Object.entries(stated.months)) {
      const i = months.indexOf(month);
      if (i < 0) continue;
      for (const grade of GRADES) {
        (["met", "not met"] as const).forEach((what, k) => {
          const statedValue = counts[grade][k];
          const computed = k === 0 ? all[grade].met[i]! : all[grade].notMet[i]!;
          if (statedValue === undefined || disagrees(statedValue, computed)) {
            problems.error(file, located.at([...monthsAt, month, grade, k]), "total/mismatch", `${label}, ${GRADE_LABELS[grade].toLowerCase()}, ${formatMonth(month)}: states ${statedValue} ${what} but the ${byCrimeType.size} crime types sum to ${computed}`, "correct the stated figure or the crime-type counts; the sum is what gets published");
          }
        });
      }
    }
    checkStatedTotal(stated, all, path, label, where);
  }
  return { months, byCrimeType, all };
}

/** Read one crime type's monthly counts: months checked against the period, counts never negative. */
function readCounts(series: CountSeries, months: readonly string[], path: YamlPath, label: string, where: Where): Record<Grade, GradeSeries> {
  const monthsAt = [...path, "months"];
  reportMonthIssues(Object.keys(series.months), months, monthsAt, label, where);
  const out = {} as Record<Grade, GradeSeries>;
  for (const grade of GRADES) {
    const met: number[] = [];
    const notMet: number[] = [];
    months.forEach((month) => {
      const pair = series.months[month]?.[grade];
      pair?.forEach((value, k) => {
        if (value < 0) {
          where.problems.error(where.file, where.located.at([...monthsAt, month, grade, k]), "value/negative", `${label}, ${GRADE_LABELS[grade].toLowerCase()}, ${formatMonth(month)}: the count of incidents ${k === 0 ? "met" : "not met"} is ${value}, but a count cannot be negative`, "write the number of incidents, 0 or more");
        }
      });
      met.push(Math.max(0, pair?.[0] ?? 0));
      notMet.push(Math.max(0, pair?.[1] ?? 0));
    });
    out[grade] = gradeSeries(months, met, notMet);
  }
  return out;
}

/** Report every month-key problem of a series at the line of the key (or of the series, for a missing month). */
export function reportMonthIssues(keys: readonly string[], months: readonly string[], monthsAt: YamlPath, label: string, where: Where): void {
  const { file, located, problems } = where;
  const period = months.length ? `${formatMonth(months[0]!)} to ${formatMonth(months[months.length - 1]!)}` : "the period";
  for (const issue of checkMonthKeys(keys, months)) {
    switch (issue.kind) {
      case "format":
        problems.error(file, located.keyAt([...monthsAt, issue.key]), "value/month", `${label}: '${issue.key}' is not a month written YYYY-MM`, "e.g. 2021-09");
        break;
      case "outside":
        problems.error(file, located.keyAt([...monthsAt, issue.key]), "deployment/month-outside", `${label}: ${issue.key} is outside the period (${period})`, "change 'period' at the top of the file, or remove the month");
        break;
      case "duplicate":
        problems.error(file, located.keyAt([...monthsAt, issue.key]), "deployment/month-duplicate", `${label}: ${issue.key} appears twice`);
        break;
      case "order":
        problems.error(file, located.keyAt([...monthsAt, issue.key]), "deployment/month-order", `${label}: ${issue.key} comes after ${issue.after}; months must be in order`, "move the line so the months run from the earliest to the latest");
        break;
      case "missing":
        problems.error(file, located.keyAt(monthsAt), "deployment/month-missing", `${label} has no counts for ${formatMonth(issue.month)} (${issue.month})`, `every month of ${period} needs a line`);
        break;
    }
  }
}

/** Check the totals a series states (met, not met, % met) against those computed from its months. */
function checkStatedTotal(series: CountSeries, computed: Record<Grade, GradeSeries>, path: YamlPath, label: string, where: Where): void {
  if (!series.stated_total) return;
  for (const grade of GRADES) {
    const stated = series.stated_total[grade];
    if (!stated) continue;
    const s = computed[grade];
    const checks: Array<[keyof typeof stated, number | undefined, number | null, string]> = [
      ["met", stated.met, s.totalMet, "met"],
      ["not_met", stated.not_met, s.totalNotMet, "not met"],
      ["pct", stated.pct, s.totalPct, "% met"],
    ];
    for (const [key, value, actual, what] of checks) {
      if (value === undefined || (actual !== null && !disagrees(value, actual))) continue;
      where.problems.error(where.file, where.located.at([...path, "stated_total", grade, key]), "total/mismatch", `${label}, ${GRADE_LABELS[grade].toLowerCase()}, total ${what}: states ${value} but the months give ${actual ?? "nothing"}`, "correct the stated total (or the monthly counts); the computed total is what gets published");
    }
  }
}

/** Month keys and rate keys of a published-rates series (Tables of attendance by month): checked, then read. */
export interface RateSeries {
  caption: string;
  /** Row key ("all" or a crime type id) → a rate per month (null when missing) and the period's rate. */
  rows: Map<string, { monthly: Array<number | null>; total: number | null }>;
}

export function readRates(data: DeploymentData, months: readonly string[], where: Where): Map<string, RateSeries> {
  const out = new Map<string, RateSeries>();
  const keys = ["all", ...data.crime_types.map((c) => c.id)];
  for (const [id, input] of Object.entries(data.attendance_rates)) {
    const path = ["attendance_rates", id];
    reportMonthIssues(Object.keys(input.months), months, [...path, "months"], `attendance_rates.${id}`, where);
    const rows = new Map<string, { monthly: Array<number | null>; total: number | null }>();
    for (const key of keys) rows.set(key, { monthly: months.map(() => null), total: input.total?.[key] ?? null });
    const checkKeys = (record: Record<string, number>, at: YamlPath, where_: string) => {
      for (const key of Object.keys(record)) {
        if (!keys.includes(key)) where.problems.error(where.file, where.located.keyAt([...at, key]), "ref/crime-type", `${where_}: '${key}' is not 'all' or a crime type listed under crime_types`, `use one of: ${keys.join(", ")}`);
      }
      for (const key of keys) {
        if (!(key in record)) where.problems.error(where.file, where.located.at(at), "deployment/rate-missing", `${where_} has no rate for '${key}'`);
      }
    };
    for (const [month, record] of Object.entries(input.months)) {
      const i = months.indexOf(month);
      checkKeys(record, [...path, "months", month], `attendance_rates.${id}, ${month}`);
      if (i < 0) continue;
      for (const [key, value] of Object.entries(record)) {
        const row = rows.get(key);
        if (row) row.monthly[i] = value;
      }
    }
    if (input.total) checkKeys(input.total, [...path, "total"], `attendance_rates.${id}.total`);
    out.set(id, { caption: input.caption, rows });
  }
  return out;
}

/** Attendance by incident class: the rate computed (whole per cent) and checked against the stated one. */
export interface ClassAttendance {
  id: string;
  label: string;
  total: number;
  attended: number;
  rate: number | null;
}

export function readAttendance(data: DeploymentData, where: Where): { rows: ClassAttendance[]; notes: string[] } {
  const notes: string[] = [];
  const rows = (data.attendance_by_class?.rows ?? []).map((row, i): ClassAttendance => {
    const at = (key: string) => where.located.at(["attendance_by_class", "rows", i, key]);
    if (row.attended > row.total) where.problems.error(where.file, at("attended"), "value/range", `${row.label}: ${row.attended} attended is more than the ${row.total} calls`);
    if (row.total < 0 || row.attended < 0) where.problems.error(where.file, at(row.total < 0 ? "total" : "attended"), "value/negative", `${row.label}: a count cannot be negative`);
    const rate = percentOf(row.attended, row.total, 0);
    if (row.stated_rate !== undefined && rate !== null && row.stated_rate !== rate) {
      const precise = percentOf(row.attended, row.total, 1);
      if (row.erratum) {
        where.problems.warn(where.file, at("stated_rate"), "total/erratum", `${row.label}: the source prints ${row.stated_rate}%, the counts give ${rate}% (${precise}%) (noted as an erratum)`);
        notes.push(`${row.label}: ${row.erratum} The table shows the rate computed from the counts.`);
      } else {
        where.problems.error(where.file, at("stated_rate"), "total/mismatch", `${row.label}: states an attendance rate of ${row.stated_rate}% but ${row.attended} of ${row.total} is ${rate}% (${precise}%)`, "correct the stated rate or the counts, or add 'erratum:' with a note if the source misprints it");
      }
    } else if (row.erratum) {
      where.problems.warn(where.file, at("erratum"), "total/erratum-unused", `${row.label}: the erratum is not needed: the stated rate agrees with the counts`, "remove 'erratum:'");
    }
    return { id: row.id, label: row.label, total: row.total, attended: row.attended, rate };
  });
  return { rows, notes };
}

/** Crime-type and class keys of the time-met summary must name things the file defines. */
export function checkSummaryKeys(data: DeploymentData, where: Where): void {
  const summary = data.time_met_summary;
  if (!summary) return;
  const types = data.crime_types.map((c) => c.id);
  for (const key of Object.keys(summary.by_crime_type)) {
    if (!types.includes(key)) where.problems.error(where.file, where.located.keyAt(["time_met_summary", "by_crime_type", key]), "ref/crime-type", `'${key}' is not one of the crime types listed under crime_types`, `crime types: ${types.join(", ")}`);
  }
  const classes = (data.attendance_by_class?.rows ?? []).map((r) => r.id);
  for (const key of Object.keys(summary.by_class)) {
    if (!classes.includes(key)) where.problems.error(where.file, where.located.keyAt(["time_met_summary", "by_class", key]), "ref/incident-class", `'${key}' is not one of the incident classes in attendance_by_class`, `classes: ${classes.join(", ") || "(none)"}`);
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
