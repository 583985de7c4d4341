/** PDF dates from git: each meeting's content date, so a commit to one meeting does not re-date (and reprint) another. */
import { afterEach, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildTime, contentDates } from "../../src/pipeline/dates.ts";

function commitAt(repo: string, file: string, seconds: number): void {
  mkdirSync(join(repo, file, ".."), { recursive: true });
  writeFileSync(join(repo, file), `${seconds}\n`);
  const env = { ...process.env, GIT_AUTHOR_DATE: `${seconds} +0000`, GIT_COMMITTER_DATE: `${seconds} +0000` };
  execFileSync("git", ["add", "-A"], { cwd: repo, env });
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", file], { cwd: repo, env });
}

describe("dates stamped into PDFs", () => {
  const saved = process.env.SOURCE_DATE_EPOCH;
  afterEach(() => {
    if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = saved;
  });

  it("give each meeting the time its own content was last committed", () => {
    delete process.env.SOURCE_DATE_EPOCH;
    const repo = mkdtempSync(join(tmpdir(), "panelpress-dates-"));
    execFileSync("git", ["init", "-q"], { cwd: repo });
    commitAt(repo, "content/meetings/2022-10-27/meeting.yaml", 1_660_000_000);
    commitAt(repo, "content/meetings/2022-12-08/meeting.yaml", 1_670_000_000);
    commitAt(repo, "data/meetings/2022-10-27/10-outturn.yaml", 1_665_000_000);
    commitAt(repo, "templates/layouts/base.njk", 1_680_000_000); // not a meeting's content
    const dates = contentDates(repo, ["2022-10-27", "2022-12-08", "2023-02-02"], buildTime(repo));
    expect(dates.get("2022-10-27")).toBe(new Date(1_665_000_000_000).toISOString());
    expect(dates.get("2022-12-08")).toBe(new Date(1_670_000_000_000).toISOString());
    // Never committed: the build time (the last commit).
    expect(dates.get("2023-02-02")).toBe(new Date(1_680_000_000_000).toISOString());
    expect(buildTime(repo)).toBe(new Date(1_680_000_000_000).toISOString());
  });

  it("all come from SOURCE_DATE_EPOCH when it is set", () => {
    process.env.SOURCE_DATE_EPOCH = "1670457600";
    const empty = mkdtempSync(join(tmpdir(), "panelpress-dates-"));
    const dates = contentDates(empty, ["2022-12-08"], buildTime(empty));
    expect(dates.get("2022-12-08")).toBe("2022-12-08T00:00:00.000Z");
  });
});
