/**
 * Search bundles kept for the next build (src/site/search-cache.ts): after an edit to one meeting, only its
 * shard is indexed again and the others' bundles come from the cache; a kept bundle changed, added to or
 * filed under another key is indexed afresh, never published; and whatever the cache held, the site is
 * byte for byte a clean build's. On the registers fixture (six meetings) in shards of two: three bundles.
 */
import { describe, expect, it } from "vitest";
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../src/pipeline/index.ts";
import { filesUnder } from "../../src/lib/files.ts";
import { sha256 } from "../../src/print/cache.ts";
import { fileHashes, fixtureProject } from "../helpers.ts";

const OLDEST_PAPER = "content/meetings/2023-11-09/papers/01-minutes.md";

/** Build the project's public HTML into a new folder; the shards kept, read from the build's log. */
async function buildInto(project: string, clean = false) {
  const { outcome, out, log } = await buildHtml(project, { clean });
  expect(outcome.published, outcome.problems.format(project)).toBe(true);
  const kept = log.map((line) => /(\d+) of (\d+) search shards unchanged/.exec(line)).find(Boolean);
  return { out, hashes: fileHashes(out), kept: kept ? Number(kept[1]) : 0, shards: readdirSync(join(out, "pagefind")).length };
}

/** One build of the project's HTML (public, or the members' with `restricted`) in shards of two meetings, into `out` or a new folder. */
async function buildHtml(project: string, options: { clean?: boolean; restricted?: boolean; out?: string } = {}) {
  process.env.PANELPRESS_SEARCH_SHARD = "2";
  process.env.SOURCE_DATE_EPOCH = "1670457600";
  const out = options.out ?? join(mkdtempSync(join(tmpdir(), "panelpress-search-cache-")), "site");
  const log: string[] = [];
  const outcome = await build({ root: project, outDir: out, pdf: false, clean: Boolean(options.clean), restricted: Boolean(options.restricted), log: (line) => log.push(line) });
  return { outcome, out, log };
}

/** The cache's entries (a folder and its record per bundle), of the public build's cache or the members'. */
function entries(project: string, mode: "public" | "restricted" = "public"): string[] {
  const dir = join(project, ".panelpress-cache", "search", mode);
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

  it("red team: a members' bundle filed, with a record that verifies, under the public bundle's key is caught by the leak check, and nothing is published", { timeout: 300_000 }, async () => {
    // The first shard holds 2024-03-14, whose paper has an exempt appendix; only the first bundle carries pagefind.js.
    const project = fixtureProject("registers");
    const site = join(mkdtempSync(join(tmpdir(), "panelpress-search-cache-")), "site");
    expect((await buildHtml(project, { out: site })).outcome.published).toBe(true);
    const before = fileHashes(site);
    const members = await buildHtml(project, { restricted: true });
    expect(members.outcome.published).toBe(true);
    const first = (mode: "public" | "restricted") => entries(project, mode).find((entry) => existsSync(join(entry, "pagefind.js")))!;
    const [publicEntry, membersEntry] = [first("public"), first("restricted")];
    // The forgery: the members' bundle in the public entry's place, and a record of its files that verifies.
    const record = JSON.parse(readFileSync(`${publicEntry}.json`, "utf8")) as { files: Record<string, string> };
    rmSync(publicEntry, { recursive: true });
    cpSync(membersEntry, publicEntry, { recursive: true });
    record.files = Object.fromEntries(filesUnder(publicEntry).map((file) => [file, sha256(readFileSync(join(publicEntry, file)))]));
    writeFileSync(`${publicEntry}.json`, JSON.stringify(record));

    const attacked = await buildHtml(project, { out: site });
    expect(attacked.log.join("\n")).toContain("3 of 3 search shards unchanged"); // the forged bundle was taken, as any that verifies
    expect(attacked.outcome.published).toBe(false);
    expect(attacked.outcome.problems.list.filter((p) => p.rule === "exempt/leak").map((p) => p.message).join("\n")).toMatch(/pagefind\/1\//);
    expect(fileHashes(site)).toEqual(before); // the last good site as it was
  });
});
