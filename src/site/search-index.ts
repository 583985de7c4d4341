/**
 * The site's search index, built with Pagefind from the finished pages in the staged site, after every
 * page is final and before the leak check (which reads the index too, decompressed): an index can only
 * hold what the public pages already show. No server: the browser downloads the small parts of the
 * index a query needs (templates/assets/search.js drives it; templates/pages/search.njk is the page).
 *
 * Indexed: every meeting page (its agenda) and paper page. Each page's committee, meeting date, year and
 * kind come from <meta> tags its layout writes (data-pagefind-filter / data-pagefind-meta).
 *
 * In shards (src/site/search-shards.ts): each shard's meetings are indexed into a bundle of their own, and
 * Pagefind's service is closed after each, so the memory it holds is that of one shard, not the archive.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { SearchShard } from "./search-shards.ts";
import type { SearchBundleCache } from "./search-cache.ts";
import { filesUnder } from "../lib/files.ts";

/** Parts of a page that are not its content: site chrome, navigation, download links, chart drawings (their data is a table). */
const EXCLUDE = [".skip-link", ".restricted-bar", ".site-header", ".site-footer", "nav", ".download", "svg"];
/** Pagefind's ready-made interfaces, which the site does not use (its own accessible form does): not published. */
const UNUSED = [
  "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
  "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
];

/**
 * The searcher: Pagefind's script, its worker and WebAssembly. The browser loads them from the first bundle
 * only (mergeIndex reads a merged bundle's index with the first's), so the other bundles' copies, about
 * 200 KB each, are not published.
 */
const SEARCHER = /^(?:pagefind\.js|pagefind-worker\.js|wasm\..+\.pagefind)$/;

/** Builds in one process take turns: Pagefind's service is shared, and closing it ends every index in it. */
let turn: Promise<unknown> = Promise.resolve();

/** What indexing did: pages indexed, and shards whose bundle came from the cache (their pages unchanged). */
export interface SearchIndexed {
  pages: number;
  kept: number;
}

/**
 * Index the staged site's meeting pages into each shard's bundle (<site>/pagefind/1/, …). With a cache, a
 * shard whose pages are those of a bundle it kept gets that bundle back (src/site/search-cache.ts).
 */
export function buildSearchIndex(siteDir: string, shards: readonly SearchShard[], cache?: SearchBundleCache): Promise<SearchIndexed> {
  const run = turn.then(() => indexShards(siteDir, shards, cache));
  turn = run.catch(() => undefined);
  return run;
}

async function indexShards(siteDir: string, shards: readonly SearchShard[], cache?: SearchBundleCache): Promise<SearchIndexed> {
  const sharded = new Set(shards.flatMap((shard) => shard.meetings));
  const unsharded = meetingFolders(siteDir).filter((id) => !sharded.has(id));
  if (unsharded.length) throw new Error(`meetings in no search shard, so not searchable: ${unsharded.join(", ")}`);
  const indexed: SearchIndexed = { pages: 0, kept: 0 };
  for (const [n, shard] of shards.entries()) {
    const merged = n > 0;
    const outputPath = join(siteDir, shard.bundle);
    const key = cache?.key(siteDir, shard.bundle, merged, shardPageFiles(siteDir, shard));
    const kept = key ? cache!.restore(key, outputPath) : undefined;
    if (kept !== undefined) {
      indexed.pages += kept;
      indexed.kept++;
      continue;
    }
    const pages = await indexShard(siteDir, shard, merged);
    if (key) cache!.keep(key, outputPath, pages);
    indexed.pages += pages;
  }
  cache?.prune();
  return indexed;
}

/** The files shardPages() names: every page under the shard's meetings' folders (all meetings' if it names none). */
function shardPageFiles(siteDir: string, shard: SearchShard): string[] {
  const ids = shard.meetings.length ? shard.meetings : meetingFolders(siteDir);
  return ids.flatMap((id) => filesUnder(join(siteDir, "meetings", id)).filter((file) => file.endsWith(".html")).map((file) => `meetings/${id}/${file}`));
}

function meetingFolders(siteDir: string): string[] {
  const meetings = join(siteDir, "meetings");
  return existsSync(meetings) ? readdirSync(meetings, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
}

/** The pages of a shard's meetings: each meeting's agenda and papers. (A meeting's id is its folder, named by its date, meeting/folder-date: nothing a glob would read as a pattern.) */
function shardPages(shard: SearchShard): string {
  return shard.meetings.length ? `meetings/{${shard.meetings.join(",")}}/**/*.html` : "meetings/**/*.html";
}

/** Index one shard into its bundle; a bundle merged into the first keeps only its index (see SEARCHER). */
async function indexShard(siteDir: string, shard: SearchShard, merged: boolean): Promise<number> {
  const pagefind = await import("pagefind");
  const outputPath = join(siteDir, shard.bundle);
  try {
    const created = await pagefind.createIndex({ forceLanguage: "en", excludeSelectors: EXCLUDE, verbose: false });
    if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
    const added = await created.index.addDirectory({ path: siteDir, glob: shardPages(shard) });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join("; ")}`);
    const written = await created.index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join("; ")}`);
    await created.index.deleteIndex();
    for (const file of UNUSED) rmSync(join(outputPath, file), { force: true });
    if (merged) for (const file of readdirSync(outputPath).filter((name) => SEARCHER.test(name))) rmSync(join(outputPath, file));
    const needed = merged ? "pagefind-entry.json" : "pagefind.js";
    if (!existsSync(join(outputPath, needed))) throw new Error(`Pagefind wrote no ${needed}`);
    return added.page_count;
  } finally {
    // Its service is a child process: never leave it running; and closing it after each shard is what
    // returns the shard's memory.
    await pagefind.close();
  }
}
