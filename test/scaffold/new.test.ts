/**
 * `panelpress new`: every kind scaffolds files that check clean, the agenda entry is added without
 * touching the rest of meeting.yaml, and nothing is ever overwritten.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { check } from "../../src/pipeline/index.ts";
import { newCommand } from "../../src/commands/new.ts";
import { appendAgendaItem, nextRef, PAPER_KINDS } from "../../src/scaffold/index.ts";
import { fixtureProject, MAIN } from "../helpers.ts";

async function runNew(root: string, ...args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await newCommand.run(args, { root, log: () => {}, stdout: (t) => void (out += t), stderr: (t) => void (out += t) });
  return { code, out };
}

// The main fixture's meeting: 14 agenda items, its last report reference HPFCP/49/24.
const DATE = "2024-11-14";
const MEETING = `content/meetings/${DATE}/meeting.yaml`;

describe("panelpress new paper", () => {
  it("scaffolds a paper of every kind that checks clean, with commented front matter and the agenda entry", async () => {
    const project = fixtureProject(MAIN);
    const before = readFileSync(join(project, MEETING), "utf8");
    for (const kind of PAPER_KINDS) {
      const result = await runNew(project, "paper", DATE, kind, "--title", `A new ${kind} report`);
      expect(result.code, result.out).toBe(0);
    }
    const after = readFileSync(join(project, MEETING), "utf8");
    expect(after.startsWith(before.trimEnd())).toBe(true); // only added to
    expect(after).toContain("ref: HPFCP/50/24");
    expect(after).toContain("paper: 18-plan-closure");
    const paper = readFileSync(join(project, `content/meetings/${DATE}/papers/15-paper.md`), "utf8");
    expect(paper).toMatch(/^for: noting\s+# what the panel is asked to do/m);
    expect(readFileSync(join(project, `data/meetings/${DATE}/17-deployment.yaml`), "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=../../../schemas/paper-data-deployment.json");
    const { problems } = await check(project);
    const mine = problems.list.filter((p) => /1[5-8]-|meeting\.yaml/.test(p.file));
    expect(mine.map((p) => `${p.file}:${p.line} ${p.rule} ${p.message}`)).toEqual([]);
    expect(problems.errorCount).toBe(0);
  });

  it("refuses to overwrite, and writes nothing when it refuses", async () => {
    const project = fixtureProject(MAIN);
    expect((await runNew(project, "paper", DATE, "generic", "--name", "10-spending")).code).toBe(2);
    const before = readFileSync(join(project, MEETING), "utf8");
    const refused = await runNew(project, "paper", DATE, "generic", "--name", "10-spending");
    expect(refused.out).toContain("already exist");
    expect(readFileSync(join(project, MEETING), "utf8")).toBe(before);
    expect((await runNew(project, "paper", DATE, "generik")).out).toContain("there is no report kind 'generik'");
    expect((await runNew(project, "paper", "2023-01-01", "generic")).code).toBe(2);
  });
});

describe("panelpress new meeting", () => {
  it("scaffolds a meeting that checks clean, and refuses a date that is not real or a meeting that exists", async () => {
    const project = fixtureProject(MAIN);
    expect((await runNew(project, "meeting", "2025-02-04")).code).toBe(0);
    const text = readFileSync(join(project, "content/meetings/2025-02-04/meeting.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../../../schemas/meeting.json");
    expect(text).toMatch(/^venue: shire-hall-cr2\s+#/m); // the committee's first venue
    expect((await runNew(project, "paper", "2025-02-04", "generic")).code).toBe(0);
    expect(readFileSync(join(project, "content/meetings/2025-02-04/meeting.yaml"), "utf8")).toContain("ref: HPFCP/01/25");
    const { problems } = await check(project);
    expect(problems.list.filter((p) => p.file.includes("2025-02-04") && p.severity === "error")).toEqual([]);
    expect((await runNew(project, "meeting", "2025-02-04")).code).toBe(2);
    expect((await runNew(project, "meeting", "2023-02-30")).out).toContain("is not a date");
    expect(existsSync(join(project, "content/meetings/2023-02-30"))).toBe(false);
  });
});

describe("the agenda entry", () => {
  it("goes at the end of the agenda list, before any key that follows it, indented like the list", () => {
    const text = "committee: x\nagenda:\n    - title: A\n      kind: verbal\n\n# trailing comment\nnext_meeting: {date: 2023-02-07}\n";
    const out = appendAgendaItem(text, "- title: B\n  kind: paper");
    expect(out).toBe("committee: x\nagenda:\n    - title: A\n      kind: verbal\n    - title: B\n      kind: paper\n\n# trailing comment\nnext_meeting: {date: 2023-02-07}\n");
  });

  it("takes the next report reference of the meeting's year", () => {
    expect(nextRef([{ ref: "EPFCP/30/22" }, {}, { ref: "EPFCP/38/22" }], "EPFCP", "2022-12-08")).toBe("EPFCP/39/22");
    expect(nextRef([], "EPFCP", "2023-02-07")).toBe("EPFCP/01/23");
  });
});
