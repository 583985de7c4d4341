/**
 * The public address the site is deployed at, for what must be absolute: canonical links, the sitemap,
 * robots.txt's Sitemap line, the feeds' links. Set PANELPRESS_SITE_URL (https://papers.example.gov.uk/);
 * without it the site still works from any folder, with no canonical links and no sitemap.
 */
export const SITE_URL_VARIABLE = "PANELPRESS_SITE_URL";

/** The configured address, normalised to end in "/", or null. A malformed one is an error, not ignored. */
export function siteUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const raw = env[SITE_URL_VARIABLE]?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${SITE_URL_VARIABLE} is not a URL: '${raw}' (write it like https://papers.example.gov.uk/)`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`${SITE_URL_VARIABLE} must be an http(s) address, not '${raw}'`);
  if (url.search || url.hash) throw new Error(`${SITE_URL_VARIABLE} must have no query or fragment: '${raw}'`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** A site path ("/meetings/x/index.html", "meetings/x/") as the address people should use: folders, not index.html. */
export function publicPath(path: string): string {
  return path.replace(/^\//, "").replace(/(^|\/)index\.html$/, "$1");
}

/** The absolute address of a site path under the site's address. */
export function absoluteUrl(base: string, path: string): string {
  return new URL(publicPath(path), base).href;
}
