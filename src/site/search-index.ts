/**
 * The site's search index, built with Pagefind from the finished pages in the staged site, after every
 * page is final and before the leak check (which reads the index too, decompressed): an index can only
 * hold what the public pages already show. No server: the browser downloads the small parts of the
 * index a query needs (templates/assets/search.js drives it; templates/pages/search.njk is the page).
 *
 * Indexed: every meeting page (its agenda) and paper page. Each page's committee, meeting date, year and
 * kind come from <meta> tags its layout writes (data-pagefind-filter / data-pagefind-meta).
 */
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { SEARCH_BUNDLE } from "./paths.ts";

/** What to index: the agendas and papers. */
const PAGES = "meetings/**/*.html";
/** Parts of a page that are not its content: site chrome, navigation, download links, chart drawings (their data is a table). */
const EXCLUDE = [".skip-link", ".restricted-bar", ".site-header", ".site-footer", "nav", ".download", "svg"];
/** Pagefind's ready-made interfaces, which the site does not use (its own accessible form does): not published. */
const UNUSED = [
  "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
  "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
];

/** Builds in one process take turns: Pagefind's service is shared, and closing it ends every index in it. */
let turn: Promise<unknown> = Promise.resolve();

/** Index the staged site's pages into <site>/pagefind/; the number of pages indexed. */
export function buildSearchIndex(siteDir: string): Promise<number> {
  const run = turn.then(() => indexSite(siteDir));
  turn = run.catch(() => undefined);
  return run;
}

async function indexSite(siteDir: string): Promise<number> {
  const pagefind = await import("pagefind");
  const outputPath = join(siteDir, SEARCH_BUNDLE);
  try {
    const created = await pagefind.createIndex({ forceLanguage: "en", excludeSelectors: EXCLUDE, verbose: false });
    if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
    const added = await created.index.addDirectory({ path: siteDir, glob: PAGES });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join("; ")}`);
    const written = await created.index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join("; ")}`);
    await created.index.deleteIndex();
    for (const file of UNUSED) rmSync(join(outputPath, file), { force: true });
    if (!existsSync(join(outputPath, "pagefind.js"))) throw new Error("Pagefind wrote no pagefind.js");
    return added.page_count;
  } finally {
    await pagefind.close(); // its service is a child process: never leave it running
  }
}
