/**
 * The Eleventy plugin: gives the templates the built SiteView as global data and registers the
 * project's Nunjucks environment. Eleventy never reads content/ or data/ itself, so nothing
 * unvalidated can reach a page.
 */
import type { AgendaItemView, MeetingView, PaperView, SiteView } from "../model/view.ts";
import type { Renderer } from "./nunjucks.ts";
import type { Printed } from "../pipeline/render.ts";
import { committeePages, searchFilters, type CommitteePage } from "./committees.ts";
import { searchShards } from "./search-shards.ts";
import { COMMITTEES_PAGE, DECISIONS_CSV, DECISIONS_PAGE, MANIFEST, SEARCH_PAGE, SITE_CALENDAR, SITE_FEED } from "./paths.ts";
import { cancellationNotice, decisionRows, decisionsCsv, decisionsPages, forwardPlanCsv, forwardPlans, meetingListings } from "./registers.ts";
import { formatDate } from "../lib/format.ts";
import { absoluteUrl, siteUrl } from "./site-url.ts";

export interface EleventyConfig {
  ignores: { add(glob: string): void };
  addGlobalData(name: string, value: unknown): void;
  setLibrary(extension: string, library: unknown): void;
  addPassthroughCopy(paths: Record<string, string>): void;
  setQuietMode(quiet: boolean): void;
  setIncludesDirectory(dir: string): void;
  setLayoutsDirectory(dir: string): void;
  setUseTemplateCache(use: boolean): void;
  setTemplateFormats(formats: string[]): void;
}

type Crumb = { url: string; title: string };

/** The data of one paper page (the `papers` pagination). */
interface PaperEntry {
  meeting: MeetingView;
  item: AgendaItemView;
  paper: PaperView;
}

/** What a page's computed data can read: its own data, and the pagination entry of meeting and paper pages. */
interface PageData {
  page?: { url?: string | false };
  entry?: PaperEntry;
  meeting?: MeetingView;
  /** A committee page's committee (its pagination entry). */
  committee?: CommitteePage;
  /** A page of the decisions register, a forward plan (their pagination entries). */
  register?: { breadcrumbs: Crumb[] };
  plan?: { breadcrumbs: Crumb[] };
  breadcrumbs?: unknown;
  description?: string;
  /** Pages that are not content (the not-found page) are not indexed and have no canonical address. */
  noindex?: boolean;
}

/**
 * The search index's facets of a page, written as <meta> tags Pagefind reads (src/site/search-index.ts):
 * metadata shown with a result (what the page is, its meeting and committee) and the filters the search
 * page offers (committee, year). Only meeting and paper pages have them (only they are indexed).
 */
export interface SearchFacet {
  name: string;
  value: string;
  meta: boolean;
  filter: boolean;
}

export function searchFacets(data: PageData): SearchFacet[] {
  const meeting = data.entry?.meeting ?? data.meeting;
  if (!meeting) return [];
  const facet = (name: string, value: string, kind: { meta?: boolean; filter?: boolean }) => ({ name, value, meta: Boolean(kind.meta), filter: Boolean(kind.filter) });
  const entry = data.entry;
  return [
    facet("title", entry ? entry.paper.title : `Agenda: ${meeting.title}`, { meta: true }),
    facet("type", entry ? (entry.item.recordLabel ? "Record of the meeting" : entry.item.ref ? `Paper, report ${entry.item.ref}` : "Paper") : "Agenda", { meta: true }),
    facet("meeting", meeting.dateText, { meta: true }),
    facet("committee", meeting.committee.name, { meta: true, filter: true }),
    facet("year", meeting.date.slice(0, 4), { filter: true }),
  ];
}

/** Feeds and calendars a page points to (<link rel="alternate">): its committee's on a committee page, else the site's. */
export function alternatesOf(data: PageData): Array<{ type: string; title: string; href: string }> {
  const committee = data.committee;
  return committee
    ? [{ type: "application/atom+xml", title: `${committee.name}: agendas and papers`, href: committee.feed }, { type: "text/calendar", title: `${committee.name}: meetings`, href: committee.calendar }]
    : [{ type: "application/atom+xml", title: "Agendas and papers", href: `/${SITE_FEED}` }, { type: "text/calendar", title: "Meetings", href: `/${SITE_CALENDAR}` }];
}

/** The page's <meta name="description">: generated for meeting and paper pages, else the page's own or the site's. */
export function describePage(data: PageData, siteLead: string): string {
  if (data.entry) {
    const { meeting, item, paper } = data.entry;
    if (item.recordLabel) return `${paper.title}, a record of the ${meeting.committee.name} meeting on ${meeting.dateText} (${item.recordLabel}).`;
    return `${paper.title}: ${item.ref ? `report ${item.ref}, ` : ""}agenda item ${item.label} for the ${meeting.committee.name} meeting on ${meeting.dateText}.`;
  }
  const cancelled = data.meeting?.register?.cancelled;
  if (data.meeting && cancelled) return `The ${data.meeting.committee.name} meeting on ${data.meeting.dateText} has been cancelled${cancelled.movedTo ? ` and moved to ${cancelled.movedTo.dateText}` : ""}.`;
  if (data.meeting) return `Agenda and papers for the ${data.meeting.committee.name} meeting on ${data.meeting.dateText} at ${data.meeting.startText}, ${data.meeting.venue.text}.`;
  return data.description ?? siteLead;
}

