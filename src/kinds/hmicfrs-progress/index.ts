/**
 * The HMICFRS inspection progress report: the inspection's grades, causes of concern and areas for improvement
 * (AFIs) with the service's progress against each, all from one data file. Counts, grade movements, quarter
 * roll-ups and overdue items are computed; Appendix 2 prints "HMICFRS said" from the AFI record itself.
 */
import type { Problems } from "../../content/problems.ts";
import type { Located } from "../../content/yaml.ts";
import { counted, formatDate, formatInteger, formatQuarter, quarterEnd } from "../../lib/format.ts";
import { MONTHS } from "../../lib/dates.ts";
import type { KindExtras } from "../generic/index.ts";
import type { KindBlock } from "../../model/body.ts";
import { shippedTemplates } from "../templates.ts";
import { defineKind, validateOwnData, type KindContext } from "../define.ts";
import type { PaperBody, PaperContext } from "../kind.ts";
import { hmicfrsDataSchema, type HmicfrsData } from "./schema.ts";
import { hmicfrsProgressScaffold } from "./scaffold.ts";
import {
  GRADE_LABELS, allAfis, byLead, byQuarter, checkInspection, countByPillar, countBySubQuestion, dueStatus, gradeScore,
  movementCounts, quarterOf,
} from "./build.ts";
import { generatedCharts, generatedTables } from "./figures.ts";

/** Validate this kind's keys of the data file and run the data checks; undefined when the shape is wrong. */
export function loadInspection(located: Located, file: string, problems: Problems): HmicfrsData | undefined {
  const data = validateOwnData(hmicfrsDataSchema, located, file, problems);
  if (data) checkInspection(data, located, file, problems);
  return data;
}

/** Counts typed into the narrative next to "areas for/of improvement" (they must come from [@value:…]). */
export function typedCounts(body: string): Array<{ line: number; column: number; text: string }> {
  const out: Array<{ line: number; column: number; text: string }> = [];
  body.split("\n").forEach((line, i) => {
    for (const match of line.matchAll(/\b\d+\s+areas?\s+(?:for|of)\s+improvement\b/gi)) out.push({ line: i + 1, column: (match.index ?? 0) + 1, text: match[0] });
  });
  return out;
}

const lower = (s: string) => s.toLowerCase();
const month = (isoMonth: string) => `${MONTHS[Number(isoMonth.slice(5, 7)) - 1]} ${isoMonth.slice(0, 4)}`;

