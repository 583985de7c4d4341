/** The public site's pure parts: London times, PDF facts, addresses, feeds' escaping and ids, committee pages. */
import { describe, expect, it } from "vitest";
import { londonInstant, londonIso } from "../../src/site/time.ts";
import { describePdf, formatFileSize } from "../../src/site/pdf-facts.ts";
import { committeeSlug } from "../../src/site/paths.ts";
import { absoluteUrl, publicPath, siteUrl } from "../../src/site/site-url.ts";
import { stableUrn, xmlEscape } from "../../src/site/atom.ts";
import { wallClockPlus } from "../../src/site/calendar.ts";
import { robotsTxt, sitemapPages } from "../../src/site/sitemap.ts";
import { committeePages, searchFilters } from "../../src/site/committees.ts";
import { DEFAULT_SHARD_MEETINGS, searchShards, shardMeetings } from "../../src/site/search-shards.ts";
import { statusOf } from "../../src/pipeline/manifest.ts";
import type { MeetingSummary } from "../../src/model/view.ts";

describe("London time", () => {
  it("gives GMT in winter and BST in summer, and is right either side of the clock changes", () => {
    expect(londonIso("2024-03-14", "10:00")).toBe("2024-03-14T10:00:00+00:00");
    expect(londonIso("2024-06-20", "10:00")).toBe("2024-06-20T10:00:00+01:00");
    expect(londonInstant("2024-03-31", "00:30").toISOString()).toBe("2024-03-31T00:30:00.000Z"); // before 1am GMT: still GMT
    expect(londonInstant("2024-03-31", "03:00").toISOString()).toBe("2024-03-31T02:00:00.000Z"); // after: BST
    expect(londonInstant("2024-10-27", "03:00").toISOString()).toBe("2024-10-27T03:00:00.000Z");
  });

  it("adds a meeting's length in wall-clock time", () => {
    expect(wallClockPlus("2024-06-20", "23:00", 120)).toBe("2024-06-21T01:00:00");
  });
});

describe("PDF facts", () => {
  it("are written as GOV.UK writes them", () => {
    expect(formatFileSize(900)).toBe("900 bytes");
    expect(formatFileSize(250_000)).toBe("244 KB");
    expect(formatFileSize(1_258_291)).toBe("1.2 MB");
    expect(describePdf({ pages: 19, bytes: 1_258_291 })).toBe("PDF, 19 pages, 1.2 MB");
    expect(describePdf({ pages: 1, bytes: 80_000 })).toBe("PDF, 1 page, 78 KB");
  });
});

describe("addresses", () => {
  it("of a committee come from its name, plainly", () => {
    expect(committeeSlug("Essex Police, Fire and Crime Panel")).toBe("essex-police-fire-and-crime-panel");
    expect(committeeSlug("Health & Wellbeing Board")).toBe("health-and-wellbeing-board");
    expect(committeeSlug("Comité d’Été")).toBe("comite-d-ete");
  });

  it("of the site are checked and normalised", () => {
    expect(siteUrl({})).toBeNull();
    expect(siteUrl({ PANELPRESS_SITE_URL: "https://papers.example.gov.uk/panel" })).toBe("https://papers.example.gov.uk/panel/");
    expect(() => siteUrl({ PANELPRESS_SITE_URL: "papers.example.gov.uk" })).toThrow(/not a URL/);
    expect(() => siteUrl({ PANELPRESS_SITE_URL: "ftp://papers.example.gov.uk/" })).toThrow(/http/);
    expect(publicPath("/meetings/2024-03-14/index.html")).toBe("meetings/2024-03-14/");
    expect(publicPath("/index.html")).toBe("");
    expect(absoluteUrl("https://x.example/p/", "/meetings/a/index.html")).toBe("https://x.example/p/meetings/a/");
  });
});

describe("feeds and the sitemap", () => {
  it("escape text, and give stable, well-formed ids", () => {
    expect(xmlEscape(`Fish & "Chips" <b>'s`)).toBe("Fish &amp; &quot;Chips&quot; &lt;b&gt;&apos;s");
    expect(stableUrn("wtp/2024-03-14")).toBe(stableUrn("wtp/2024-03-14"));
    expect(stableUrn("wtp/2024-03-14")).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableUrn("wtp/2024-03-14")).not.toBe(stableUrn("wtp/2024-06-20"));
  });

  it("list content pages only, and robots.txt names the sitemap only when there is one", () => {
    expect(sitemapPages(["404.html", "index.html", "pagefind/x.html", "_print/a/pack.html", "meetings/a/index.html", "assets/site.css"])).toEqual(["index.html", "meetings/a/index.html"]);
    expect(robotsTxt(null, null)).toBe("User-agent: *\nAllow: /\n");
    expect(robotsTxt("https://x.example/", "sitemap.xml", true)).toBe("User-agent: *\nDisallow: /\n");
  });
});

