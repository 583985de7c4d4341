/**
 * The deployment kind's figures: from the counts of incidents whose target response time was met or not met
 * (per crime type, month and grade) it computes every total, percentage met, all-high-harm figure, KPI
 * comparison and best and worst month. The counts are checked as they are read (checks.ts).
 */
import { disagrees } from "../../lib/stated.ts";
import type { YamlPath } from "../../content/yaml.ts";
import { formatMonth, percentOf, roundHalfUp } from "../../lib/format.ts";
import { GRADES, GRADE_LABELS, type CountSeries, type DeploymentData, type Grade } from "./schema.ts";
import { monthsBetween } from "./periods.ts";
import { checkStatedTotal, reportMonthIssues, type Where } from "./checks.ts";

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

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
