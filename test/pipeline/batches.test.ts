/**
 * A large build in batches, in child processes (src/pipeline/batches.ts): the site is byte-identical to one
 * built serially in one process; problems of every batch are reported together and nothing is published;
 * exempt text quoted across batches is still caught (by the assembly's leak check); a batch that crashes
 * is an error, not a hang. The batch size is set to 2 so that a six-meeting fixture is built in batches.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type BuildOutcome } from "../../src/pipeline/index.ts";
import { buildBatches, evenBatchSize, planBatches } from "../../src/pipeline/batches.ts";
import { meetingLinks } from "../../src/pipeline/load.ts";
import { edit, fileHashes, fixtureProject } from "../helpers.ts";

process.env.SOURCE_DATE_EPOCH = "1670457600";

/** The registers fixture: six meetings, one moved to the date of another (their pages link, so they share a batch). */
const MEETINGS = ["2023-11-09", "2024-03-14", "2024-06-20", "2024-07-18", "2024-07-25", "2024-09-12"];

async function run(project: string, out: string, batched: boolean, clean = true): Promise<BuildOutcome> {
  return build({ root: project, outDir: out, pdf: false, clean, log: () => {}, ...(batched ? { batches: { size: 2, jobs: 2 } } : {}) });
}

const outDir = () => join(mkdtempSync(join(tmpdir(), "panelpress-batches-")), "site");

