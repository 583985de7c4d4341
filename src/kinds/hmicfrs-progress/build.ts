/**
 * Pure computations over an HMICFRS inspection: counts of areas for improvement (AFIs), grade movement on the
 * ordinal scale, actions by due quarter and by lead, overdue actions at the meeting date, and the data checks
 * (ids unique, progress rows one-to-one with AFIs in inspection order, leads known, quarters well formed).
 */
import type { Problems } from "../../content/problems.ts";
import type { Located } from "../../content/yaml.ts";
import { parseQuarter, quarterEnd, quarterOrdinal, formatQuarter, type Quarter } from "../../lib/format.ts";
import { parseIsoDate } from "../../lib/dates.ts";
import { GRADES, type Grade, type HmicfrsData, type Pillar, type ProgressRow, type SubQuestion } from "./schema.ts";

/** Grade words as HMICFRS prints them in tables ("Requires improvement"). */
export const GRADE_LABELS: Record<Grade, string> = {
  outstanding: "Outstanding",
  good: "Good",
  requires_improvement: "Requires improvement",
  inadequate: "Inadequate",
};

/** Ordinal score: inadequate 1 … outstanding 4 (higher is better). */
export function gradeScore(grade: Grade): number {
  return GRADES.length - GRADES.indexOf(grade);
}

export type Movement = "up" | "down" | "same";

export function movement(now: Grade, previous: Grade): Movement {
  const d = gradeScore(now) - gradeScore(previous);
  return d > 0 ? "up" : d < 0 ? "down" : "same";
}

export const MOVEMENT_LABELS: Record<Movement, string> = { up: "Improved", down: "Declined", same: "No change" };

export interface AfiRecord {
  id: string;
  text: string;
  repeat: boolean;
  pillar: Pillar;
  subQuestion: SubQuestion;
  /** Path of the AFI in the data file, for positions. */
  path: Array<string | number>;
}

/** Every AFI, in inspection order (pillar, then sub-question, then as listed). */
export function allAfis(pillars: readonly Pillar[]): AfiRecord[] {
  const out: AfiRecord[] = [];
  pillars.forEach((pillar, pi) =>
    pillar.sub_questions.forEach((subQuestion, si) =>
      subQuestion.areas_for_improvement.forEach((afi, ai) =>
        out.push({ id: afi.id, text: afi.text, repeat: afi.repeat, pillar, subQuestion, path: ["pillars", pi, "sub_questions", si, "areas_for_improvement", ai] }),
      ),
    ),
  );
  return out;
}

export function countBySubQuestion(subQuestion: SubQuestion): number {
  return subQuestion.areas_for_improvement.length;
}

export function countByPillar(pillar: Pillar): number {
  return pillar.sub_questions.reduce((n, sq) => n + countBySubQuestion(sq), 0);
}

export function movementCounts(pillars: readonly Pillar[]): Record<Movement, number> {
  const counts: Record<Movement, number> = { up: 0, down: 0, same: 0 };
  for (const sq of pillars.flatMap((p) => p.sub_questions)) counts[movement(sq.grade, sq.previous_grade)]++;
  return counts;
}

/** The financial-year quarter containing an ISO date (Q1 = April–June). */
export function quarterOf(iso: string): Quarter {
  const date = parseIsoDate(iso);
  if (!date) throw new Error(`not an ISO date: ${iso}`);
  const q = date.month >= 4 ? Math.floor((date.month - 4) / 3) + 1 : 4;
  return { quarter: q as Quarter["quarter"], fyStart: date.month >= 4 ? date.year : date.year - 1 };
}

export const NOT_SET = "Not set";

export interface QuarterGroup {
  /** "Q4 2022/23", or NOT_SET for rows without a timescale (always last). */
  label: string;
  quarter: Quarter | null;
  rows: ProgressRow[];
}

/** Progress rows grouped by due quarter in chronological order; rows with no timescale last. Bad quarters are left out. */
export function byQuarter(progress: readonly ProgressRow[]): QuarterGroup[] {
  const groups = new Map<string, QuarterGroup>();
  for (const row of progress) {
    const quarter = row.timescale === null ? null : parseQuarter(row.timescale);
    if (row.timescale !== null && !quarter) continue;
    const label = quarter ? formatQuarter(quarter) : NOT_SET;
    if (!groups.has(label)) groups.set(label, { label, quarter, rows: [] });
    groups.get(label)!.rows.push(row);
  }
  const order = (g: QuarterGroup) => (g.quarter ? quarterOrdinal(g.quarter) : Number.POSITIVE_INFINITY);
  return [...groups.values()].sort((a, b) => order(a) - order(b));
}

/** Progress rows per lead key, in the order of the leads map; leads with no rows are left out. */
export function byLead(progress: readonly ProgressRow[], leads: Record<string, string>): Array<{ lead: string; title: string; rows: ProgressRow[] }> {
  return Object.entries(leads)
    .map(([lead, title]) => ({ lead, title, rows: progress.filter((r) => r.lead === lead) }))
    .filter((g) => g.rows.length > 0);
}

export interface DueStatus {
  /** Due quarter ended before the meeting date. */
  overdue: ProgressRow[];
  /** Due in the quarter containing the meeting date. */
  dueThisQuarter: ProgressRow[];
  /** Due by the end of the financial year containing the meeting date (this quarter and overdue included). */
  dueByYearEnd: ProgressRow[];
  /** Due in a later financial year. */
  later: ProgressRow[];
  noTimescale: ProgressRow[];
}

