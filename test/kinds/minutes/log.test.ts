/** The action log as at a meeting: computed from actions written once, with their updates. */
import { describe, expect, it } from "vitest";
import { countsOf, logAt, statusAt } from "../../../src/kinds/minutes/log.ts";
import type { Action } from "../../../src/kinds/minutes/schema.ts";

const action = (id: string, raised: string, due: string | undefined, updates: Action["updates"] = []): Action => ({ id, raised: { meeting: raised }, action: `Do ${id}`, owner: "Clerk", due, updates });

const LOG: Action[] = [
  action("A1", "2024-01-10", "2024-02-01", [{ meeting: "2024-02-14", status: "in-progress" }, { meeting: "2024-03-13", status: "done", note: "Sent" }]),
  action("A2", "2024-02-14", "2024-03-01"),
  action("A3", "2024-02-14", undefined, [{ meeting: "2024-02-14", status: "dropped" }]),
  action("A4", "2024-03-13", "2024-06-01"),
];

describe("the action log at a meeting", () => {
  it("knows each action's status after any meeting, and nothing before it was raised", () => {
    expect(statusAt(LOG[0]!, "2024-01-10")).toBe("open");
    expect(statusAt(LOG[0]!, "2024-02-14")).toBe("in-progress");
    expect(statusAt(LOG[0]!, "2024-03-13")).toBe("done");
    expect(statusAt(LOG[3]!, "2024-02-14")).toBeUndefined();
  });

  it("shows what was open or changed at the meeting, and leaves out what closed before it", () => {
    const at = logAt(LOG, "2024-03-13");
    expect(at.map((r) => [r.action.id, r.status, r.change, r.overdue])).toEqual([
      ["A1", "done", "updated", false],
      ["A2", "open", "carried forward", true],
      ["A4", "open", "raised", false],
    ]);
    expect(at[0]!.note).toBe("Sent");
    expect(countsOf(at)).toEqual({ open: 2, raised: 1, closed: 1, overdue: 1 });
  });

  it("counts an action raised and dropped at the same meeting as raised and closed there", () => {
    const at = logAt(LOG, "2024-02-14");
    expect(at.map((r) => [r.action.id, r.status, r.change])).toEqual([
      ["A1", "in-progress", "updated"],
      ["A2", "open", "raised"],
      ["A3", "dropped", "raised"],
    ]);
    expect(countsOf(at)).toEqual({ open: 2, raised: 2, closed: 1, overdue: 1 });
  });
});