export interface PluginOptions {
  site: SiteView;
  renderer: Renderer;
  /** Files copied as they are: source path (relative to the working directory) → output path. */
  passthrough: Record<string, string>;
  /** What printing measured (page ranges, PDF facts); nothing before printing or without PDFs. */
  printed: Printed;
}

export default function panelpress(eleventyConfig: EleventyConfig, options: PluginOptions): void {
  eleventyConfig.addGlobalData("site", options.site);
  eleventyConfig.addGlobalData("restrictedBuild", options.site.restricted);
  // A download link's facts: measured ("PDF, 19 pages, 1.2 MB"), or "PDF" in a build that printed nothing.
  eleventyConfig.addGlobalData("printed", { ranges: options.printed.ranges, pdf: (path: string) => options.printed.pdfs[path] ?? "PDF" });
  // One entry per paper page: the paper with its meeting and agenda item (or, for a record, its record entry).
  eleventyConfig.addGlobalData(
    "papers",
    options.site.meetings.flatMap((meeting): PaperEntry[] =>
      [...meeting.items, ...meeting.records].flatMap((item) => (item.paper ? [{ meeting, item, paper: item.paper }] : [])),
    ),
  );
  // The site's public address (PANELPRESS_SITE_URL), if known: canonical links, and the not-found page's absolute links.
  const url = options.site.restricted ? null : siteUrl(); // the members' build claims no public address
  eleventyConfig.addGlobalData("siteUrl", url);
  // The site-wide pages: a page per committee, the search page's filters, where the feeds and data live.
  eleventyConfig.addGlobalData("committees", committeePages(options.site.index, options.site.builtAt));
  eleventyConfig.addGlobalData("searchFilters", searchFilters(options.site.index));
  // The search index's bundles, one a shard of meetings (src/site/search-shards.ts): the page loads the first and merges the rest.
  eleventyConfig.addGlobalData("searchBundles", searchShards(options.site.index).map((shard) => `/${shard.bundle}`));
  eleventyConfig.addGlobalData("publicLinks", {
    search: `/${SEARCH_PAGE}`, committees: `/${COMMITTEES_PAGE}`, calendar: `/${SITE_CALENDAR}`, feed: `/${SITE_FEED}`, manifest: `/${MANIFEST}`,
    decisions: `/${DECISIONS_PAGE}`, decisionsCsv: `/${DECISIONS_CSV}`,
  });
  // The registers (src/site/registers.ts): lists of meetings that say which are cancelled, the decisions
  // register's pages and CSV, and each committee's forward plan with its CSV.
  const index = options.site.index;
  eleventyConfig.addGlobalData("meetingListings", meetingListings(index));
  eleventyConfig.addGlobalData("decisionPages", decisionsPages(index));
  eleventyConfig.addGlobalData("decisionsCsv", decisionsCsv(decisionRows(index), url));
  eleventyConfig.addGlobalData("forwardPlans", forwardPlans(index, options.site.builtAt, formatDate(options.site.builtAt.slice(0, 10), { weekday: true })).map((plan) => ({ ...plan, csvText: forwardPlanCsv(plan, url) })));
  // A paper page's breadcrumbs name its own meeting. (Computed here, not in the template's front matter:
  // Eleventy computed the nested template strings once for all paginated pages, so every paper linked to
  // the newest meeting.)
  eleventyConfig.addGlobalData("eleventyComputed", {
    breadcrumbs: (data: PageData) =>
      data.entry
        ? [{ url: "/", title: "Meetings" }, { url: data.entry.meeting.url, title: `${data.entry.meeting.committee.name}, ${data.entry.meeting.dateText}` }]
        : (data.register?.breadcrumbs ?? data.plan?.breadcrumbs ?? data.breadcrumbs),
    // Not `description` itself: a computed key that reads its own value sees none (Eleventy 3).
    pageDescription: (data: PageData) => describePage(data, options.site.wording.lead),
    canonical: (data: PageData) => (url && !data.noindex && typeof data.page?.url === "string" ? absoluteUrl(url, data.page.url) : undefined),
    search: searchFacets,
    alternates: alternatesOf,
    // A cancelled meeting's page says so (templates/components/meeting-status.njk).
    cancellation: (data: PageData) => (data.meeting && !data.entry ? cancellationNotice(data.meeting, index) : undefined),
  });
  // Only Nunjucks templates are pages (here, not in the project's .eleventy.js, which a project may leave out).
  eleventyConfig.setTemplateFormats(["njk"]);
  eleventyConfig.setLibrary("njk", options.renderer.env);
  eleventyConfig.addPassthroughCopy(options.passthrough);
  eleventyConfig.setQuietMode(true);
  // Eleventy keeps layouts in a cache for the life of the process: `serve` and the tests build many
  // times in one process, and an edited layout must show the next time.
  eleventyConfig.setUseTemplateCache(false);
  // Input is templates/pages; components and layouts live beside it. (Eleventy never treats files in
  // these folders as pages; template includes resolve through the shared Nunjucks environment.)
  eleventyConfig.setIncludesDirectory("../components");
  eleventyConfig.setLayoutsDirectory("../layouts");
}