/** Classify progress rows against the meeting date: a row is overdue when its quarter ended before the meeting. */
export function dueStatus(progress: readonly ProgressRow[], meetingDate: string): DueStatus {
  const current = quarterOf(meetingDate);
  const status: DueStatus = { overdue: [], dueThisQuarter: [], dueByYearEnd: [], later: [], noTimescale: [] };
  for (const row of progress) {
    const quarter = row.timescale === null ? null : parseQuarter(row.timescale);
    if (!quarter) {
      if (row.timescale === null) status.noTimescale.push(row);
      continue;
    }
    if (quarterEnd(quarter) < meetingDate) status.overdue.push(row);
    else if (quarterOrdinal(quarter) === quarterOrdinal(current)) status.dueThisQuarter.push(row);
    if (quarter.fyStart <= current.fyStart) status.dueByYearEnd.push(row);
    else status.later.push(row);
  }
  return status;
}

/**
 * The data checks, each reported at the offending value's line: duplicate ids (pillars, sub-questions, AFIs,
 * causes of concern), progress rows that name no AFI or repeat one, AFIs with no progress row, rows out of
 * inspection order, unknown leads, malformed quarters, causes of concern naming no sub-question.
 */
export function checkInspection(data: HmicfrsData, located: Located, file: string, problems: Problems): void {
  const seen = new Map<string, string>();
  const unique = (kind: string, value: string, path: Array<string | number>) => {
    const previous = seen.get(value);
    if (previous) problems.error(file, located.at(path), "ref/duplicate-id", `${kind} id '${value}' is already used by a ${previous}`, "give every pillar, sub-question and area for improvement its own id");
    else seen.set(value, kind);
  };
  data.pillars.forEach((pillar, pi) => {
    unique("pillar", pillar.id, ["pillars", pi, "id"]);
    pillar.sub_questions.forEach((sq, si) => unique("sub-question", sq.id, ["pillars", pi, "sub_questions", si, "id"]));
  });
  const afis = allAfis(data.pillars);
  for (const afi of afis) unique("area for improvement", afi.id, [...afi.path, "id"]);
  const subQuestionIds = data.pillars.flatMap((p) => p.sub_questions.map((sq) => sq.id));
  data.causes_of_concern.forEach((coc, ci) => {
    unique("cause of concern", coc.id, ["causes_of_concern", ci, "id"]);
    if (!subQuestionIds.includes(coc.sub_question)) {
      problems.error(file, located.at(["causes_of_concern", ci, "sub_question"]), "ref/unknown-sub-question", `cause of concern '${coc.id}' names sub-question '${coc.sub_question}', which the inspection does not have`, `sub-questions: ${subQuestionIds.join(", ")}`);
    }
  });
  const revisit = data.inspection.revisit;
  if (revisit && !data.causes_of_concern.some((c) => c.id === revisit.cause_of_concern)) {
    problems.error(file, located.at(["inspection", "revisit", "cause_of_concern"]), "ref/unknown-cause-of-concern", `the revisit follows up cause of concern '${revisit.cause_of_concern}', which causes_of_concern does not list`);
  }

  // Progress rows pair one-to-one with AFIs, in inspection order.
  const afiIndex = new Map(afis.map((a, i) => [a.id, i]));
  const reported = new Map<string, number>();
  let lastIndex = -1;
  data.progress.forEach((row, ri) => {
    const index = afiIndex.get(row.afi);
    if (index === undefined) {
      problems.error(file, located.at(["progress", ri, "afi"]), "ref/unknown-afi", `progress row ${ri + 1} reports on area for improvement '${row.afi}', which the inspection does not have`, `areas for improvement: ${afis.map((a) => a.id).join(", ")}`);
    } else if (reported.has(row.afi)) {
      problems.error(file, located.at(["progress", ri, "afi"]), "ref/duplicate-afi", `area for improvement '${row.afi}' already has a progress row (row ${reported.get(row.afi)! + 1})`, "one progress row per area for improvement: merge the two");
    } else {
      reported.set(row.afi, ri);
      if (index < lastIndex) problems.error(file, located.at(["progress", ri, "afi"]), "ref/order", `progress row ${ri + 1} ('${row.afi}') is out of inspection order`, "list progress rows in the order the areas for improvement appear in the inspection");
      lastIndex = Math.max(lastIndex, index);
    }
    if (!(row.lead in data.leads)) {
      problems.error(file, located.at(["progress", ri, "lead"]), "ref/unknown-lead", `progress row ${ri + 1} ('${row.afi}') names lead '${row.lead}', which is not in leads`, `leads: ${Object.keys(data.leads).join(", ")}`);
    }
    if (row.timescale !== null && !parseQuarter(row.timescale)) {
      problems.error(file, located.at(["progress", ri, "timescale"]), "value/quarter", `progress row ${ri + 1} ('${row.afi}') has timescale ${JSON.stringify(row.timescale)}, which is not a financial-year quarter`, "write it as Q1–Q4 and a financial year, e.g. Q4 2022/23, or null where none is set");
    }
  });
  for (const afi of afis) {
    if (!reported.has(afi.id)) {
      problems.error(file, located.at([...afi.path, "id"]), "ref/no-progress", `area for improvement '${afi.id}' has no progress row`, "add a row to progress with afi: " + afi.id);
    }
  }
}
