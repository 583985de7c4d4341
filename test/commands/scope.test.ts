/**
 * `check` and `build` limited to one meeting or committee (--meeting, --committee): which meetings a scope
 * is, which problems a scoped check reports, and a scoped build that still publishes the whole site.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Problems } from "../../src/content/problems.ts";
import { problemsInScope, resolveScope, ScopeError } from "../../src/pipeline/scope.ts";
import { cliAsync, edit, fileHashes, fixturePath, fixtureProject } from "../helpers.ts";

// The board fixture: 2024-05-16 and 2024-06-20 are meetings of the Strategic Board (nsb, with an action log
// both meetings' minutes read), 2024-07-11 one of the Scrutiny Board (prsb).
const BOARD = fixturePath("board");

describe("resolveScope", () => {
  it("names the meetings of a folder or of a committee, in folder order", () => {
    expect(resolveScope(BOARD, { meetings: ["2024-06-20"] })).toEqual({ meetings: ["2024-06-20"], committees: new Set(["nsb"]) });
    expect(resolveScope(BOARD, { meetings: ["content/meetings/2024-07-11/"] }).meetings).toEqual(["2024-07-11"]);
    expect(resolveScope(BOARD, { committees: ["nsb"] }).meetings).toEqual(["2024-05-16", "2024-06-20"]);
    expect(resolveScope(BOARD, { committees: ["prsb"], meetings: ["2024-05-16"] })).toEqual({ meetings: ["2024-05-16", "2024-07-11"], committees: new Set(["nsb", "prsb"]) });
  });

  it("refuses a meeting or committee the project does not have, listing the ones it has", () => {
    expect(() => resolveScope(BOARD, { meetings: ["2024-06-21"] })).toThrow(new ScopeError("there is no meeting '2024-06-21' (content/meetings/2024-06-21/); the meetings are: 2024-05-16, 2024-06-20, 2024-07-11"));
    expect(() => resolveScope(BOARD, { committees: ["sb"] })).toThrow(new ScopeError("there is no committee 'sb' (data/committees/sb.yaml); the committees are: nsb, prsb"));
  });
});

describe("problemsInScope", () => {
  it("drops problems in the committee files of committees outside the scope, and keeps every other", () => {
    const root = "/project";
    const problems = new Problems();
    problems.error("/project/data/committees/nsb.yaml", undefined, "schema/type", "in scope");
    problems.error("/project/data/committees/prsb.yaml", undefined, "schema/type", "outside");
    problems.warn("/project/data/actions/nsb.yaml", undefined, "action/order", "a shared file a meeting read");
    const kept = problemsInScope(problems, root, { meetings: ["2024-06-20"], committees: new Set(["nsb"]) });
    expect(kept.list.map((p) => p.message)).toEqual(["in scope", "a shared file a meeting read"]);
    // A meeting whose committee could not be read: no committee file is left out.
    expect(problemsInScope(problems, root, { meetings: ["2024-06-20"], committees: undefined }).list).toHaveLength(3);
  });
});

describe("panelpress check --meeting / --committee", () => {
  function brokenBoard(): string {
    const project = fixtureProject("board");
    edit(project, "data/committees/prsb.yaml", /^quorum: 3$/m, "quorum: three"); // the Scrutiny Board's file
    edit(project, "content/meetings/2024-05-16/papers/03-revenue.md", "## Recommendation", "See [@fig:nowhere].\n\n## Recommendation"); // a Strategic Board meeting
    edit(project, "data/actions/nsb.yaml", "id: SB-042", "id: SB-041"); // the action log both Strategic Board meetings read
    return project;
  }

  it("reports the meeting's problems and its shared files', not the other meetings' or committees'", async () => {
    const project = brokenBoard();
    const whole = await cliAsync(project, "check", "--format", "json");
    expect(whole.status).toBe(1);
    const rulesOf = (stdout: string) => (JSON.parse(stdout) as Array<{ file: string; rule: string }>).map((p) => `${p.file} ${p.rule}`).sort();
    expect(rulesOf(whole.stdout)).toEqual(expect.arrayContaining(["content/meetings/2024-05-16/papers/03-revenue.md ref/unresolved", "data/actions/nsb.yaml action/duplicate-id", "data/committees/prsb.yaml schema/type"]));

    const meeting = await cliAsync(project, "check", "--meeting", "2024-06-20", "--format", "json");
    expect(meeting.status).toBe(1);
    expect(rulesOf(meeting.stdout)).toEqual(["data/actions/nsb.yaml action/duplicate-id"]);

    const committee = await cliAsync(project, "check", "--committee", "prsb");
    expect(committee.status).toBe(1);
    expect(committee.stdout).toContain("data/committees/prsb.yaml:");
    expect(committee.stdout).not.toContain("nsb.yaml");
    expect(committee.stdout).not.toContain("03-revenue.md");
    expect(committee.stdout).toMatch(/checked meeting 2024-07-11 only\n$/);
  });

  it("refuses an unknown meeting or committee with a usage error listing the known ones", async () => {
    const project = fixtureProject("board");
    const meeting = await cliAsync(project, "check", "--meeting", "2024-13-01");
    expect(meeting.status).toBe(2);
    expect(meeting.stderr).toBe("there is no meeting '2024-13-01' (content/meetings/2024-13-01/); the meetings are: 2024-05-16, 2024-06-20, 2024-07-11\n");
    const committee = await cliAsync(project, "build", "--no-pdf", "--committee", "board");
    expect(committee.status).toBe(2);
    expect(committee.stderr).toContain("the committees are: nsb, prsb");
    expect(existsSync(join(project, "_site"))).toBe(false);
  });

  it("documents the options in --help", async () => {
    const project = fixtureProject("board");
    for (const command of ["check", "build"]) {
      const help = await cliAsync(project, command, "--help");
      expect(help.status).toBe(0);
      expect(help.stdout).toContain("--meeting FOLDER");
      expect(help.stdout).toContain("--committee ID");
    }
  });
});

describe("panelpress build --meeting", () => {
  it("without an earlier build of the other meetings, publishes nothing and says to run a full build", async () => {
    const project = fixtureProject("board");
    const result = await cliAsync(project, "build", "--no-pdf", "--meeting", "2024-07-11");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("meetings 2024-05-16, 2024-06-20 are outside the scope and have no earlier build to publish");
    expect(result.stderr).toContain("Run a full build first");
    expect(existsSync(join(project, "_site"))).toBe(false);
    const clean = await cliAsync(project, "build", "--no-pdf", "--clean", "--meeting", "2024-07-11");
    expect(clean.status).toBe(2);
    expect(clean.stderr).toContain("--clean rebuilds every meeting");
  });

  it("rebuilds the named meeting and publishes the others as last built, every meeting still listed", async () => {
    const project = fixtureProject("board");
    const full = await cliAsync(project, "build", "--no-pdf");
    expect(full.status, full.stdout + full.stderr).toBe(0);
    const page = (path: string) => readFileSync(join(project, "_site", path), "utf8");
    const before = { minutes: page("meetings/2024-06-20/index.html"), home: page("index.html"), committees: fileHashes(join(project, "_site", "committees")) };

    edit(project, "content/meetings/2024-07-11/papers/22-finance.md", "That the Board considers whether", "That the Board decides whether");
    // Outside the scope: a change that a scoped build must not publish (nor check).
    edit(project, "content/meetings/2024-06-20/meeting.yaml", "title: Welcome, apologies and declarations of interest", "title: Welcome and apologies");
    edit(project, "content/meetings/2024-05-16/papers/03-revenue.md", "## Recommendation", "See [@fig:nowhere].\n\n## Recommendation");

    const scoped = await cliAsync(project, "build", "--no-pdf", "--meeting", "2024-07-11");
    expect(scoped.status, scoped.stdout + scoped.stderr).toBe(0);
    expect(scoped.stdout).toContain("Built 3 meeting(s) (only meeting 2024-07-11 checked and built; 2 published as last built)");
    expect(scoped.stderr).toContain("Published as last built, though their content (or what they share) has changed since: 2024-05-16, 2024-06-20. A full build publishes the changes.");
    expect(page("meetings/2024-07-11/22-finance/index.html")).toContain("That the Board decides whether");
    expect(page("meetings/2024-06-20/index.html")).toBe(before.minutes);
    // The site-wide pages list every meeting.
    expect(page("index.html")).toBe(before.home);
    const manifest = JSON.parse(page("manifest.json")) as { meetings: Array<{ id: string }> };
    expect(manifest.meetings.map((m) => m.id).sort()).toEqual(["2024-05-16", "2024-06-20", "2024-07-11"]);
    expect(fileHashes(join(project, "_site", "committees"))).toEqual(before.committees);
    expect(before.committees.size).toBeGreaterThan(2); // the list of committees and pages for each

    // A full build then checks and publishes everything: the broken reference stops it.
    const after = await cliAsync(project, "build", "--no-pdf");
    expect(after.status).toBe(1);
    expect(after.stderr).toContain("ref/unresolved");
  });
});
