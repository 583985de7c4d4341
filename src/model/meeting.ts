/** A meeting: when and where, and the ordered agenda. Item numbers are generated from the order. */
import { z } from "zod";
import { factsSchema } from "../facts/schema.ts";
import { isoDate, strict, time24 } from "../content/validate.ts";
import { contactSchema } from "./committee.ts";
import { toRoman } from "../lib/format.ts";

export const exemptionSchema = strict({
  /** Paragraphs of Part I of Schedule 12A to the Local Government Act 1972 that apply (1–7). */
  paragraphs: z.array(z.number().int().min(1).max(7)),
});

/**
 * Not for publication: Schedule 12A paragraphs (`{paragraphs: [3]}`), or `true` for a body that marks
 * such items its own way (the committee's `exempt_notice.marking`). `false` is the same as leaving it out.
 */
export const exemptSchema = z.union([z.boolean(), exemptionSchema]);

/**
 * What was decided on an item, recorded after the meeting (the decisions register, src/model/register.ts):
 * `as-recommended` (the paper's recommendations, agreed as written), or the decision as recorded, with who
 * took it and the sum it commits. On an item not for publication only `by` may be given: the register says
 * that a decision was taken in private, and nothing of what it was.
 */
export const decisionSchema = z.union([
  z.literal("as-recommended"),
  strict({
    /** The decision as recorded in the minutes. Left out: the paper's recommendations, agreed as written. */
    text: z.string().trim().min(1).optional(),
    /** Who took it, when not the committee itself (a Commissioner, a Cabinet Member). */
    by: z.string().trim().min(1).optional(),
    /** The sum the decision commits, in pounds. */
    value: z.number().nonnegative().optional(),
  }),
]);

/**
 * The meeting will not take place: `true`, or why and, if it was moved, the date it moved to (a meeting
 * of its own there, in its own folder, when its agenda is published). `false` is the same as leaving it out.
 */
export const cancellationSchema = z.union([
  z.boolean(),
  strict({
    /** Published with the cancellation: "There is no business for the Panel to consider." */
    reason: z.string().trim().min(1).optional(),
    /** The date the meeting is held instead: a date, or `{date, start}` when its time is not the committee's default. */
    moved_to: z.union([isoDate, strict({ date: isoDate, start: time24.optional() })]).optional(),
  }),
]);

/** What every agenda entry has, item or sub-item. */
const itemFields = {
  title: z.string().min(1),
  description: z.string().optional(),
  ref: z
    .string()
    .regex(/^[A-Z]+\/\d{2}\/\d{2}$/, "write report references like EPFCP/30/22")
    .optional(),
  kind: z.enum(["paper", "verbal", "procedural"]),
  paper: z
    .string()
    .regex(/^[a-z0-9-]+$/, "name the paper file without '.md', in lower case with hyphens")
    .optional(),
  exempt: exemptSchema.optional(),
  /** What was decided, once the meeting has taken place. */
  decision: decisionSchema.optional(),
};

/** A sub-item (numbered 2.i, 2.ii … under its item); sub-items have none of their own. */
export const subItemSchema = strict(itemFields);

export const agendaItemSchema = strict({
  /** The item's number when it is not the previous one plus one (an agenda that starts at 5, a gap); later items count on from it. */
  number: z.number().int().positive().optional(),
  ...itemFields,
  items: z.array(subItemSchema).min(1).optional(),
});