describe("the committee pages and the status of a meeting", () => {
  const summary = (date: string, committeeName = "Wessex Test Panel"): MeetingSummary => ({
    id: date, date, url: `/meetings/${date}/`, dateText: date, startText: "10:00am", committeeName, room: "R", building: "B", place: "R, B", publicItemCount: 2, itemsText: "2 agenda items",
  });

  it("group meetings by committee and year, newest first, marking those still to come", () => {
    const pages = committeePages([summary("2023-11-02"), summary("2024-06-20"), summary("2024-03-14"), summary("2024-01-10", "Audit Committee")], "2024-06-10T06:13:20.000Z");
    expect(pages.map((p) => p.name)).toEqual(["Audit Committee", "Wessex Test Panel"]);
    const wessex = pages[1]!;
    expect(wessex.url).toBe("/committees/wessex-test-panel/");
    expect(wessex.years.map((y) => [y.year, y.meetings.map((m) => [m.date, m.upcoming])])).toEqual([
      ["2024", [["2024-06-20", true], ["2024-03-14", false]]],
      ["2023", [["2023-11-02", false]]],
    ]);
    expect(wessex.next?.date).toBe("2024-06-20");
    expect(pages[0]!.next).toBeUndefined();
    expect(searchFilters([summary("2023-11-02"), summary("2024-01-10", "Audit Committee")])).toEqual({ committees: ["Audit Committee", "Wessex Test Panel"], years: ["2024", "2023"] });
  });

  it("is 'held' once its start has passed at build time", () => {
    expect(statusOf({ start: "2024-06-20T10:00:00+01:00" }, "2024-06-20T08:59:00Z")).toEqual({ status: "scheduled", cancelled: false });
    expect(statusOf({ start: "2024-06-20T10:00:00+01:00" }, "2024-06-20T09:00:00Z")).toEqual({ status: "held", cancelled: false });
  });
});

describe("search shards", () => {
  const meeting = (id: string) => ({ id, date: id.slice(0, 10) });
  const archive = ["2024-06-20", "2023-11-09", "2024-03-14-audit", "2024-03-14", "2024-09-12"].map(meeting);

  it("cut the meetings in date order (then id) into bundles of at most the size, whatever order they come in", () => {
    expect(searchShards(archive, 2)).toEqual([
      { bundle: "pagefind/1/", meetings: ["2023-11-09", "2024-03-14"] },
      { bundle: "pagefind/2/", meetings: ["2024-03-14-audit", "2024-06-20"] },
      { bundle: "pagefind/3/", meetings: ["2024-09-12"] },
    ]);
    expect(searchShards([...archive].reverse(), 2)).toEqual(searchShards(archive, 2));
    expect(searchShards(archive, 5)).toEqual([{ bundle: "pagefind/1/", meetings: ["2023-11-09", "2024-03-14", "2024-03-14-audit", "2024-06-20", "2024-09-12"] }]);
  });

  it("are one bundle, empty, for a site with no meetings, so the search page always has an index to load", () => {
    expect(searchShards([], 2)).toEqual([{ bundle: "pagefind/1/", meetings: [] }]);
  });

  it("hold the option's number of meetings, else PANELPRESS_SEARCH_SHARD's, else the default", () => {
    delete process.env.PANELPRESS_SEARCH_SHARD;
    expect(shardMeetings()).toBe(DEFAULT_SHARD_MEETINGS);
    process.env.PANELPRESS_SEARCH_SHARD = "3";
    expect(shardMeetings()).toBe(3);
    expect(shardMeetings(7)).toBe(7);
    process.env.PANELPRESS_SEARCH_SHARD = "none";
    expect(shardMeetings()).toBe(DEFAULT_SHARD_MEETINGS);
    delete process.env.PANELPRESS_SEARCH_SHARD;
  });
});
