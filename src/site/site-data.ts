/**
 * The site-wide files made after printing, from the manifest (which covers every meeting, reused ones
 * too): manifest.json and its schema, the iCalendar and Atom feeds, sitemap.xml and robots.txt; and the
 * measured PDFs' facts, which the pages show ("PDF, 19 pages, 1.2 MB").
 */
import { copyFileSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Manifest } from "../pipeline/manifest.ts";
import type { PrintResult } from "../print/print.ts";
import { filesUnder, TOOL_ROOT } from "../lib/files.ts";
import { calendars } from "./calendar.ts";
import { feeds } from "./atom.ts";
import { MANIFEST, MANIFEST_SCHEMA, ROBOTS } from "./paths.ts";
import type { PdfFacts } from "./pdf-facts.ts";
import { robotsTxt, sitemap, sitemapPages } from "./sitemap.ts";

function write(siteDir: string, path: string, text: string): void {
  const file = join(siteDir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** Write the manifest, its schema, the feeds, the sitemap and robots.txt into the staged site. */
export function writeSiteData(siteDir: string, manifest: Manifest, options: { restricted: boolean }): void {
  write(siteDir, MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  mkdirSync(dirname(join(siteDir, MANIFEST_SCHEMA)), { recursive: true });
  copyFileSync(join(TOOL_ROOT, "schemas", "manifest.schema.json"), join(siteDir, MANIFEST_SCHEMA));
  for (const [path, text] of [...calendars(manifest), ...feeds(manifest)]) write(siteDir, path, text);
  if (manifest.site.url && manifest.site.sitemap) write(siteDir, manifest.site.sitemap, sitemap(sitemapPages(filesUnder(siteDir)), manifest, manifest.site.url));
  write(siteDir, ROBOTS, robotsTxt(manifest.site.url, manifest.site.sitemap, options.restricted));
}

/** The measured PDFs: site path (no leading slash) → pages and size. */
export function pdfFactsOf(siteDir: string, prints: PrintResult[]): Map<string, PdfFacts> {
  return new Map(prints.map((p) => [p.output, { pages: p.pages, bytes: statSync(join(siteDir, p.output)).size }]));
}
