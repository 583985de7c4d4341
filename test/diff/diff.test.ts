/**
 * `panelpress diff` on a real git repository: two commits of the example content with a narrative edit,
 * a data edit that moves a total, a new agenda item and an item turned exempt. Each must appear, named as
 * a reader would name it, with its derived consequences marked as derived.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli, copyProject, edit } from "../helpers.ts";
import type { DiffReport, MeetingDiff, PaperDiff } from "../../src/diff/model.ts";

const MEETING = "content/meetings/2022-12-08/meeting.yaml";

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

beforeAll(() => {
  repo = copyProject();
  writeFileSync(join(repo, ".gitignore"), "node_modules\n");
  git(repo, "init", "-q");
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "version A");
  // A narrative edit.
  edit(repo, "content/meetings/2022-12-08/papers/10-outturn.md", "check the return for accuracy", "check the return carefully for accuracy");
  // A data edit that moves a total (the stated total is corrected too, so the version passes check).
  edit(repo, "data/meetings/2022-12-08/10-outturn.yaml", "actual: 420.00", "actual: 460.00");
  edit(repo, "data/meetings/2022-12-08/10-outturn.yaml", "actual: 29671.80", "actual: 29711.80");
  // A value of a kind's own data, and the counts computed from it.
  edit(repo, "data/meetings/2022-12-08/04-hmicfrs-progress.yaml", /(- afi: EFF-03\n\s+timescale: )Q4 2022\/23/, "$1Q2 2023/24");
  // A new agenda item, and an item turned exempt.
  edit(repo, MEETING, "  - title: National Association of Police, Fire and Crime Panels Update\n    kind: verbal\n", "  - title: National Association of Police, Fire and Crime Panels Update\n    kind: verbal\n  - title: Chief Constable's Update\n    kind: verbal\n");
  edit(repo, MEETING, "    paper: 13-forward-plan\n", "    paper: 13-forward-plan\n    exempt: {paragraphs: [3]}\n");
  git(repo, "commit", "-qam", "version B");
  const result = cli(repo, "diff", "HEAD~1", "HEAD", "--format", "json");
  expect(result.status, result.stderr).toBe(0);
  report = JSON.parse(result.stdout) as DiffReport;
  meeting = report.meetings[0]!;
});

describe("panelpress diff", () => {
  it("compares two clean versions of the meeting", () => {
    expect(report).toMatchObject({ from: "HEAD~1", to: "HEAD", errors: { from: 0, to: 0 } });
    expect(report.meetings).toHaveLength(1);
    expect(meeting.id).toBe("2022-12-08");
  });

  it("calls out an item becoming exempt first, and its paper as no longer published", () => {
    expect(meeting.agenda[0]).toMatchObject({ change: "now-exempt", title: "Forward Work Plan", prominent: true });
    expect(meeting.agenda[0]!.text).toContain("paragraph 3 of Schedule 12A");
    expect(paper("13-forward-plan").status).toBe("now-exempt");
  });

  it("reports the new agenda item, and the items renumbered by it as derived", () => {
    expect(meeting.agenda).toContainEqual(expect.objectContaining({ change: "added", title: "Chief Constable's Update", after: "item 12", derived: false }));
    expect(meeting.agenda).toContainEqual(expect.objectContaining({ change: "renumbered", title: "Dates of Future Meetings", before: "item 12", after: "item 13", derived: true }));
  });

  it("shows the narrative edit word by word, located by its generated paragraph number", () => {
    const [change, ...rest] = paper("10-outturn").narrative;
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ change: "changed", where: "paragraph 1.1 (1. Introduction)", derived: false });
    expect(change!.parts.filter((p) => p.change)).toEqual([{ text: "carefully ", change: "added" }]);
  });

  it("names the changed figure by its row and column, and marks the total that moved as derived", () => {
    const data = paper("10-outturn").data;
    expect(data).toContainEqual(expect.objectContaining({ label: "Eastern Region PCP network (annual subscription), Actual Resource Expenditure (£)", before: "420.00", after: "460.00", derived: false }));
    expect(data).toContainEqual(expect.objectContaining({ label: "TOTAL EXPENDITURE, Actual Resource Expenditure (£)", before: "29,671.80", after: "29,711.80", derived: true }));
    expect(data.find((d) => d.derived)!.path).toMatch(/^Figure 1 /);
  });

  it("names a kind's value by what it is, with the counts computed from it as derived, and the chart that moved", () => {
    const hmicfrs = paper("04-hmicfrs-progress");
    expect(hmicfrs.data).toContainEqual(expect.objectContaining({ label: "Area for improvement EFF-03 — timescale", before: "Q4 2022/23", after: "Q2 2023/24", derived: false }));
    expect(hmicfrs.data).toContainEqual(expect.objectContaining({ label: "Q4 2022/23, All pillars", before: "16", after: "15", derived: true }));
    expect(hmicfrs.charts).toContainEqual(expect.objectContaining({ label: "Figure 4", change: "changed" }));
    // The narrative quotes the counts: that paragraph moved though nobody edited it.
    expect(hmicfrs.narrative.length).toBeGreaterThan(0);
    expect(hmicfrs.narrative.every((n) => n.derived)).toBe(true);
  });

  it("reports nothing for papers that did not change", () => {
    expect(meeting.papers.map((p) => p.slug).sort()).toEqual(["04-hmicfrs-progress", "10-outturn", "13-forward-plan"]);
  });

  it("prints Markdown, HTML and terminal text with the same findings", () => {
    const md = cli(repo, "diff", "HEAD~1", "HEAD", "--format", "md");
    expect(md.status).toBe(0);
    expect(md.stdout).toContain("> [!WARNING]");
    expect(md.stdout).toContain("check the return **carefully** for accuracy");
    expect(md.stdout).toMatch(/\*derived\* · \*\*TOTAL EXPENDITURE, Actual Resource Expenditure \(£\)\*\*: 29,671\.80 → \*\*29,711\.80\*\*/);
    const html = cli(repo, "diff", "HEAD~1", "HEAD", "--format", "html");
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain("<ins>carefully </ins>");
    expect(html.stdout).toContain('class="alert"');
    const text = cli(repo, "diff", "HEAD~1", "HEAD");
    expect(text.stdout).toContain("!! NOW EXEMPT: 'Forward Work Plan'");
    expect(text.stdout).toContain("{+carefully +}");
    expect(text.stdout).not.toContain("\x1b["); // not a terminal: no colour
  });

  it("compares with the working tree by default, and refuses a revision that does not exist", () => {
    edit(repo, "content/meetings/2022-12-08/papers/10-outturn.md", "sets out the actual expenditure", "sets out the actual spending");
    const result = cli(repo, "diff", "HEAD", "--format", "json");
    expect(result.status).toBe(0);
    const working = JSON.parse(result.stdout) as DiffReport;
    expect(working.to).toBe("the working tree");
    expect(working.meetings[0]!.papers.map((p) => p.slug)).toEqual(["10-outturn"]);
    expect(working.meetings[0]!.papers[0]!.narrative[0]!.where).toBe("paragraph 1.2 (1. Introduction)");
    expect(cli(repo, "diff", "no-such-revision").status).toBe(2);
  });
});
