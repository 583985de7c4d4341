/**
 * The tables and charts this kind generates from the inspection data. They go through the generic table
 * machinery (computed and checked like authored ones) and the generic chart machinery (SVG, caption,
 * summary sentence and data table).
 */
import type { ChartInput } from "../../charts/chart.ts";
import type { ColumnInput, TableInput } from "../../tables/schema.ts";
import { PALETTE } from "../../charts/chart.ts";
import { GRADES } from "./schema.ts";
import type { HmicfrsData } from "./schema.ts";
import { GRADE_LABELS, MOVEMENT_LABELS, byLead, byQuarter, countByPillar, gradeScore, movement } from "./build.ts";

/** A total row with no stated values (the type's index signature is for stated figures). */
const TOTAL = { label: "Total" } as NonNullable<TableInput["total_row"]>;

type ColumnOptions = Partial<Omit<ColumnInput, "key" | "label">>;

function col(key: string, label: string, options: ColumnOptions = {}): ColumnInput {
  return { key, label, type: "text", row_header: false, weekday: false, ...options };
}

function table(caption: string, columns: ColumnInput[], rows: Array<Record<string, unknown>>, extra: Partial<TableInput> = {}): TableInput {
  return { caption, tolerance: 0, wide: false, groups: {}, errata: [], columns, rows, ...extra };
}

export function generatedTables(data: HmicfrsData): Record<string, TableInput> {
  const cycle = data.inspection.cycle;
  const previous = data.inspection.previous_cycle.label;
  const subQuestions = data.pillars.flatMap((p) => p.sub_questions.map((sq) => ({ pillar: p, sq })));
  const pillarIds = data.pillars.map((p) => p.id);

  return {
    "afis-by-pillar": table(
      "Areas for improvement identified by HMICFRS, by pillar",
      [col("pillar", "Pillar", { row_header: true }), col("areas", "Number of areas for improvement", { type: "integer" }), col("share", "Share of all areas", { type: "percent", decimals: 1, share_of: "areas" })],
      data.pillars.map((p) => ({ id: p.id, pillar: p.title, areas: countByPillar(p) })),
      { total_row: TOTAL },
    ),
    "graded-judgements": table(
      `Graded judgements: ${cycle} inspection against ${previous}`,
      [col("pillar", "Pillar"), col("question", "Question", { row_header: true }), col("now", `This inspection (${cycle})`), col("previous", `Previous (${previous})`), col("change", "Change")],
      data.pillars.flatMap((p) => [
        { id: p.id, pillar: p.title, question: `${p.title} (overall)`, now: GRADE_LABELS[p.grade], previous: GRADE_LABELS[p.previous_grade], change: MOVEMENT_LABELS[movement(p.grade, p.previous_grade)], emphasis: true },
        ...p.sub_questions.map((sq) => ({ id: sq.id, pillar: p.title, question: sq.short_title, now: GRADE_LABELS[sq.grade], previous: GRADE_LABELS[sq.previous_grade], change: MOVEMENT_LABELS[movement(sq.grade, sq.previous_grade)] })),
      ]),
    ),
    "grades-by-question": table(
      `Grades by sub-question, ${cycle} and ${previous} (score: 4 outstanding, 3 good, 2 requires improvement, 1 inadequate)`,
      [col("question", "Sub-question", { row_header: true }), col("now", cycle), col("previous", previous), col("now_score", `${cycle} score`, { type: "integer" }), col("previous_score", `${previous} score`, { type: "integer" })],
      subQuestions.map(({ sq }) => ({ id: sq.id, question: sq.short_title, now: GRADE_LABELS[sq.grade], previous: GRADE_LABELS[sq.previous_grade], now_score: gradeScore(sq.grade), previous_score: gradeScore(sq.previous_grade) })),
    ),
    "actions-by-quarter": table(
      "Areas for improvement by the quarter their actions are due to be completed, by pillar",
      [col("quarter", "Due", { row_header: true }), ...data.pillars.map((p) => col(p.id, p.title, { type: "integer" })), col("total", "All pillars", { type: "integer", sum_of: pillarIds })],
      byQuarter(data.progress).map((group) => ({
        id: group.label,
        quarter: group.label,
        ...Object.fromEntries(data.pillars.map((p) => [p.id, group.rows.filter((r) => p.sub_questions.some((sq) => sq.areas_for_improvement.some((a) => a.id === r.afi))).length])),
      })),
      { total_row: TOTAL },
    ),
    "actions-by-lead": table(
      "Areas for improvement by responsible lead",
      [col("lead", "Responsible lead", { row_header: true }), col("areas", "Areas for improvement", { type: "integer" })],
      byLead(data.progress, data.leads).sort((a, b) => b.rows.length - a.rows.length).map((g) => ({ id: g.lead, lead: g.title, areas: g.rows.length })),
      { total_row: TOTAL },
    ),
    "service-in-numbers": table(
      "Service in numbers: Essex County Fire and Rescue Service against England",
      [col("metric", "Measure", { row_header: true }), col("essex", "Essex", { type: "number", decimals: 2 }), col("england", "England", { type: "number", decimals: 2 })],
      serviceRows(data),
    ),
  };
}