/** Prose values for [@value:…]: every figure the narrative quotes about the inspection, computed. */
export function proseValues(data: HmicfrsData, meetingDate: string): Record<string, string> {
  const values: Record<string, string> = {};
  const afis = allAfis(data.pillars);
  const subQuestions = data.pillars.flatMap((p) => p.sub_questions);
  values["afi-total"] = formatInteger(afis.length);
  values["afi-repeat"] = formatInteger(afis.filter((a) => a.repeat).length);
  for (const p of data.pillars) {
    values[`afi-${p.id}`] = formatInteger(countByPillar(p));
    values[`grade-${p.id}`] = lower(GRADE_LABELS[p.grade]);
    values[`previous-grade-${p.id}`] = lower(GRADE_LABELS[p.previous_grade]);
  }
  for (const sq of subQuestions) {
    values[`afi-${sq.id}`] = formatInteger(countBySubQuestion(sq));
    values[`grade-${sq.id}`] = lower(GRADE_LABELS[sq.grade]);
    values[`previous-grade-${sq.id}`] = lower(GRADE_LABELS[sq.previous_grade]);
  }
  values["pillar-count"] = formatInteger(data.pillars.length);
  const pillarGrades = new Set(data.pillars.map((p) => p.grade));
  values["pillar-grade-summary"] = pillarGrades.size === 1
    ? `“${GRADE_LABELS[data.pillars[0]!.grade]}” for each of the ${formatInteger(data.pillars.length)} pillars`
    : data.pillars.map((p) => `“${GRADE_LABELS[p.grade]}” for ${p.title.toLowerCase()}`).join(", ");
  values["sub-question-count"] = formatInteger(subQuestions.length);
  const moves = movementCounts(data.pillars);
  values["moved-up"] = formatInteger(moves.up);
  values["moved-down"] = formatInteger(moves.down);
  values["moved-same"] = formatInteger(moves.same);
  const goodOrBetter = gradeScore("good");
  values["good-now"] = formatInteger(subQuestions.filter((sq) => gradeScore(sq.grade) >= goodOrBetter).length);
  values["good-previous"] = formatInteger(subQuestions.filter((sq) => gradeScore(sq.previous_grade) >= goodOrBetter).length);

  const i = data.inspection;
  values.cycle = i.cycle;
  values["previous-cycle"] = i.previous_cycle.label;
  values["previous-year"] = i.previous_cycle.year;
  values.published = month(i.published);
  values.fieldwork = i.fieldwork.from.slice(0, 4) === i.fieldwork.to.slice(0, 4)
    ? `${MONTHS[Number(i.fieldwork.from.slice(5, 7)) - 1]} and ${month(i.fieldwork.to)}`
    : `${month(i.fieldwork.from)} to ${month(i.fieldwork.to)}`;
  if (i.fieldwork.weeks) values["fieldwork-weeks"] = formatInteger(i.fieldwork.weeks);
  if (i.revisit) values["revisit-week"] = formatDate(i.revisit.week_commencing);
  if (i.next_full_inspection) values["next-inspection"] = i.next_full_inspection;
  for (const coc of data.causes_of_concern) {
    values[`${coc.id}-status`] = coc.status;
    coc.recommendations.forEach((r, ri) => {
      values[`${coc.id}-recommendation-${ri + 1}-due`] = formatDate(r.due);
    });
  }

  const status = dueStatus(data.progress, meetingDate);
  const current = quarterOf(meetingDate);
  values["current-quarter"] = formatQuarter(current);
  values["year-end"] = formatDate(quarterEnd({ quarter: 4, fyStart: current.fyStart }));
  values["due-by-year-end"] = formatInteger(status.dueByYearEnd.length);
  values["due-this-quarter"] = formatInteger(status.dueThisQuarter.length);
  values["due-later"] = formatInteger(status.later.length);
  values["no-timescale"] = formatInteger(status.noTimescale.length);
  values["no-future"] = formatInteger(data.progress.filter((r) => r.future.length === 0).length);
  values["overdue-summary"] = status.overdue.length === 0
    ? `no action was past the end of its due quarter at ${formatDate(meetingDate)}`
    : `${formatInteger(status.overdue.length)} action${status.overdue.length === 1 ? " was" : "s were"} past the end of ${status.overdue.length === 1 ? "its" : "their"} due quarter at ${formatDate(meetingDate)} (${status.overdue.map((r) => r.afi).join(", ")})`;
  const quarters = byQuarter(data.progress).filter((g) => g.quarter);
  if (quarters.length) {
    values["first-quarter"] = quarters[0]!.label;
    values["last-quarter"] = quarters[quarters.length - 1]!.label;
  }
  const leads = byLead(data.progress, data.leads).sort((a, b) => b.rows.length - a.rows.length);
  values["lead-count"] = formatInteger(leads.length);
  if (leads[0]) {
    values["top-lead"] = leads[0].title;
    values["top-lead-count"] = formatInteger(leads[0].rows.length);
  }
  return values;
}

