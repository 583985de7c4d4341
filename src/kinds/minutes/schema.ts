/**
 * The minutes kind's data: which meeting the minutes record, whether (and when) they were approved, and
 * the attendance. The committee's action log is a file of its own (data/actions/<committee>.yaml), read by
 * every set of minutes of that committee: an action is written once, when it is raised, and each later
 * meeting adds an update — so the open actions of any meeting are computed, never retyped.
 */
import { z } from "zod";
import { isoDate, strict } from "../../content/validate.ts";

/** A person at a meeting: a name, or a name with a role (and the initials the minutes use for them). */
export const personSchema = z.union([
  z.string().min(1),
  strict({ name: z.string().min(1), role: z.string().min(1).optional(), initials: z.string().min(1).optional() }),
]);
export type Person = z.infer<typeof personSchema>;

export const minutesSchema = strict({
  /** The date of the meeting these minutes record (they are published as a paper of a later meeting, for approval). */
  records: isoDate,
  /** The date of the meeting that approved them; absent: a draft, to be approved. */
  approved: isoDate.optional(),
  attendance: strict({
    present: z.array(personSchema).min(1),
    apologies: z.array(personSchema).default([]),
    in_attendance: z.array(personSchema).default([]),
  }),
});
export type MinutesData = z.infer<typeof minutesSchema>;

/** What an action is, at a meeting: open (raised, nothing since), in progress, done or dropped (both closed). */
export const ACTION_STATUSES = ["open", "in-progress", "done", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const STATUS_LABELS: Record<ActionStatus, string> = { open: "Open", "in-progress": "In progress", done: "Done", dropped: "Dropped" };

export const actionSchema = strict({
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/, "action ids use letters, digits, '.', '_' and '-'"),
  /** The meeting (date) and minute that raised it. */
  raised: strict({ meeting: isoDate, minute: z.string().min(1).optional() }),
  action: z.string().min(1),
  owner: z.string().min(1),
  due: isoDate.optional(),
  /** What each later meeting recorded, oldest first. */
  updates: z.array(strict({ meeting: isoDate, status: z.enum(ACTION_STATUSES), note: z.string().min(1).optional() })).default([]),
});
export type Action = z.infer<typeof actionSchema>;

/** data/actions/<committee>.yaml: the committee's action log, every action it has raised. */
export const actionLogSchema = strict({ actions: z.array(actionSchema).default([]) });
