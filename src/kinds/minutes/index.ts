/**
 * The minutes kind: the record of a meeting, shown on that meeting's page whether kept in its folder as a
 * record or published as a paper of a later meeting for approval (src/pipeline/records.ts). Its
 * data file says which meeting it records, whether it has been approved, and who attended; the
 * committee's action log (data/actions/<committee>.yaml) supplies the actions, and the minutes show them
 * as at the meeting recorded — open, raised there, closed there, overdue — computed, never retyped.
 * Figures in minutes are what was said: they are written in the narrative as said, never "corrected".
 */
import type { z } from "zod";
import { shippedTemplates } from "../templates.ts";
import { defineKind, validateOwnData, type KindContext } from "../define.ts";
import type { PaperBody } from "../kind.ts";
import type { Problems } from "../../content/problems.ts";
import { counted, formatDate } from "../../lib/format.ts";
import { actionLogSchema, minutesSchema, type Action, type MinutesData, type Person } from "./schema.ts";
import { countsOf, logAt, statusLabel } from "./log.ts";
import { minutesScaffold } from "./scaffold.ts";

export const minutesKind = defineKind({
  name: "minutes",
  description: "Minutes of a meeting: attendance, the minutes in the narrative, and the committee's action log as at that meeting",
  data: minutesSchema,
  scaffold: minutesScaffold,
  templates: shippedTemplates("minutes"),
  diffIds: { id: "Action" },
  build: buildMinutes,
  rules: {
    "action/duplicate-id": { severity: "error", description: "two actions in a committee's action log have the same id" },
    "action/order": { severity: "error", description: "an action's update is dated before the action was raised, or before the update above it" },
    "minutes/dates": { severity: "error", description: "minutes record a meeting after the one they are a paper of, are kept as a record of a meeting other than the one they record, or were approved before that meeting took place" },
    "minutes/meeting": { severity: "error", description: "minutes record a date on which their committee has no meeting (a date older than all its meetings on the site is accepted)" },
    "minutes/duplicate": { severity: "error", description: "two sets of minutes record the same meeting" },
  },
});

async function buildMinutes(data: MinutesData, ctx: KindContext): Promise<PaperBody> {
  if (data.records > ctx.meetingDate) {
    ctx.problems.error(ctx.dataFile, ctx.data.at(["records"]), "minutes/dates", `these minutes record a meeting on ${formatDate(data.records)}, after this meeting (${formatDate(ctx.meetingDate)})`, "minutes are a paper of a later meeting: check the date they record");
  }
  if (data.approved !== undefined && data.approved < data.records) {
    ctx.problems.error(ctx.dataFile, ctx.data.at(["approved"]), "minutes/dates", `approved on ${formatDate(data.approved)}, before the meeting they record (${formatDate(data.records)})`, "give the date of the meeting that approved them");
  }
  const rows = logAt(readActionLog(ctx), data.records);
  const counts = countsOf(rows);
  const recorded = formatDate(data.records);
  const body = await ctx.genericBody({
    values: {
      "records-date": recorded,
      approval: data.approved ? `Approved at the meeting of ${formatDate(data.approved)}` : "Draft, to be approved at the next meeting",
      "actions-open": counted(counts.open, "action"),
      "actions-raised": counted(counts.raised, "action"),
      "actions-closed": counted(counts.closed, "action"),
      "actions-overdue": counted(counts.overdue, "action"),
    },
    blocks: {
      attendance: ctx.block("attendance", {
        groups: [
          { heading: "Present", people: data.attendance.present.map(personText) },
          { heading: "Apologies", people: data.attendance.apologies.map(personText) },
          { heading: "In attendance", people: data.attendance.in_attendance.map(personText) },
        ].filter((g) => g.people.length > 0),
      }),
      "action-log": ctx.block("action-log", {
        id: `${ctx.slug}-actions`,
        caption: `Action log at the meeting of ${recorded}: ${counted(counts.open, "action")} open${counts.raised ? `, ${counts.raised} raised` : ""}${counts.closed ? `, ${counts.closed} closed` : ""} at this meeting${counts.overdue ? `; ${counts.overdue} overdue` : ""}`,
        empty: rows.length === 0 ? `No actions were open at the meeting of ${recorded}.` : undefined,
        rows: rows.map((row) => ({
          id: row.action.id,
          minute: row.action.raised.minute ?? "",
          action: row.action.action,
          owner: row.action.owner,
          due: row.action.due ? formatDate(row.action.due) : "",
          status: statusLabel(row),
          overdue: row.overdue,
          change: row.change === "raised" ? "Raised at this meeting" : row.change === "updated" ? (row.note ?? "Updated at this meeting") : `Carried forward from ${formatDate(row.action.raised.meeting)}`,
        })),
      }),
    },
  });
  return { ...body, recordOf: { meeting: data.records, approved: data.approved, file: ctx.dataFile, at: ctx.data.at(["records"]) } };
}

/** "Cllr Ada Brightwater (AB), Chair": a name, its initials as the minutes use them, and a role. */
function personText(person: Person): string {
  if (typeof person === "string") return person;
  return `${person.name}${person.initials ? ` (${person.initials})` : ""}${person.role ? `, ${person.role}` : ""}`;
}

/** Each committee's log is checked once per build, however many sets of minutes read it. */
const checkedLogs = new WeakMap<Problems, Map<string, Action[]>>();

/** The committee's action log (data/actions/<committee>.yaml); none yet is an empty log. */
function readActionLog(ctx: KindContext): Action[] {
  const shared = ctx.readSharedData(["actions", `${ctx.committeeId}.yaml`]);
  if (!shared) return [];
  const known = checkedLogs.get(ctx.problems) ?? new Map<string, Action[]>();
  checkedLogs.set(ctx.problems, known);
  const cached = known.get(shared.file);
  if (cached) return cached;
  const log: z.output<typeof actionLogSchema> | undefined = validateOwnData(actionLogSchema, shared.located, shared.file, ctx.problems);
  const actions = log?.actions ?? [];
  const seen = new Set<string>();
  actions.forEach((action, i) => {
    if (seen.has(action.id)) ctx.problems.error(shared.file, shared.located.at(["actions", i, "id"]), "action/duplicate-id", `action '${action.id}' is in the log twice`, "give each action its own id; a later meeting adds an update to the same action");
    seen.add(action.id);
    let last = action.raised.meeting;
    action.updates.forEach((update, u) => {
      if (update.meeting < last) ctx.problems.error(shared.file, shared.located.at(["actions", i, "updates", u, "meeting"]), "action/order", `action '${action.id}': the update of ${formatDate(update.meeting)} comes before ${u === 0 ? "the meeting that raised it" : "the update above it"} (${formatDate(last)})`, "list updates oldest first, each at a meeting after the action was raised");
      last = update.meeting;
    });
  });
  known.set(shared.file, actions);
  return actions;
}
