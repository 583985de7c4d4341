/**
 * sitemap.xml (sitemaps.org 0.9) and robots.txt. A sitemap must give absolute addresses, so it is written
 * only when the site's address is known (PANELPRESS_SITE_URL); robots.txt always, naming the sitemap if any.
 */
import type { Manifest } from "../pipeline/manifest.ts";
import { xmlEscape } from "./atom.ts";
import { absoluteUrl } from "./site-url.ts";

/** Pages that are not content: the not-found page, print documents, the search bundle. */
const NOT_LISTED = /^(?:404\.html$|_print\/|pagefind\/)/;

/** The pages of a site to list, in path order, from its file list. */
export function sitemapPages(files: string[]): string[] {
  return files.filter((f) => f.endsWith(".html") && !NOT_LISTED.test(f)).sort();
}

/** The sitemap: each page's address, with when it last changed where the manifest knows (meeting and paper pages). */
export function sitemap(pages: string[], manifest: Manifest, siteUrl: string): string {
  const modified = new Map<string, string>();
  for (const meeting of manifest.meetings) {
    const folder = meeting.html.replace(/index\.html$/, "");
    for (const page of pages) if (page.startsWith(folder)) modified.set(page, meeting.modified.slice(0, 10));
  }
  const urls = pages.map((page) => {
    const lastmod = modified.get(page);
    return `  <url><loc>${xmlEscape(absoluteUrl(siteUrl, page))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;
  });
  return [`<?xml version="1.0" encoding="UTF-8"?>`, `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`, ...urls, `</urlset>`, ""].join("\n");
}

/** Everything may be crawled, and the sitemap is named when there is one; nothing of a members' build. */
export function robotsTxt(siteUrl: string | null, sitemapPath: string | null, restricted = false): string {
  if (restricted) return "User-agent: *\nDisallow: /\n";
  return ["User-agent: *", "Allow: /", ...(siteUrl && sitemapPath ? ["", `Sitemap: ${absoluteUrl(siteUrl, sitemapPath)}`] : []), ""].join("\n");
}
