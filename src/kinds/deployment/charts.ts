/**
 * The deployment kind's charts: each is a ChartInput over a generated table (so it gets a caption, a
 * generated summary sentence and its data table from the generic machinery), with vega-lite overrides for a
 * fixed 0–100 per cent scale, a KPI target drawn as its own dashed series, and labelled grouped bars.
 */
import type { ChartInput } from "../../charts/chart.ts";
import type { TableInput } from "../../tables/schema.ts";
import { formatMonth, formatPercent } from "../../lib/format.ts";
import type { Performance } from "./performance.ts";
import type { RateSeries } from "./checks.ts";
import { GRADE_LABELS, GRADES, type DeploymentData, type Grade } from "./schema.ts";
import { column, periodText, table } from "./tables.ts";

const PERCENT_AXIS = { field: "value", type: "quantitative", title: "Per cent", scale: { domain: [0, 100] } } as const;

/** A line encoding over the generic chart points (category, series, value) with a 0–100 scale; shape and dash per series. */
function lineEncoding(categories: string[], series: string[]): Record<string, unknown> {
  return {
    x: { field: "category", type: "ordinal", sort: categories, title: null, axis: { labelAngle: -40 } },
    y: PERCENT_AXIS,
    color: { field: "series", type: "nominal", title: null, sort: series },
    shape: { field: "series", type: "nominal", title: null, sort: series },
    strokeDash: { field: "series", type: "nominal", title: null, sort: series },
  };
}

/** % met by month for one grade of all high-harm incidents, with its KPI target as a second, dashed series. */
export function gradeChart(grade: Grade, perf: Performance, target: number | undefined): { table: TableInput; chart: ChartInput } {
  const months = perf.months;
  const series = perf.all[grade];
  const targetLabel = target === undefined ? "" : `KPI target (${formatPercent(target, 0)})`;
  const columns = [
    column("month", "Month", "text", { row_header: true }),
    column("pct", "% met", "percent", { decimals: 1 }),
    ...(target === undefined ? [] : [column("target", targetLabel, "percent", { decimals: 0 })]),
  ];
  const rows = months.map((m, i) => ({ month: formatMonth(m, { short: true }), pct: series.pct[i] ?? null, ...(target === undefined ? {} : { target }) }));
  const labels = months.map((m) => formatMonth(m, { short: true }));
  const name = GRADE_LABELS[grade].toLowerCase();
  return {
    table: table(`High-harm incidents graded ${name}: % of target response times met by month`, columns, rows),
    chart: {
      caption: `High-harm incidents graded ${name}: percentage of target response times met by month, ${periodText(months)}${target === undefined ? " (no KPI target is set for this grade)" : `, against the KPI target of ${formatPercent(target, 0)}`}`,
      table: `chart-${grade}-data`,
      mark: "line",
      x: "month",
      y: target === undefined ? ["pct"] : ["pct", "target"],
      y_title: "Per cent",
      spec: { encoding: lineEncoding(labels, target === undefined ? ["% met"] : ["% met", targetLabel]) },
    },
  };
}

/** % met over the period by crime type, one panel per grade (so grade is named, not only coloured), values labelled. */
export function crimeGradeChart(data: DeploymentData, months: readonly string[]): ChartInput {
  const crimeLabels = [...data.crime_types.map((c) => c.short), "All high harm"];
  const grades = GRADES.map((g) => GRADE_LABELS[g]);
  const x = { field: "category", type: "ordinal", sort: crimeLabels, title: null, axis: { labelAngle: -40 } };
  return {
    caption: `Percentage of target response times met by crime type and grade, ${periodText(months)}`,
    table: "chart-crime-grade-data",
    mark: "bar",
    x: "crime",
    y: [...GRADES],
    y_title: "Per cent",
    spec: {
      mark: undefined,
      encoding: undefined,
      width: undefined,
      height: undefined,
      facet: { column: { field: "series", type: "nominal", sort: grades, title: null, header: { labelFontSize: 13, labelFontWeight: "bold" } } },
      spec: {
        width: 170,
        height: 220,
        layer: [
          { mark: { type: "bar" }, encoding: { x, y: PERCENT_AXIS, color: { field: "series", type: "nominal", sort: grades, legend: null } } },
          { mark: { type: "text", dy: -6, fontSize: 10, color: "#0b0c0c" }, encoding: { x, y: PERCENT_AXIS, text: { field: "value", type: "quantitative", format: ".1f" } } },
        ],
      },
    },
  };
}

/** Published attendance rates by month, a line per crime type and one for all high harm. */
export function attendedChart(data: DeploymentData, series: RateSeries, months: readonly string[]): { table: TableInput; chart: ChartInput } {
  const keys = [...series.rows.keys()];
  const labelOf = (key: string) => (key === "all" ? "All high harm" : (data.crime_types.find((c) => c.id === key)?.short ?? key));
  const columns = [column("month", "Month", "text", { row_header: true }), ...keys.map((k) => column(k, labelOf(k), "percent", { decimals: 1 }))];
  const rows = months.map((m, i) => ({ month: formatMonth(m, { short: true }), ...Object.fromEntries(keys.map((k) => [k, series.rows.get(k)!.monthly[i] ?? null])) }));
  return {
    table: table(`${series.caption}, by month (per cent, as published)`, columns, rows),
    chart: {
      caption: `${series.caption}, ${periodText(months)}`,
      table: "chart-attended-data",
      mark: "line",
      x: "month",
      y: keys,
      y_title: "Per cent",
      spec: { encoding: lineEncoding(months.map((m) => formatMonth(m, { short: true })), keys.map(labelOf)), height: 300 },
    },
  };
}
