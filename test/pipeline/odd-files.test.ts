/**
 * Odd files in a project: links that leave it, editor leftovers, images beside a paper. None may crash a
 * build, echo a file from outside the project, or be published by accident.
 */
import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../src/pipeline/index.ts";
import { fixtureProject, lineIn } from "../helpers.ts";

const PAPERS = "content/meetings/2024-06-20/papers";
const PAPER = `${PAPERS}/01-update.md`;

async function buildProject(project: string, options: { batches?: { size: number; jobs: number } } = {}) {
  process.env.SOURCE_DATE_EPOCH = "1710374400";
  const out = join(mkdtempSync(join(tmpdir(), "panelpress-odd-")), "site");
  const outcome = await build({ root: project, outDir: out, pdf: false, clean: true, log: () => {}, ...options });
  return { out, outcome, report: outcome.problems.format(project) };
}

describe("odd files", () => {
  it("refuses a data file that links out of the project, without quoting the target", async () => {
    const project = fixtureProject("wessex");
    const outside = join(mkdtempSync(join(tmpdir(), "panelpress-outside-")), "secret.yaml");
    writeFileSync(outside, "tables: [this line is not yaml: {Zanzibar-outside-secret\n");
    mkdirSync(join(project, "data/meetings/2024-06-20"), { recursive: true }); // git keeps no empty folder
    symlinkSync(outside, join(project, "data/meetings/2024-06-20/01-update.yaml"));
    const { outcome, report } = await buildProject(project);
    expect(outcome.published).toBe(false);
    expect(outcome.problems.list.some((p) => p.rule === "file/unreadable" && p.message.includes("outside the project"))).toBe(true);
    expect(report).not.toContain("Zanzibar");
    // Built in batches, the problem comes back from a child process, and the report reads the lines it
    // shows when it shows them: never through a link out of the project either.
    const batched = await buildProject(project, { batches: { size: 1, jobs: 2 } });
    expect(batched.outcome.published).toBe(false);
    expect(batched.outcome.problems.list.some((p) => p.rule === "file/unreadable" && p.message.includes("outside the project"))).toBe(true);
    expect(batched.report).not.toContain("Zanzibar");
  });

  it("ignores editor locks, backups and swap files beside content", async () => {
    const project = fixtureProject("wessex");
    symlinkSync("user@host.1234:1700000000", join(project, PAPERS, ".#01-update.md")); // an Emacs lock: a dangling link
    writeFileSync(join(project, PAPERS, "01-update.md~"), "an old copy");
    writeFileSync(join(project, PAPERS, ".01-update.md.swp"), Buffer.from([0, 1, 2]));
    writeFileSync(join(project, PAPERS, "#01-update.md#"), "an autosave");
    writeFileSync(join(project, "data/committees/.#wtp.yaml"), "not: [valid");
    const { outcome, report } = await buildProject(project);
    expect(outcome.published, report).toBe(true);
    expect(outcome.problems.warningCount, report).toBe(0);
  });

  it("copies an image beside the paper into the build, and refuses one that is not there", async () => {
    const project = fixtureProject("wessex");
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0a9e90000000049454e44ae426082", "hex");
    writeFileSync(join(project, PAPERS, "depot map.png"), png);
    writeFileSync(join(project, PAPER), `${readFileSync(join(project, PAPER), "utf8")}\n![Map of the depot](depot%20map.png)\n`);
    const { out, outcome, report } = await buildProject(project);
    expect(outcome.published, report).toBe(true);
    expect(readFileSync(join(out, "meetings/2024-06-20/01-update/depot map.png")).equals(png)).toBe(true);
    expect(readFileSync(join(out, "meetings/2024-06-20/01-update/index.html"), "utf8")).toContain('src="../../../meetings/2024-06-20/01-update/depot%20map.png"'); // relative: the site works from a sub-folder

    rmSync(join(project, PAPERS, "depot map.png"));
    const missing = await buildProject(project);
    expect(missing.outcome.published).toBe(false);
    const problem = missing.outcome.problems.list.find((p) => p.rule === "image/missing");
    expect(problem?.file).toBe(join(project, PAPER));
    expect(problem?.line).toBe(lineIn(project, PAPER, "depot%20map.png"));
    expect(existsSync(missing.out)).toBe(false);
  });
});
