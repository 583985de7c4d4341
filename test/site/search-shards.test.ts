/**
 * The search index in shards (issue #22; src/site/search-shards.ts): the six-meeting registers fixture
 * built with shards of two meetings (PANELPRESS_SEARCH_SHARD=2), so three bundles, served over HTTP and
 * searched in real Chromium. The search page merges them: a phrase found only in a meeting of the second
 * shard is found, and the committee and year filters narrow results drawn from every shard.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { openPage } from "../../src/a11y/audit.ts";
import { servedSite, submitQuery, type ServedSite } from "./served-site.ts";

/** Only in the paper of 20 June 2024, the first meeting of the second shard. */
const SECOND_SHARD_PHRASE = "renewal programme";
const SECOND_SHARD_PAPER = "/meetings/2024-06-20/01-update/";

let site: ServedSite;
let out: string;
let origin: string;
let page: Page;

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = "1718000000";
  process.env.PANELPRESS_SEARCH_SHARD = "2";
  site = await servedSite("registers");
  ({ out, origin, page } = site);
});

afterAll(() => site?.close());

interface Found { status: string; hrefs: string[] }

/** Search from the page as a person would: the query in the box, the filters chosen, Enter. */
async function search(query: string, filters: { committee?: string; year?: string } = {}): Promise<Found> {
  await openPage(page, `${origin}/search/`);
  await page.waitForSelector("#search-form[data-ready]", { timeout: 15_000 });
  await page.select("#search-committee", filters.committee ?? "");
  await page.select("#search-year", filters.year ?? "");
  await submitQuery(page, query);
  return (await page.evaluate(`({
    status: document.getElementById("search-status").textContent,
    hrefs: [...document.querySelectorAll("#search-results li h2 a")].map((a) => a.getAttribute("href")),
  })`)) as Found;
}

/** The meetings results belong to: "/meetings/2024-06-20/01-update/" → "2024-06-20". */
const meetingsOf = (hrefs: string[]) => [...new Set(hrefs.map((href) => href.split("/")[2] ?? href))].sort();

describe("a search index in shards", () => {
  it("is a bundle a shard, in date order, and the search page is told of each", () => {
    for (const n of [1, 2, 3]) expect(existsSync(join(out, "pagefind", String(n), "pagefind-entry.json")), `bundle ${n}`).toBe(true);
    // The searcher is loaded from the first bundle only: the others hold just their index.
    expect([1, 2, 3].map((n) => existsSync(join(out, "pagefind", String(n), "pagefind.js")))).toEqual([true, false, false]);
    expect(readdirSync(join(out, "pagefind", "2")).filter((f) => /\.(js|pagefind)$/.test(f))).toEqual([]);
    expect(existsSync(join(out, "pagefind", "4"))).toBe(false);
    expect(readFileSync(join(out, "search/index.html"), "utf8")).toContain('data-bundles="../pagefind/1/ ../pagefind/2/ ../pagefind/3/"');
    const meta = (n: number) => JSON.parse(readFileSync(join(out, "pagefind", String(n), "pagefind-entry.json"), "utf8")) as { languages: { en: { page_count: number } } };
    // 2023-11-09 (agenda, minutes) and 2024-03-14 (agenda, its public paper); 2024-06-20 (agenda, paper) and 2024-07-18; 2024-07-25 (agenda, paper) and 2024-09-12.
    expect([1, 2, 3].map((n) => meta(n).languages.en.page_count)).toEqual([4, 3, 3]);
  });

  it("finds a phrase that only a meeting of the second shard holds", async () => {
    const { status, hrefs } = await search(SECOND_SHARD_PHRASE);
    expect(hrefs[0]).toBe(SECOND_SHARD_PAPER);
    expect(status).toMatch(/^\d+ results? for “renewal programme”$/);
  });

  it("filters by committee and year across the shards", async () => {
    const everywhere = await search("fleet");
    expect(meetingsOf(everywhere.hrefs)).toEqual(expect.arrayContaining(["2024-03-14", "2024-06-20", "2024-07-25"])); // shards 1, 2 and 3
    const in2024 = await search("fleet", { year: "2024" });
    expect(meetingsOf(in2024.hrefs)).toEqual(meetingsOf(everywhere.hrefs).filter((m) => m.startsWith("2024")));
    expect((await search(SECOND_SHARD_PHRASE, { year: "2023" })).hrefs).toEqual([]);
    expect((await search(SECOND_SHARD_PHRASE, { committee: "Wessex Audit Committee" })).hrefs).toEqual([]);
    expect((await search(SECOND_SHARD_PHRASE, { committee: "Wessex Test Panel", year: "2024" })).hrefs[0]).toBe(SECOND_SHARD_PAPER);
  });
});
