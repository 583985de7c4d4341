/**
 * The deployment kind: a paper on a police force's policy for attending incidents and its performance against
 * it. Its data file holds the grading schemes, KPIs, crime types, published rates and the monthly counts of
 * target response times met and not met; this kind checks them, computes every total and percentage, and hands
 * the generic machinery the tables, charts, prose values and blocks the narrative places.
 */
import type { KindExtras } from "../generic/index.ts";
import type { KindBlock } from "../../model/body.ts";
import { placedFigures } from "../../markdown/directives.ts";
import { shippedTemplates } from "../templates.ts";
import { defineKind, validateOwnData, type KindContext } from "../define.ts";
import { formatDate, formatInteger, formatMonth, formatNumber, formatPercent } from "../../lib/format.ts";
import type { ChartInput } from "../../charts/chart.ts";
import type { TableInput } from "../../tables/schema.ts";
import type { PaperBody } from "../kind.ts";
import { analyse, compareKpi, type Performance } from "./performance.ts";
import { checkSummaryKeys, readAttendance, readRates, type Where } from "./checks.ts";
import { attendedChart, crimeGradeChart, gradeChart } from "./charts.ts";
import { deploymentSchema, GRADE_LABELS, GRADES, type DeploymentData } from "./schema.ts";
import { deploymentScaffold } from "./scaffold.ts";
import { actionsTable, attendanceTable, crimeGradeTable, gradingTable, kpiTable, monthlyTable, periodText, ratesTable, summaryTable } from "./tables.ts";

export const deploymentKind = defineKind({
  name: "deployment",
  description: "Deployment to incidents: grading policy, KPIs and monthly response-time performance by crime type and grade",
  data: deploymentSchema,
  scaffold: deploymentScaffold,
  templates: shippedTemplates("deployment"),
  build: buildDeploymentBody,
  rules: {
    "deployment/month-missing": { severity: "error", description: "a month of the period has no counts for a crime type or grade" },
    "deployment/month-duplicate": { severity: "error", description: "the same month is given twice" },
    "deployment/month-order": { severity: "error", description: "months out of calendar order" },
    "deployment/month-outside": { severity: "error", description: "a month outside the report's period" },
    "deployment/crime-type-missing": { severity: "error", description: "a crime type of the canonical list has no counts" },
    "deployment/rate-missing": { severity: "error", description: "a published attendance rate is missing for a month" },
    "ref/crime-type": { severity: "error", description: "a crime type that is not in the canonical list" },
    "ref/incident-class": { severity: "error", description: "an incident class that is not in the list" },
    "value/month": { severity: "error", description: "a month not written YYYY-MM" },
    "value/negative": { severity: "error", description: "a negative count" },
    "value/period": { severity: "error", description: "a period whose end comes before its start" },
    "value/range": { severity: "error", description: "a percentage outside 0–100" },
  },
});

async function buildDeploymentBody(data: DeploymentData, ctx: KindContext): Promise<PaperBody> {
  const where: Where = { file: ctx.dataFile, located: ctx.data, problems: ctx.problems };
  const extras = deploymentExtras(data, where, ctx.block);
  const placed = new Set(placedFigures(ctx.body).map((f) => f.id));
  for (const id of Object.keys(extras.tables ?? {})) {
    if (id.startsWith("appendix-") && !placed.has(id)) {
      ctx.problems.warn(ctx.paperFile, undefined, "figure/unused", `the generated table '${id}' is never placed in the paper`, `add '::: table ${id}' to the appendix`);
    }
  }
  return ctx.genericBody(extras);
}

/** Validate the kind's own keys of the data file (the generic part checks the rest). */
export function readDeploymentData(where: Where): DeploymentData | undefined {
  return validateOwnData(deploymentSchema, where.located, where.file, where.problems);
}

export interface DeploymentModel {
  perf: Performance;
  extras: KindExtras;
}

