/**
 * The action log as at one meeting: which actions are open, which were raised or closed there, which are
 * overdue — computed from the committee's log (pure functions, no I/O).
 */
import { STATUS_LABELS, type Action, type ActionStatus } from "./schema.ts";

export interface ActionAtMeeting {
  action: Action;
  status: ActionStatus;
  /** What the meeting did to it: raised it, recorded an update, or carried it forward unchanged. */
  change: "raised" | "updated" | "carried forward";
  /** The note of the update recorded at the meeting, if any. */
  note?: string;
  overdue: boolean;
}

const CLOSED: ReadonlySet<ActionStatus> = new Set(["done", "dropped"]);

/** An action's status after the meeting of `date` (undefined: not yet raised). */
export function statusAt(action: Action, date: string): ActionStatus | undefined {
  if (action.raised.meeting > date) return undefined;
  const latest = action.updates.filter((u) => u.meeting <= date).at(-1);
  return latest?.status ?? "open";
}

/**
 * The log as the minutes of the meeting of `date` show it: every action that was open when the meeting
 * began or was raised there — the ones closed at this meeting included (that is what changed) — in the
 * order they were raised.
 */
export function logAt(actions: readonly Action[], date: string): ActionAtMeeting[] {
  return actions.flatMap((action): ActionAtMeeting[] => {
    const status = statusAt(action, date);
    if (status === undefined) return [];
    const update = action.updates.find((u) => u.meeting === date);
    const before = action.raised.meeting < date ? statusAt(action, previousDay(date)) : undefined;
    if (before !== undefined && CLOSED.has(before)) return []; // closed at an earlier meeting
    const change = action.raised.meeting === date ? "raised" : update ? "updated" : "carried forward";
    return [{ action, status, change, note: update?.note, overdue: !CLOSED.has(status) && action.due !== undefined && action.due < date }];
  });
}

export interface LogCounts {
  open: number;
  raised: number;
  closed: number;
  overdue: number;
}

export function countsOf(rows: readonly ActionAtMeeting[]): LogCounts {
  return {
    open: rows.filter((r) => !CLOSED.has(r.status)).length,
    raised: rows.filter((r) => r.change === "raised").length,
    closed: rows.filter((r) => CLOSED.has(r.status)).length,
    overdue: rows.filter((r) => r.overdue).length,
  };
}

export function statusLabel(row: ActionAtMeeting): string {
  return row.overdue ? `${STATUS_LABELS[row.status]} (overdue)` : STATUS_LABELS[row.status];
}

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
