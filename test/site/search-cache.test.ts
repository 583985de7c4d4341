/**
 * Search bundles kept for the next build (src/site/search-cache.ts): after an edit to one meeting, only its
 * shard is indexed again and the others' bundles come from the cache; a kept bundle changed, added to or
 * filed under another key is indexed afresh, never published; and whatever the cache held, the site is
 * byte for byte a clean build's. On the registers fixture (six meetings) in shards of two: three bundles.
 */
import { describe, expect, it } from "vitest";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../src/pipeline/index.ts";
import { filesUnder } from "../../src/lib/files.ts";
import { fileHashes, fixtureProject } from "../helpers.ts";

const OLDEST_PAPER = "content/meetings/2023-11-09/papers/01-minutes.md";

/** Build the project's public HTML into a new folder; the shards kept, read from the build's log. */
async function buildInto(project: string, clean = false) {
  process.env.PANELPRESS_SEARCH_SHARD = "2";
  process.env.SOURCE_DATE_EPOCH = "1670457600";
  const out = join(mkdtempSync(join(tmpdir(), "panelpress-search-cache-")), "site");
  const log: string[] = [];
  const outcome = await build({ root: project, outDir: out, pdf: false, clean, log: (line) => log.push(line) });
  expect(outcome.published, outcome.problems.format(project)).toBe(true);
  const kept = log.map((line) => /(\d+) of (\d+) search shards unchanged/.exec(line)).find(Boolean);
  return { out, hashes: fileHashes(out), kept: kept ? Number(kept[1]) : 0, shards: readdirSync(join(out, "pagefind")).length };
}

/** The cache's entries (a folder and its record per bundle). */
function entries(project: string): string[] {
  const dir = join(project, ".panelpress-cache", "search", "public");
  return readdirSync(dir).filter((name) => !name.endsWith(".json")).map((name) => join(dir, name));
}

describe("search bundles kept for the next build", () => {
  it("indexes only the shard that changed, indexes again a kept bundle that does not verify, and always gives a clean build's bytes", { timeout: 300_000 }, async () => {
    const project = fixtureProject("registers");
    const first = await buildInto(project);
    expect(first.shards).toBe(3);
    expect(first.kept).toBe(0);
    expect(entries(project)).toHaveLength(3);

    // An edit to the oldest meeting's paper: its shard (the first) indexed again, the other two kept.
    appendFileSync(join(project, OLDEST_PAPER), "\nA sentence added after the meeting, about the library's opening hours.\n");
    const edited = await buildInto(project);
    expect(edited.kept).toBe(2);
    expect(edited.hashes).not.toEqual(first.hashes);
    const clean = await buildInto(project, true);
    expect(clean.kept).toBe(0); // a clean build reads no cache
    expect(edited.hashes).toEqual(clean.hashes);
    expect(entries(project)).toHaveLength(3); // the replaced shard's old bundle is gone

    // Kept bundles damaged three ways: a file changed, a file added, an entry filed under another key.
    const [changed, added, moved] = entries(project);
    const file = filesUnder(changed!).find((name) => name.endsWith(".pf_meta") || name.endsWith("pagefind-entry.json"))!;
    appendFileSync(join(changed!, file), "x");
    writeFileSync(join(added!, "extra.js"), "alert(1)");
    const other = entries(project).find((entry) => entry !== moved)!;
    cpSync(`${other}.json`, `${moved}.json`);
    const damaged = await buildInto(project);
    expect(damaged.kept).toBe(0);
    expect(damaged.hashes).toEqual(clean.hashes);
    expect(filesUnder(damaged.out).filter((name) => name.endsWith("extra.js"))).toEqual([]);

    // And what it wrote back verifies: all three kept by the next build.
    const again = await buildInto(project);
    expect(again.kept).toBe(3);
    expect(again.hashes).toEqual(clean.hashes);
  });
});
