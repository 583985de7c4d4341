/**
 * The tables a deployment paper generates from its data: every figure in them is either data (counts,
 * published rates) or computed (performance.ts); nothing is typed twice.
 */
import type { ColumnInput, TableInput, ColumnType } from "../../tables/schema.ts";
import { formatMonth, formatNumber, formatPercent } from "../../lib/format.ts";
import { compareKpi, type GradeSeries, type Performance } from "./performance.ts";
import type { ClassAttendance, RateSeries } from "./checks.ts";
import { GRADES, GRADE_LABELS, type DeploymentData, type Grade } from "./schema.ts";

type Row = Record<string, unknown>;

export function column(key: string, label: string, type: ColumnType = "text", extra: Partial<ColumnInput> = {}): ColumnInput {
  return { key, label, type, row_header: false, weekday: false, ...extra };
}

export function table(caption: string, columns: ColumnInput[], rows: Row[], options: { wide?: boolean; note?: string } = {}): TableInput {
  return { caption, columns, rows, tolerance: 0, wide: options.wide ?? false, groups: {}, errata: [], ...(options.note ? { note: options.note } : {}) };
}

/** Column key of a month: "2021-09" → "m2021_09". */
export const monthKey = (month: string) => `m${month.replace("-", "_")}`;

export function periodText(months: readonly string[]): string {
  return months.length ? `${formatMonth(months[0]!)} to ${formatMonth(months[months.length - 1]!)}` : "";
}

/** Met, not met, total and % met by month, with the period's totals: the shape of the source's monthly tables. */
export function monthlyTable(caption: string, months: readonly string[], series: GradeSeries, grade: Grade): TableInput {
  const columns = [
    column("line", GRADE_LABELS[grade], "text", { row_header: true }),
    ...months.map((m) => column(monthKey(m), formatMonth(m, { short: true }), "integer")),
    column("total", "Total", "integer"),
  ];
  const byMonth = (values: ReadonlyArray<number | null>) => Object.fromEntries(months.map((m, i) => [monthKey(m), values[i] ?? null]));
  const rows: Row[] = [
    { line: "Met", ...byMonth(series.met), total: series.totalMet },
    { line: "Not met", ...byMonth(series.notMet), total: series.totalNotMet },
    { line: "Total", ...byMonth(series.total), total: series.totalIncidents, emphasis: true },
    { line: "% met", ...byMonth(series.pct), total: series.totalPct, type: "percent", decimals: 1, emphasis: true },
  ];
  return table(caption, columns, rows, { wide: true });
}

export function gradingTable(scheme: DeploymentData["grading_schemes"][number]): TableInput {
  return table(
    scheme.caption,
    [column("grade", "Grade", "text", { row_header: true }), column("response", "Response"), column("target", "Attendance target")],
    scheme.grades.map((g) => ({ grade: String(g.grade), response: g.response, target: g.target })),
  );
}

/** The KPI list: each target, and the achieved figure beside it where this paper's data has one. */
export function kpiTable(data: DeploymentData, perf: Performance, months: readonly string[]): TableInput {
  const rows = data.kpis.map((kpi) => {
    const target = kpi.direction === "at_least" ? `At least ${formatPercent(kpi.target, 0)}` : `Below ${formatPercent(kpi.target, 0)}`;
    const achieved = kpi.measured_by ? perf.all[kpi.measured_by].totalPct : null;
    if (!kpi.measured_by || achieved === null) {
      return { measure: kpi.measure, target, achieved: "No figure in this report", result: "Not reported" };
    }
    const result = compareKpi(achieved, kpi.target, kpi.direction);
    const gap = result.gap === 0 ? "on target" : `${formatNumber(Math.abs(result.gap), 1)} percentage points ${result.gap < 0 ? "below" : "above"} target`;
    return {
      measure: kpi.measure,
      target,
      achieved: `${formatPercent(achieved, 1)} (high-harm incidents graded ${kpi.measured_by}, ${periodText(months)})`,
      result: `${result.met ? "Met" : "Not met"}: ${gap}`,
    };
  });
  return table(
    "Key performance indicators for contact and response, with the figure this report gives for each",
    [column("measure", "Indicator", "text", { row_header: true }), column("target", "Target"), column("achieved", "Achieved"), column("result", "Result")],
    rows,
  );
}

