/**
 * `panelpress diff` on a real git repository: two commits of the main fixture project with a narrative edit,
 * a data edit that moves a total, a new agenda item and an item turned exempt. Each must appear, named as
 * a reader would name it, with its derived consequences marked as derived.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { cliAsync, edit, fixtureProject, MAIN } from "../helpers.ts";
import type { DiffReport, MeetingDiff, PaperDiff } from "../../src/diff/model.ts";

const MEETING = "content/meetings/2024-11-14/meeting.yaml";
const SPENDING = "content/meetings/2024-11-14/papers/10-spending.md";
const SPENDING_DATA = "data/meetings/2024-11-14/10-spending.yaml";

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args], { cwd: dir, encoding: "utf8" });
}

let repo: string;
let report: DiffReport;
let meeting: MeetingDiff;
const paper = (slug: string): PaperDiff => {
  const found = meeting.papers.find((p) => p.slug === slug);
  if (!found) throw new Error(`no change reported for paper ${slug}`);
  return found;
};

beforeAll(async () => {
  repo = fixtureProject(MAIN);
  writeFileSync(join(repo, ".gitignore"), "node_modules\n");
  git(repo, "init", "-q");
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "version A");
  // A narrative edit.
  edit(repo, SPENDING, "checks each claim before it is signed", "checks each claim carefully before it is signed");
  // A data edit that moves a total (the stated total is corrected too, so the version passes check).
  edit(repo, SPENDING_DATA, "actual: 650.00", "actual: 690.00");
  edit(repo, SPENDING_DATA, "actual: 31482.55", "actual: 31522.55");
  // A value of a kind's own data, and the counts computed from it.
  edit(repo, "data/meetings/2024-11-14/04-inspection.yaml", /(- afi: EFF-03\n\s+timescale: )Q4 2024\/25/, "$1Q2 2025/26");
  // A new agenda item, and an item turned exempt.
  edit(repo, MEETING, "  - title: Oral Update from the Commissioner\n    kind: verbal\n", "  - title: Oral Update from the Commissioner\n    kind: verbal\n  - title: Chief Constable's Update\n    kind: verbal\n");
  edit(repo, MEETING, "    paper: 12-work-programme\n", "    paper: 12-work-programme\n    exempt: {paragraphs: [3]}\n");
  git(repo, "commit", "-qam", "version B");
  const result = await cliAsync(repo, "diff", "HEAD~1", "HEAD", "--format", "json");
  expect(result.status, result.stderr).toBe(0);
  report = JSON.parse(result.stdout) as DiffReport;
  meeting = report.meetings[0]!;
});

describe("panelpress diff", () => {
  it("compares two clean versions of the meeting", async () => {
    expect(report).toMatchObject({ from: "HEAD~1", to: "HEAD", errors: { from: 0, to: 0 } });
    expect(report.meetings).toHaveLength(1);
    expect(meeting.id).toBe("2024-11-14");
  });

  it("calls out an item becoming exempt first, and its paper as no longer published", async () => {
    expect(meeting.agenda[0]).toMatchObject({ change: "now-exempt", title: "Work Programme", prominent: true });
    expect(meeting.agenda[0]!.text).toContain("paragraph 3 of Schedule 12A");
    expect(paper("12-work-programme").status).toBe("now-exempt");
  });

  it("reports the new agenda item, and the items renumbered by it as derived", async () => {
    expect(meeting.agenda).toContainEqual(expect.objectContaining({ change: "added", title: "Chief Constable's Update", after: "item 10", derived: false }));
    expect(meeting.agenda).toContainEqual(expect.objectContaining({ change: "renumbered", title: "Panel Spending, First Half of 2024/25", before: "item 10", after: "item 11", derived: true }));
  });

  it("shows the narrative edit word by word, located by its generated paragraph number", async () => {
    const [change, ...rest] = paper("10-spending").narrative;
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ change: "changed", where: "paragraph 1.1 (1. Introduction)", derived: false });
    expect(change!.parts.filter((p) => p.change)).toEqual([{ text: "carefully ", change: "added" }]);
  });

  it("names the changed figure by its row and column, and marks the total that moved as derived", async () => {
    const data = paper("10-spending").data;
    expect(data).toContainEqual(expect.objectContaining({ label: "Regional panels network subscription, Actual expenditure (£)", before: "650.00", after: "690.00", derived: false }));
    expect(data).toContainEqual(expect.objectContaining({ label: "Total expenditure, Actual expenditure (£)", before: "31,482.55", after: "31,522.55", derived: true }));
    expect(data.find((d) => d.derived)!.path).toMatch(/^Figure 1 /);
  });

  it("names a kind's value by what it is, with the counts computed from it as derived, and the chart that moved", async () => {
    const hmicfrs = paper("04-inspection");
    expect(hmicfrs.data).toContainEqual(expect.objectContaining({ label: "Area for improvement EFF-03 — timescale", before: "Q4 2024/25", after: "Q2 2025/26", derived: false }));
    expect(hmicfrs.data).toContainEqual(expect.objectContaining({ label: "Q4 2024/25, All pillars", before: "3", after: "2", derived: true }));
    expect(hmicfrs.charts).toContainEqual(expect.objectContaining({ label: "Figure 4", change: "changed" }));
    // The narrative quotes the counts: that paragraph moved though nobody edited it.
    expect(hmicfrs.narrative.length).toBeGreaterThan(0);
    expect(hmicfrs.narrative.every((n) => n.derived)).toBe(true);
  });

  it("reports nothing for papers that did not change", async () => {
    expect(meeting.papers.map((p) => p.slug).sort()).toEqual(["04-inspection", "10-spending", "12-work-programme"]);
  });

  it("prints Markdown, HTML and terminal text with the same findings", async () => {
    const md = await cliAsync(repo, "diff", "HEAD~1", "HEAD", "--format", "md");
    expect(md.status).toBe(0);
    expect(md.stdout).toContain("> [!WARNING]");
    expect(md.stdout).toContain("checks each claim **carefully** before it is signed");
    expect(md.stdout).toMatch(/\*derived\* · \*\*Total expenditure, Actual expenditure \(£\)\*\*: 31,482\.55 → \*\*31,522\.55\*\*/);
    const html = await cliAsync(repo, "diff", "HEAD~1", "HEAD", "--format", "html");
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain("<ins>carefully </ins>");
    expect(html.stdout).toContain('class="alert"');
    const text = await cliAsync(repo, "diff", "HEAD~1", "HEAD");
    expect(text.stdout).toContain("!! NOW EXEMPT: 'Work Programme'");
    expect(text.stdout).toContain("{+carefully +}");
    expect(text.stdout).not.toContain("\x1b["); // not a terminal: no colour
  });

  it("compares with the working tree by default, and refuses a revision that does not exist", async () => {
    edit(repo, SPENDING, "only what the Panel actually spends", "only what the Panel actually pays out");
    const result = await cliAsync(repo, "diff", "HEAD", "--format", "json");
    expect(result.status).toBe(0);
    const working = JSON.parse(result.stdout) as DiffReport;
    expect(working.to).toBe("the working tree");
    expect(working.meetings[0]!.papers.map((p) => p.slug)).toEqual(["10-spending"]);
    expect(working.meetings[0]!.papers[0]!.narrative[0]!.where).toBe("paragraph 1.2 (1. Introduction)");
    expect((await cliAsync(repo, "diff", "no-such-revision")).status).toBe(2);
  });
});