export const meetingSchema = strict({
  committee: z.string(),
  date: isoDate,
  start: time24.optional(),
  venue: z.string().optional(),
  contact: contactSchema.optional(),
  previous_meeting: isoDate.optional(),
  next_meeting: strict({ date: isoDate, start: time24.optional() }).optional(),
  /** The meeting will not take place (src/model/register.ts). */
  cancelled: cancellationSchema.optional(),
  /** In order; may be empty only for a cancelled meeting (cancelled before its agenda was published). */
  agenda: z.array(agendaItemSchema),
  /** What this meeting states once and its papers quote as [@fact:<id>]; each shadows a committee fact of the same id. */
  facts: factsSchema.default({}),
}).superRefine((meeting, ctx) => {
  for (const issue of meetingRuleIssues(meeting)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
});

export type MeetingInput = z.infer<typeof meetingSchema>;
export type DecisionInput = z.infer<typeof decisionSchema>;
export type CancellationInput = z.infer<typeof cancellationSchema>;

/** Whether the meeting will not take place. */
export function isCancelled(cancelled: CancellationInput | undefined): boolean {
  return cancelled !== undefined && cancelled !== false;
}

/**
 * What a meeting's shape alone cannot say about cancellations and decisions (reported by `check` at the
 * line, as schema/invalid): an agenda may be empty only when the meeting is cancelled; a cancelled meeting
 * took no decisions and did not move to its own date; an item not for publication records no decision text
 * or value (they would be exempt, and meeting.yaml is public text); a decision with no text needs a paper
 * whose recommendations it agreed.
 */
function meetingRuleIssues(meeting: {
  date: string;
  cancelled?: CancellationInput;
  agenda: Array<{ title: string; paper?: string; exempt?: ExemptInput; decision?: DecisionInput; items?: Array<{ title: string; paper?: string; exempt?: ExemptInput; decision?: DecisionInput }> }>;
}): Array<{ path: Array<string | number>; message: string }> {
  const issues: Array<{ path: Array<string | number>; message: string }> = [];
  const cancelled = isCancelled(meeting.cancelled);
  if (meeting.agenda.length === 0 && !cancelled) issues.push({ path: ["agenda"], message: "the agenda has no items: list at least one (only a cancelled meeting may have none)" });
  const moved = typeof meeting.cancelled === "object" ? meeting.cancelled.moved_to : undefined;
  const movedDate = typeof moved === "string" ? moved : moved?.date;
  if (movedDate !== undefined && movedDate === meeting.date) issues.push({ path: ["cancelled", "moved_to"], message: `the meeting cannot move to its own date (${meeting.date}): give the new date, or leave 'moved_to' out` });
  const check = (entry: { title: string; paper?: string; decision?: DecisionInput }, path: Array<string | number>, exempt: boolean) => {
    const decision = entry.decision;
    if (decision === undefined) return;
    if (cancelled) {
      issues.push({ path, message: `'${entry.title}' records a decision, but the meeting is cancelled: a meeting that did not take place decided nothing` });
      return;
    }
    const own = typeof decision === "object" ? decision : {};
    if (exempt) {
      for (const key of ["text", "value"] as const) {
        if (own[key] !== undefined) issues.push({ path: [...path, key], message: `'${entry.title}' is not for publication: its decision is published only as taken in private, so its ${key === "text" ? "wording" : "value"} is not recorded here (meeting.yaml is public text)` });
      }
    } else if (own.text === undefined && entry.paper === undefined) {
      issues.push({ path, message: `'${entry.title}' has no paper whose recommendations the decision could have agreed: write what was decided as 'decision: {text: …}'` });
    }
  };
  meeting.agenda.forEach((item, i) => {
    const exempt = isExempt(item.exempt);
    check(item, ["agenda", i, "decision"], exempt);
    (item.items ?? []).forEach((sub, j) => check(sub, ["agenda", i, "items", j, "decision"], exempt || isExempt(sub.exempt)));
  });
  return issues;
}
export type AgendaItemInput = z.infer<typeof agendaItemSchema>;
export type SubItemInput = z.infer<typeof subItemSchema>;
export type ExemptInput = z.infer<typeof exemptSchema>;

/** The Schedule 12A paragraphs of an entry's `exempt:` (none for `true`). */
export function paragraphsOf(exempt: ExemptInput | undefined): number[] {
  return typeof exempt === "object" ? exempt.paragraphs : [];
}

/** Whether an entry is not for publication. */
export function isExempt(exempt: ExemptInput | undefined): boolean {
  return exempt !== undefined && exempt !== false;
}

/** One entry of the printed agenda: an item or a sub-item, with its generated numbers. */
export interface AgendaEntry {
  input: SubItemInput;
  /** Where it is in meeting.yaml, for problems: ["agenda", 3] or ["agenda", 3, "items", 1]. */
  path: Array<string | number>;
  /** Place in the printed agenda, 1, 2, 3 … (sub-items counted): unique. */
  number: number;
  /** The printed number: "7", "2.ii". */
  label: string;
  sub: boolean;
  exempt: boolean;
  paragraphs: number[];
}

export interface AgendaProblem {
  path: Array<string | number>;
  message: string;
  hint?: string;
}

/**
 * The agenda in printed order, numbered. Items count 1, 2, 3 … unless one sets `number:` (later ones
 * count on from it); sub-items are 2.i, 2.ii … under their item, and share its exemption. With exempt
 * items at the end (Schedule 12A agendas) they move there with their sub-items and are numbered on; kept
 * in place, they keep their place and number. Pure: problems are returned, not reported.
 */
export function planAgenda(agenda: AgendaItemInput[], placement: "end" | "in-place"): { entries: AgendaEntry[]; problems: AgendaProblem[] } {
  const items = agenda.map((input, index) => ({ input, index, exempt: isExempt(input.exempt) }));
  const ordered = placement === "end" ? [...items.filter((i) => !i.exempt), ...items.filter((i) => i.exempt)] : items;
  const entries: AgendaEntry[] = [];
  const problems: AgendaProblem[] = [];
  let printed = 0;
  for (const { input, index, exempt } of ordered) {
    const path = ["agenda", index];
    if (input.number !== undefined && input.number <= printed) {
      problems.push({ path: [...path, "number"], message: `'${input.title}' is numbered ${input.number}, but the item before it is number ${printed}: item numbers must go up`, hint: `remove 'number:' to number it ${printed + 1}, or give a number above ${printed}` });
    }
    printed = input.number ?? printed + 1;
    const label = String(printed);
    entries.push({ input, path, number: entries.length + 1, label, sub: false, exempt, paragraphs: paragraphsOf(input.exempt) });
    (input.items ?? []).forEach((sub, j) => {
      const own = isExempt(sub.exempt);
      if (placement === "end" && own && !exempt) {
        problems.push({ path: [...path, "items", j, "exempt"], message: `sub-item ${label}.${toRoman(j + 1)} is exempt but item ${label} is public: this committee's exempt items stand after the public ones, away from their item`, hint: "make it an item of its own, or mark the whole item exempt" });
      }
      entries.push({ input: sub, path: [...path, "items", j], number: entries.length + 1, label: `${label}.${toRoman(j + 1)}`, sub: true, exempt: exempt || own, paragraphs: own ? paragraphsOf(sub.exempt) : paragraphsOf(input.exempt) });
    });
  }
  return { entries, problems };
}
