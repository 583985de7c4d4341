/**
 * The checker and the build on broken content, through the real CLI: every problem at once, with
 * file:line:column, no stack trace, and nothing published.
 */
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli, copyProject, edit, fileHashes } from "../helpers.ts";

describe("panelpress check", () => {
  it("passes on the example content", () => {
    const project = copyProject();
    const result = cli(project, "check");
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/0 errors/);
  });

  it("reports every mistake at once, each at file:line:column, with no stack trace", () => {
    const project = copyProject();
    edit(project, "data/committees/epfcp.yaml", /^quorum: 7$/m, "quorum: seven");
    edit(project, "content/meetings/2022-12-08/meeting.yaml", "    kind: paper\n    paper: 08-decisions", "    kind: papr\n    paper: 08-decisions");
    edit(project, "data/meetings/2022-12-08/10-outturn.yaml", "actual: 420.00", 'actual: "£4,20"');
    edit(project, "content/meetings/2022-12-08/papers/10-outturn.md", /\n## /, "\nSee [@fig:nowhere].\n\n## ");
    const result = cli(project, "check");
    expect(result.status).toBe(1);
    const out = result.stdout;
    const committee = readFileSync(join(project, "data/committees/epfcp.yaml"), "utf8").split("\n").findIndex((l) => l === "quorum: seven") + 1;
    expect(out).toContain(`data/committees/epfcp.yaml:${committee}:9: error [schema/type] quorum should be a number but is string "seven"`);
    expect(out).toMatch(/content\/meetings\/2022-12-08\/meeting\.yaml:\d+:11: error \[schema\/not-allowed\] agenda\[8\]\.kind is "papr"/);
    expect(out).toContain("did you mean 'paper'?");
    expect(out).toMatch(/data\/meetings\/2022-12-08\/10-outturn\.yaml:\d+:\d+: error \[value\/not-a-number\]/);
    expect(out).toMatch(/content\/meetings\/2022-12-08\/papers\/10-outturn\.md:\d+:5: error \[ref\/unresolved\] '\[@fig:nowhere\]'/);
    expect(out).toMatch(/^\s+\d+ \| .*quorum: seven/m); // the offending line is shown, with a caret below
    expect(out).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
    expect(result.stderr).not.toContain("internal fault");
  });

  it("explains a YAML syntax error and an unknown key", () => {
    const project = copyProject();
    edit(project, "data/meetings/2022-12-08/12-future-dates.yaml", /caption:/, "captoin:");
    edit(project, "content/meetings/2022-12-08/meeting.yaml", "next_meeting: {date: 2023-02-07", "next_meeting: {date: 2023-02-07,,");
    const result = cli(project, "check");
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/meeting\.yaml:\d+:\d+: error \[yaml\/syntax\]/);
    expect(result.stdout).toMatch(/12-future-dates\.yaml:\d+:\d+: error \[schema\/unknown-key\] unknown key 'captoin'/);
    expect(result.stdout).toContain("did you mean 'caption'?");
  });

  it("prints findings as JSON for editors and CI", () => {
    const project = copyProject();
    edit(project, "data/committees/epfcp.yaml", /^quorum: 7$/m, "quorum: 0");
    const result = cli(project, "check", "--format", "json");
    expect(result.status).toBe(1);
    const findings = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(findings[0]).toMatchObject({ file: "data/committees/epfcp.yaml", rule: "schema/invalid", severity: "error" });
    expect(findings[0]!.line).toBeGreaterThan(1);
  });

  it("answers a wrong command with usage and exit code 2", () => {
    expect(cli(copyProject(), "chekc").status).toBe(2);
    expect(cli(copyProject(), "check", "--format", "xml").status).toBe(2);
  });
});

describe("a failed build", () => {
  it("leaves the last good output byte-identical", () => {
    const project = copyProject();
    const out = join(mkdtempSync(join(tmpdir(), "panelpress-keep-")), "site");
    expect(cli(project, "build", "--no-pdf", "--out", out).status).toBe(0);
    const before = fileHashes(out);
    edit(project, "data/meetings/2022-12-08/10-outturn.yaml", "actual: 420.00", "actual: 421.00"); // the stated total no longer adds up
    const result = cli(project, "build", "--no-pdf", "--out", out);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("[total/mismatch]");
    expect(result.stderr).toContain("nothing was published");
    expect(fileHashes(out)).toEqual(before);
  });

  it("refuses images from other hosts or outside the project, and says why", () => {
    const project = copyProject();
    edit(project, "content/meetings/2022-12-08/papers/10-outturn.md", /\n## /, "\n![Logo](https://example.com/logo.png)\n\n![Hosts](/etc/hostname)\n\n## ");
    const out = join(mkdtempSync(join(tmpdir(), "panelpress-img-")), "site");
    const result = cli(project, "build", "--out", out);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("[image/remote] the image 'https://example.com/logo.png' is not a file of the project");
    expect(result.stderr).toContain("[image/outside] the image '/etc/hostname' points outside the paper's folder");
    expect(existsSync(out)).toBe(false);
  });
});
