/**
 * Where the site-wide pages, feeds and data files live, relative to the site's root (no leading slash).
 * One place, so the pages that link to them, the step that writes them and the manifest agree.
 */
export const SEARCH_PAGE = "search/";
export const COMMITTEES_PAGE = "committees/";
export const SITE_CALENDAR = "calendar.ics";
export const SITE_FEED = "feed.xml";
export const SITEMAP = "sitemap.xml";
export const ROBOTS = "robots.txt";
export const MANIFEST = "manifest.json";
/** The manifest's JSON Schema, published beside it so a consumer can validate what it downloads. */
export const MANIFEST_SCHEMA = "schemas/manifest.schema.json";
/** The decisions register: every decision recorded, newest first, and the same rows as CSV. */
export const DECISIONS_PAGE = "decisions/";
export const DECISIONS_CSV = `${DECISIONS_PAGE}decisions.csv`;
/** Pagefind's bundle: the search index and its script. */
export const SEARCH_BUNDLE = "pagefind/";

/**
 * A committee's address, from its name: the index entry a reused meeting keeps (MeetingSummary) carries
 * the committee's name but not its id, and every build must give a committee the same address.
 */
export function committeeSlug(name: string): string {
  return name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/&/g, " and ").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "committee";
}

export function committeeFolder(name: string): string {
  return `${COMMITTEES_PAGE}${committeeSlug(name)}/`;
}

export function committeeCalendar(name: string): string {
  return `${committeeFolder(name)}calendar.ics`;
}

export function committeeFeed(name: string): string {
  return `${committeeFolder(name)}feed.xml`;
}

/** A committee's forward plan: its meetings to come and what each is to take. */
export function committeeForwardPlan(name: string): string {
  return `${committeeFolder(name)}forward-plan/`;
}

export function committeeForwardPlanCsv(name: string): string {
  return `${committeeForwardPlan(name)}forward-plan.csv`;
}

/** The decisions register, of one committee. */
export function committeeDecisions(name: string): string {
  return `${committeeFolder(name)}decisions/`;
}
