/**
 * The deployment kind's checks of its data file, each problem reported at the file and line of the offending
 * value: the month keys of every series against the period, stated totals against those computed from the
 * months, the published attendance rates' months and keys, the rate of each incident class against its
 * counts, and the keys of the time-met summary.
 */
import { disagrees } from "../../lib/stated.ts";
import type { Problems } from "../../content/problems.ts";
import type { Located, YamlPath } from "../../content/yaml.ts";
import { formatMonth, percentOf } from "../../lib/format.ts";
import { GRADES, GRADE_LABELS, type CountSeries, type DeploymentData, type Grade } from "./schema.ts";
import { checkMonthKeys } from "./periods.ts";
import type { GradeSeries } from "./performance.ts";

export interface Where {
  file: string;
  located: Located;
  problems: Problems;
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
export function checkStatedTotal(series: CountSeries, computed: Record<Grade, GradeSeries>, path: YamlPath, label: string, where: Where): void {
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