/** Metric rows under a heading row per section; each row prints in its own type (%, £, rate). */
function serviceRows(data: HmicfrsData): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  let section = "";
  for (const m of data.service_in_numbers) {
    if (m.section !== section) {
      section = m.section;
      rows.push({ heading: true, metric: section });
    }
    rows.push({ id: m.id, metric: `${m.label} (${m.period.charAt(0).toLowerCase()}${m.period.slice(1)})`, essex: m.essex, england: m.england, type: m.type, decimals: m.decimals });
  }
  return rows;
}

const GRADE_AXIS = `{${GRADES.map((g) => `${gradeScore(g)}: '${GRADE_LABELS[g]}'`).join(", ")}}[datum.value]`;

export function generatedCharts(data: HmicfrsData): Record<string, ChartInput> {
  const cycle = data.inspection.cycle;
  const previous = data.inspection.previous_cycle.label;
  return {
    "afis-chart": { caption: "Areas for improvement by pillar", table: "afis-by-pillar", mark: "bar", x: "pillar", y: ["areas"], y_title: "Areas for improvement" },
    "grades-chart": {
      caption: `Graded judgement for each sub-question: ${cycle} inspection against ${previous}`,
      table: "grades-by-question",
      mark: "bar",
      x: "question",
      y: ["now_score", "previous_score"],
      // Horizontal bars, grade words on the value axis; the legend and the data table (grade words) name each bar.
      spec: {
        height: { step: 11 },
        width: 420,
        encoding: {
          y: { field: "category", type: "nominal", sort: null, title: null, axis: { labelLimit: 0 } },
          x: { field: "value", type: "quantitative", title: "Grade", scale: { domain: [0, 4] }, axis: { values: [1, 2, 3, 4], labelExpr: GRADE_AXIS, labelAngle: 0, labelOverlap: false, labelLimit: 0, labelFlush: false } },
          yOffset: { field: "series", sort: [`${cycle} score`, `${previous} score`] },
          color: { field: "series", type: "nominal", title: null, scale: { range: [PALETTE[0], PALETTE[1]] }, sort: [`${cycle} score`, `${previous} score`], legend: { orient: "bottom", title: null } },
        },
      },
    },
    "quarters-chart": { caption: "Areas for improvement by due quarter of their actions", table: "actions-by-quarter", mark: "bar", x: "quarter", y: ["total"], y_title: "Areas for improvement" },
    "service-chart": {
      caption: "Service in numbers: Essex against England (each measure on its own scale)",
      table: "service-in-numbers",
      mark: "bar",
      x: "metric",
      y: ["essex", "england"],
      // One small panel per measure, since the measures have different units.
      spec: {
        width: 480,
        height: { step: 14 },
        spacing: 8,
        encoding: {
          row: { field: "category", type: "nominal", sort: null, title: null, header: { labelOrient: "top", labelAngle: 0, labelAlign: "left", labelAnchor: "start", labelLimit: 0, labelFontSize: 12, labelPadding: 2 } },
          y: { field: "series", type: "nominal", title: null, sort: ["Essex", "England"], axis: { labelLimit: 0 } },
          x: { field: "value", type: "quantitative", title: null },
          color: { field: "series", type: "nominal", title: null, sort: ["Essex", "England"] },
        },
        resolve: { scale: { x: "independent" } },
      },
    },
  };
}
