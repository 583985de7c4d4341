/**
 * The checker and the build on broken content, through the real CLI: every problem at once, with
 * file:line:column, no stack trace, and nothing published.
 */
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliAsync, edit, fileHashes, fixtureProject, MAIN } from "../helpers.ts";

const COMMITTEE = "data/committees/hpfcp.yaml";
const MEETING = "content/meetings/2024-11-14/meeting.yaml";
const SPENDING = "content/meetings/2024-11-14/papers/10-spending.md";
const SPENDING_DATA = "data/meetings/2024-11-14/10-spending.yaml";

describe("panelpress check", () => {
  it("passes on the fixture meeting, which has a paper of every kind", async () => {
    const project = fixtureProject(MAIN);
    const result = await cliAsync(project, "check");
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/0 errors/);
  });

  it("reports every mistake at once, each at file:line:column, with no stack trace", async () => {
    const project = fixtureProject(MAIN);
    edit(project, COMMITTEE, /^quorum: 6$/m, "quorum: seven");
    edit(project, MEETING, "    kind: paper\n    paper: 08-decisions", "    kind: papr\n    paper: 08-decisions");
    edit(project, SPENDING_DATA, "actual: 650.00", 'actual: "£6,50"');
    edit(project, SPENDING, /\n## /, "\nSee [@fig:nowhere].\n\n## ");
    const result = await cliAsync(project, "check");
    expect(result.status).toBe(1);
    const out = result.stdout;
    const committee = readFileSync(join(project, COMMITTEE), "utf8").split("\n").findIndex((l) => l === "quorum: seven") + 1;
    expect(out).toContain(`${COMMITTEE}:${committee}:9: error [schema/type] quorum should be a number but is string "seven"`);
    expect(out).toMatch(/content\/meetings\/2024-11-14\/meeting\.yaml:\d+:11: error \[schema\/not-allowed\] agenda\[8\]\.kind is "papr"/);
    expect(out).toContain("did you mean 'paper'?");
    expect(out).toMatch(/data\/meetings\/2024-11-14\/10-spending\.yaml:\d+:\d+: error \[value\/not-a-number\]/);
    expect(out).toMatch(/content\/meetings\/2024-11-14\/papers\/10-spending\.md:\d+:5: error \[ref\/unresolved\] '\[@fig:nowhere\]'/);
    expect(out).toMatch(/^\s+\d+ \| .*quorum: seven/m); // the offending line is shown, with a caret below
    expect(out).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
    expect(result.stderr).not.toContain("internal fault");
  });

  it("explains a YAML syntax error and an unknown key", async () => {
    const project = fixtureProject(MAIN);
    edit(project, "data/meetings/2024-11-14/11-future-dates.yaml", /caption:/, "captoin:");
    edit(project, MEETING, "next_meeting: {date: 2025-02-04", "next_meeting: {date: 2025-02-04,,");
    const result = await cliAsync(project, "check");
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/meeting\.yaml:\d+:\d+: error \[yaml\/syntax\]/);
    expect(result.stdout).toMatch(/11-future-dates\.yaml:\d+:\d+: error \[schema\/unknown-key\] unknown key 'captoin'/);
    expect(result.stdout).toContain("did you mean 'caption'?");
  });

  it("prints findings as JSON for editors and CI", async () => {
    const project = fixtureProject(MAIN);
    edit(project, COMMITTEE, /^quorum: 6$/m, "quorum: 0");
    const result = await cliAsync(project, "check", "--format", "json");
    expect(result.status).toBe(1);
    const findings = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(findings[0]).toMatchObject({ file: COMMITTEE, rule: "schema/invalid", severity: "error" });
    expect(findings[0]!.line).toBeGreaterThan(1);
  });

  it("answers a wrong command with usage and exit code 2", async () => {
    const project = fixtureProject("small");
    expect((await cliAsync(project, "chekc")).status).toBe(2);
    expect((await cliAsync(project, "check", "--format", "xml")).status).toBe(2);
  });
});

describe("a failed build", () => {
  it("leaves the last good output byte-identical", async () => {
    const project = fixtureProject(MAIN);
    const out = join(mkdtempSync(join(tmpdir(), "panelpress-keep-")), "site");
    expect((await cliAsync(project, "build", "--no-pdf", "--out", out)).status).toBe(0);
    const before = fileHashes(out);
    edit(project, SPENDING_DATA, "actual: 650.00", "actual: 651.00"); // the stated total no longer adds up
    const result = await cliAsync(project, "build", "--no-pdf", "--out", out);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("[total/mismatch]");
    expect(result.stderr).toContain("nothing was published");
    expect(fileHashes(out)).toEqual(before);
  });

  it("refuses images from other hosts or outside the project, and says why", async () => {
    const project = fixtureProject("small");
    edit(project, "content/meetings/2025-03-06/papers/02-libraries.md", /\n## /, "\n![Logo](https://example.com/logo.png)\n\n![Hosts](/etc/hostname)\n\n## ");
    const out = join(mkdtempSync(join(tmpdir(), "panelpress-img-")), "site");
    const result = await cliAsync(project, "build", "--out", out);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("[image/remote] the image 'https://example.com/logo.png' is not a file of the project");
    expect(result.stderr).toContain("[image/outside] the image '/etc/hostname' points outside the paper's folder");
    expect(existsSync(out)).toBe(false);
  });
});