/** Split a progress item into text and links, so a URL prints visibly as a link. */
function parts(text: string): Array<{ text: string; href?: string }> {
  return text.split(/(https?:\/\/\S+)/).filter(Boolean).map((s) => (/^https?:\/\//.test(s) ? { text: s, href: s } : { text: s }));
}

function blocks(data: HmicfrsData, ctx: KindContext): Record<string, KindBlock> {
  const afis = allAfis(data.pillars);
  const byId = new Map(afis.map((a) => [a.id, a]));
  const afiCount = (n: number) => counted(n, "area for improvement", "areas for improvement");
  const grouped = data.pillars.map((p) => ({
    title: p.title,
    countText: afiCount(countByPillar(p)),
    subQuestions: p.sub_questions.map((sq) => ({
      title: sq.title,
      grade: GRADE_LABELS[sq.grade],
      previousGrade: GRADE_LABELS[sq.previous_grade],
      countText: afiCount(countBySubQuestion(sq)),
      afis: sq.areas_for_improvement,
    })),
  }));
  const rows = data.progress.flatMap((row) => {
    const afi = byId.get(row.afi);
    if (!afi) return [];
    return [{
      id: afi.id,
      pillar: afi.pillar.title,
      said: afi.text,
      note: row.said_note,
      progress: row.progress.map(parts),
      future: row.future.map(parts),
      timescale: row.timescale ?? "Not set",
      lead: data.leads[row.lead] ?? row.lead,
    }];
  });
  return {
    "afis-by-question": ctx.block("afis", { id: `${ctx.slug}-afis`, previous: data.inspection.previous_cycle.year, pillars: grouped, totalText: `${formatInteger(afis.length)} in all` }),
    "findings-and-progress": ctx.block("findings", {
      id: `${ctx.slug}-findings`,
      rows,
      caption: `Findings and progress: ${rows.length === 1 ? "one row for the one area for improvement" : `one row for each of the ${formatInteger(rows.length)} areas for improvement`}, in the order of the inspection report`,
    }),
  };
}

/** Counts belong to the data: a typed one is reported whatever state the data file is in. */
function checkNarrative(ctx: PaperContext): void {
  for (const typed of typedCounts(ctx.body)) {
    ctx.report(typed.line, typed.column, "count/typed", `'${typed.text}' types a count the data can compute`, "write [@value:afi-total] (or afi-<pillar>, afi-<sub-question>) instead");
  }
}

async function buildBody(data: HmicfrsData, ctx: KindContext): Promise<PaperBody> {
  const { data: located, dataFile, problems } = ctx;
  checkInspection(data, located, dataFile, problems);
  // A recommendation still open after its due date, as at the meeting: the Panel will ask about it.
  data.causes_of_concern.forEach((cause, ci) => {
    cause.recommendations.forEach((recommendation, ri) => {
      if (cause.status === "open" && recommendation.status !== "met" && recommendation.due < ctx.meetingDate) {
        problems.warn(dataFile, located.at(["causes_of_concern", ci, "recommendations", ri, "due"]), "date/past-due", `the recommendation of cause of concern '${cause.id}' was due on ${formatDate(recommendation.due)}, before the meeting, and is not recorded as met`, "record its status (met, not_met, in_progress), or say in the narrative why it is late");
      }
    });
  });
  const extras: KindExtras = {
    tables: generatedTables(data),
    charts: generatedCharts(data),
    values: proseValues(data, ctx.meetingDate),
    blocks: blocks(data, ctx),
  };
  return ctx.genericBody(extras);
}

export const hmicfrsProgressKind = defineKind({
  name: "hmicfrs-progress",
  description: "HMICFRS inspection progress: grades, areas for improvement and the progress against each, from one data file",
  data: hmicfrsDataSchema,
  scaffold: hmicfrsProgressScaffold,
  diffIds: { afi: "Area for improvement" },
  templates: shippedTemplates("hmicfrs-progress"),
  checkNarrative,
  build: buildBody,
  rules: {
    "count/typed": { severity: "error", description: "a count of areas for improvement typed into the narrative instead of [@value:…]" },
    "ref/duplicate-afi": { severity: "error", description: "two areas for improvement share an id" },
    "ref/unknown-afi": { severity: "error", description: "a progress record for an area for improvement that does not exist" },
    "ref/no-progress": { severity: "error", description: "an area for improvement with no progress record, or with two" },
    "ref/order": { severity: "error", description: "progress records not in the inspection's order of areas for improvement" },
    "ref/unknown-lead": { severity: "error", description: "a responsible lead that is not in the list of leads" },
    "ref/unknown-sub-question": { severity: "error", description: "a reference to a sub-question the inspection does not have" },
    "ref/unknown-cause-of-concern": { severity: "error", description: "a reference to a cause of concern the inspection does not have" },
    "date/past-due": { severity: "warning", description: "a recommendation still open after its due date, as at the meeting date" },
  },
});