export function attendanceTable(rows: readonly ClassAttendance[], caption: string, notes: readonly string[]): TableInput {
  return {
    ...table(
      caption,
      [
        column("label", "Incidents", "text", { row_header: true }),
        column("total", "Total calls", "integer"),
        column("attended", "Attended calls", "integer"),
        column("not_attended", "Not attended", "integer", { difference_of: ["total", "attended"] }),
        column("rate", "Attendance rate", "percent", { ratio_of: ["attended", "total"], decimals: 0 }),
      ],
      rows.map((r) => ({ label: r.label, total: r.total, attended: r.attended })),
      notes.length ? { note: notes.join(" ") } : {},
    ),
    total_row: { label: "All incidents" } as TableInput["total_row"],
  };
}

/** Published rates by month (rows: all high harm, then each crime type), with the period's rate. */
export function ratesTable(series: RateSeries, data: DeploymentData, months: readonly string[]): TableInput {
  const labels = new Map<string, string>([["all", "All high harm"], ...data.crime_types.map((c) => [c.id, c.label] as [string, string])]);
  const columns = [
    column("line", "Crime type", "text", { row_header: true }),
    ...months.map((m) => column(monthKey(m), formatMonth(m, { short: true }), "percent", { decimals: 1 })),
    column("total", "Total", "percent", { decimals: 1 }),
  ];
  const rows = [...series.rows].map(([key, row]) => ({
    line: labels.get(key) ?? key,
    ...Object.fromEntries(months.map((m, i) => [monthKey(m), row.monthly[i] ?? null])),
    total: row.total,
    ...(key === "all" ? { emphasis: true } : {}),
  }));
  return table(`${series.caption}, ${periodText(months)} (per cent, as published)`, columns, rows, { wide: true });
}

/** Whole-per-cent shares of target times met by grade, as published (no counts behind them). */
export function summaryTable(caption: string, record: Record<string, Record<Grade, number>>, labelOf: (key: string) => string, first: string): TableInput {
  return table(
    caption,
    [column("line", first, "text", { row_header: true }), ...GRADES.map((g) => column(g, `${GRADE_LABELS[g]}: time met`, "percent", { decimals: 0 }))],
    Object.entries(record).map(([key, rates]) => ({ line: labelOf(key), ...rates })),
  );
}

/** Computed % met over the period, by crime type (rows) and grade (columns): the data of the grouped-bar chart. */
export function crimeGradeTable(data: DeploymentData, perf: Performance, months: readonly string[]): TableInput {
  return table(
    `Target response time met, by crime type and grade, ${periodText(months)} (per cent, computed from the counts)`,
    [column("crime", "Crime type", "text", { row_header: true }), ...GRADES.map((g) => column(g, GRADE_LABELS[g], "percent", { decimals: 1 }))],
    [
      ...data.crime_types.map((c) => ({ crime: c.short, ...Object.fromEntries(GRADES.map((g) => [g, perf.byCrimeType.get(c.id)?.[g].totalPct ?? null])) })),
      { crime: "All high harm", ...Object.fromEntries(GRADES.map((g) => [g, perf.all[g].totalPct])), emphasis: true },
    ],
  );
}

export function actionsTable(data: DeploymentData, whenText: (a: DeploymentData["actions"][number]) => string): TableInput {
  return table(
    "Actions and dates set out in the report",
    [column("when", "When", "text", { row_header: true }), column("action", "Action"), column("status", "Status")],
    data.actions.map((a) => ({ when: whenText(a), action: a.title, status: a.status ?? "" })),
  );
}