describe("a build in batches (child processes)", () => {
  it("plans link-closed batches: meetings linked by minutes or a move share one", () => {
    const project = fixtureProject("registers");
    const links = meetingLinks(project, MEETINGS);
    expect([...links.get("2024-07-18")!]).toEqual(["2024-07-25"]);
    expect(planBatches(MEETINGS, links, 2)).toEqual([["2023-11-09", "2024-03-14"], ["2024-06-20"], ["2024-07-18", "2024-07-25"], ["2024-09-12"]]);
    expect(planBatches(MEETINGS, links, 1)).toEqual([["2023-11-09"], ["2024-03-14"], ["2024-06-20"], ["2024-07-18", "2024-07-25"], ["2024-09-12"]]);
  });

  it("fills every round of batches: as many at once as there are jobs, none larger than the most a batch holds", () => {
    expect(evenBatchSize(60, 2, 15)).toBe(15); // 4 batches, 2 rounds (at most 12: 5 batches, the last alone)
    expect(evenBatchSize(60, 2, 12)).toBe(10); // 6 batches, 3 full rounds
    expect(evenBatchSize(20, 2, 15)).toBe(10); // 2 batches at once, not 15 and then 5
    expect(evenBatchSize(240, 2, 15)).toBe(15);
    expect(evenBatchSize(61, 2, 15)).toBe(11); // 6 batches (5 full, one of 6): 3 rounds of 2
    expect(evenBatchSize(7, 4, 15)).toBe(2);
    expect(evenBatchSize(5, 1, 2)).toBe(2);
    for (const [meetings, jobs, most] of [[60, 2, 15], [61, 3, 7], [1000, 2, 15], [3, 8, 15]] as const) {
      const size = evenBatchSize(meetings, jobs, most);
      const batches = Math.ceil(meetings / size);
      expect(size).toBeLessThanOrEqual(most);
      expect(Math.ceil(batches / jobs)).toBe(Math.ceil(meetings / (jobs * most))); // no more rounds than batches of `most` need
    }
  });

  it("is byte-identical to a serial build, batches of 2 with --jobs 2; a clean build reads no earlier record", { timeout: 300_000 }, async () => {
    const project = fixtureProject("registers");
    const serialOut = outDir();
    const serial = await run(project, serialOut, false);
    expect(serial.published, serial.problems.format(project)).toBe(true);
    expect(serial.batched).toEqual([]);
    const serialFiles = fileHashes(serialOut);

    const batchedOut = outDir();
    const batched = await run(project, batchedOut, true);
    expect(batched.published, batched.problems.format(project)).toBe(true);
    expect(batched.batched.map((r) => r.summary.id).sort()).toEqual(MEETINGS);
    expect(batched.reused).toEqual([]);
    expect(batched.problems.warningCount).toBe(serial.problems.warningCount);
    const batchedFiles = fileHashes(batchedOut);
    expect([...batchedFiles.keys()].sort()).toEqual([...serialFiles.keys()].sort());
    expect([...serialFiles].filter(([file, hash]) => batchedFiles.get(file) !== hash).map(([file]) => file)).toEqual([]);
    // The moved meeting's page links to the meeting held instead, built in its batch.
    expect(readFileSync(join(batchedOut, "meetings", "2024-07-18", "index.html"), "utf8")).toContain('href="../../meetings/2024-07-25/"');

    // Every meeting's record is now kept; a clean build in batches builds every meeting again all the same.
    const again = await run(project, batchedOut, true);
    expect(again.batched.map((r) => r.summary.id).sort()).toEqual(MEETINGS);
    expect(again.reused).toEqual([]);
    // Without --clean, nothing changed: every meeting is reused, no batch is started.
    const warm = await run(project, batchedOut, true, false);
    expect(warm.batched).toEqual([]);
    expect(warm.reused.length).toBe(MEETINGS.length);
    expect(fileHashes(batchedOut)).toEqual(serialFiles);
  });

  it("reports every batch's problems at once and publishes nothing; exempt text quoted across batches is caught", { timeout: 300_000 }, async () => {
    const project = fixtureProject("registers");
    const out = outDir();
    const good = await run(project, out, false);
    expect(good.published, good.problems.format(project)).toBe(true);
    const published = realpathSync(out);
    const before = fileHashes(out);

    // 2024-07-25's public paper quotes the exempt paragraph of 2024-03-14 (another batch): only the
    // assembly sees both meetings' output, and its leak check stops the build.
    const quote = "The Glimmerwick depot claim would be settled by a payment of £58,317 spread across two financial years.";
    expect(readFileSync(join(project, "content/meetings/2024-03-14/papers/02-settlement.md"), "utf8")).toContain(quote);
    edit(project, "content/meetings/2024-07-25/papers/01-depot-strategy.md", "three vehicle depots.", `three vehicle depots. ${quote}`);
    const serialLeak = await run(project, outDir(), false);
    expect(serialLeak.published).toBe(false);
    expect(serialLeak.problems.list.map((p) => p.rule)).toContain("exempt/quoted");
    const leak = await run(project, out, true);
    expect(leak.published).toBe(false);
    const leaks = leak.problems.list.filter((p) => p.rule === "exempt/leak");
    expect(leaks.map((p) => p.message).join("\n")).toMatch(/meetings\/2024-07-25\/01-depot-strategy\/index\.html .*Glimmerwick/);
    expect(realpathSync(out)).toBe(published);
    expect(fileHashes(out)).toEqual(before);

    // Errors in two batches (2024-06-20 and 2024-09-12): both reported, with their places; nothing published.
    edit(project, "content/meetings/2024-07-25/papers/01-depot-strategy.md", ` ${quote}`, "");
    edit(project, "content/meetings/2024-06-20/meeting.yaml", "committee: wtp", "committee: nosuch");
    edit(project, "content/meetings/2024-09-12/meeting.yaml", "committee: wtp", "committee: nosuch");
    const broken = await run(project, out, true);
    expect(broken.published).toBe(false);
    const errors = broken.problems.list.filter((p) => p.severity === "error");
    const where = errors.map((p) => `${p.file.slice(project.length + 1)}:${p.line}:${p.column}`);
    expect(where).toContain("content/meetings/2024-06-20/meeting.yaml:1:12");
    expect(where).toContain("content/meetings/2024-09-12/meeting.yaml:2:12");
    expect(broken.problems.format(project)).toContain("committee: nosuch"); // the line is shown, read again by the parent
    expect(realpathSync(out)).toBe(published);
    expect(fileHashes(out)).toEqual(before);
  });

  it("checks minutes against every meeting of their committee, not only those of their batch", { timeout: 60_000 }, async () => {
    // Minutes of 20 June recording 30 May, when the board did not meet; its first meeting on the site (16 May)
    // is in another batch, so a batch that knew only its own meetings would take the date for one older than
    // the site's archive, and say nothing.
    const project = fixtureProject("board");
    edit(project, "data/meetings/2024-06-20/02-minutes.yaml", "records: 2024-05-16", "records: 2024-05-30");
    const rule = (outcome: BuildOutcome) => outcome.problems.list.filter((p) => p.rule === "minutes/meeting").map((p) => p.file.slice(project.length + 1));
    const serial = await build({ root: project, outDir: outDir(), pdf: false, clean: true, log: () => {} });
    expect(rule(serial)).toEqual(["data/meetings/2024-06-20/02-minutes.yaml"]);
    const batched = await build({ root: project, outDir: outDir(), pdf: false, clean: true, log: () => {}, batches: { size: 1, jobs: 2 } });
    expect(rule(batched)).toEqual(["data/meetings/2024-06-20/02-minutes.yaml"]);
    expect(batched.published).toBe(false);
  });

  it("a batch that crashes is an error of the build, with its last words, not a hang", { timeout: 60_000 }, async () => {
    const project = fixtureProject("registers");
    // Its output beside a file, not a folder: the batch cannot make its scratch folder, and stops with a fault.
    const blocked = join(mkdtempSync(join(tmpdir(), "panelpress-batches-")), "file");
    writeFileSync(blocked, "not a folder\n");
    const meeting = { id: "2024-06-20", key: "0".repeat(64), date: "" };
    const { problems, kept } = await buildBatches([[meeting]], { root: project, outDir: join(blocked, "site"), pdf: false, restricted: false, clean: true, builtAt: "2024-01-01T00:00:00.000Z", committees: {} }, { jobs: 1, log: () => {} });
    expect(kept.size).toBe(0);
    expect(problems.list.map((p) => p.rule)).toEqual(["build/batch-failed"]);
    expect(problems.list[0]!.message).toMatch(/meeting 2024-06-20 stopped with exit code 3: .*internal fault.*ENOTDIR/);
  });
});