/** Everything generated from the data: tables, charts, prose values and blocks (`block` names one of this kind's templates). */
export function deploymentExtras(data: DeploymentData, where: Where, block: (name: string, params: object) => KindBlock): KindExtras {
  const perf = analyse(data, where);
  const months = perf.months;
  const rates = readRates(data, months, where);
  const attendance = readAttendance(data, where);
  checkSummaryKeys(data, where);

  const tables: Record<string, TableInput> = {};
  const charts: Record<string, ChartInput> = {};
  const values: Record<string, string> = {};
  const blocks: Record<string, KindBlock> = {};
  const period = periodText(months);
  const crimeLabel = (id: string) => data.crime_types.find((c) => c.id === id)?.label ?? id;

  for (const scheme of data.grading_schemes) tables[`grading-${scheme.id}`] = gradingTable(scheme);
  tables.kpis = kpiTable(data, perf, months);

  if (data.attendance_by_class) {
    const p = data.attendance_by_class.period;
    tables["attendance-by-class"] = attendanceTable(attendance.rows, `Calls and attendance by incident class, ${formatDate(p.from)} to ${formatDate(p.to)}`, attendance.notes);
    for (const row of attendance.rows) {
      if (row.rate !== null) values[`attendance-${row.id}-rate`] = formatPercent(row.rate, 0);
      values[`attendance-${row.id}-total`] = formatInteger(row.total);
      values[`attendance-${row.id}-attended`] = formatInteger(row.attended);
    }
  }
  if (data.time_met_summary) {
    const s = data.time_met_summary;
    const span = `${formatDate(s.period.from)} to ${formatDate(s.period.to)}`;
    const classLabel = (id: string) => data.attendance_by_class?.rows.find((r) => r.id === id)?.label ?? id;
    tables["time-met-by-crime-type"] = summaryTable(`Target response times met for high-harm incidents, by crime type and grade, ${span} (per cent, as published)`, s.by_crime_type, crimeLabel, "Crime type");
    tables["time-met-by-class"] = summaryTable(`Target response times met, high-harm and other incidents, by grade, ${span} (per cent, as published)`, s.by_class, classLabel, "Incidents");
    for (const [key, record] of Object.entries(s.by_class)) for (const g of GRADES) values[`summary-${key}-${g}`] = formatPercent(record[g], 0);
  }
  for (const [id, series] of rates) {
    tables[`rates-${id}`] = ratesTable(series, data, months);
    for (const [key, row] of series.rows) if (row.total !== null) values[`rate-${id}-${key}`] = formatPercent(row.total, 1);
  }

  // Performance of all high-harm incidents by grade, against the KPI where one is set.
  values.period = period;
  values["month-count"] = formatInteger(months.length);
  values["high-harm-incidents"] = formatInteger(GRADES.reduce((a, g) => a + perf.all[g].totalIncidents, 0));
  for (const grade of GRADES) {
    const s = perf.all[grade];
    const kpi = data.kpis.find((k) => k.measured_by === grade);
    tables[`performance-${grade}`] = monthlyTable(`Target response times met for all high-harm incidents graded ${grade}, by month, ${period}`, months, s, grade);
    const chart = gradeChart(grade, perf, kpi?.target);
    tables[`chart-${grade}-data`] = chart.table;
    charts[`chart-${grade}`] = chart.chart;
    values[`${grade}-met`] = formatInteger(s.totalMet);
    values[`${grade}-not-met`] = formatInteger(s.totalNotMet);
    values[`${grade}-incidents`] = formatInteger(s.totalIncidents);
    if (s.totalPct !== null) values[`${grade}-pct`] = formatPercent(s.totalPct, 1);
    if (s.best) values[`${grade}-best`] = `${formatMonth(s.best.month)} (${formatPercent(s.best.pct, 1)})`;
    if (s.worst) values[`${grade}-worst`] = `${formatMonth(s.worst.month)} (${formatPercent(s.worst.pct, 1)})`;
    if (kpi && s.totalPct !== null) {
      const result = compareKpi(s.totalPct, kpi.target, kpi.direction);
      values[`${grade}-kpi-target`] = formatPercent(kpi.target, 0);
      values[`${grade}-kpi-gap`] = `${formatNumber(Math.abs(result.gap), 1)} percentage points ${result.gap < 0 ? "below" : "above"}`;
      values[`${grade}-kpi-result`] = result.met ? "met" : "not met";
    }
  }

  // By crime type: the computed summary, its chart, and the appendix's fifteen tables.
  tables["chart-crime-grade-data"] = crimeGradeTable(data, perf, months);
  charts["chart-crime-grade"] = crimeGradeChart(data, months);
  for (const type of data.crime_types) {
    const series = perf.byCrimeType.get(type.id);
    if (!series) continue;
    for (const grade of GRADES) {
      tables[`appendix-${type.id}-${grade}`] = monthlyTable(`${type.label}: target response times met for incidents graded ${grade}, by month`, months, series[grade], grade);
      const s = series[grade];
      if (s.totalPct !== null) values[`${type.id}-${grade}-pct`] = formatPercent(s.totalPct, 1);
      if (s.best) values[`${type.id}-${grade}-best`] = `${formatMonth(s.best.month)} (${formatPercent(s.best.pct, 1)})`;
      if (s.worst) values[`${type.id}-${grade}-worst`] = `${formatMonth(s.worst.month)} (${formatPercent(s.worst.pct, 1)})`;
    }
  }
  const firstRates = rates.get("all_grades") ?? [...rates.values()][0];
  if (firstRates) {
    const chart = attendedChart(data, firstRates, months);
    tables["chart-attended-data"] = chart.table;
    charts["chart-attended"] = chart.chart;
  }

  if (data.actions.length) tables.actions = actionsTable(data, actionWhen);
  for (const finding of data.findings) blocks[`finding-${finding.id}`] = block("finding", { finding });
  blocks["crime-types"] = block("crime-types", { types: data.crime_types, labels: GRADE_LABELS });
  return { tables, charts, values, blocks };
}

/** A partial date in prose: 2023 → "2023", 2023-01 → "January 2023", 2022-12-31 → "31 December 2022". */
export function partialDateText(value: string): string {
  if (/^\d{4}$/.test(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value)) return formatMonth(value);
  return formatDate(value);
}

export function actionWhen(action: DeploymentData["actions"][number]): string {
  if (action.when) return action.when;
  if (action.date) return partialDateText(action.date);
  if (action.start && action.due) return `${partialDateText(action.start)} to ${partialDateText(action.due)}`;
  if (action.start) return `From ${partialDateText(action.start)}`;
  if (action.due) return `By ${partialDateText(action.due)}`;
  return "Not dated";
}
