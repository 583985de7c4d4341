/**
 * Search on the static site (issue "A public site people use"): the wessex fixture built once without PDFs,
 * served over HTTP from 127.0.0.1 (browsers refuse to load an index from file://), searched in the real
 * Chromium the build prints with. A phrase from a paper's body finds that paper, with its meeting,
 * committee and the matching passage; no exempt word finds anything; a keyboard user can search and open a
 * result; the new pages pass axe, the structure, focus and reflow checks, and html-validate; without
 * JavaScript the page offers the meetings list. And the leak check reads the index, decompressed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Page } from "puppeteer-core";
import { HtmlValidate } from "html-validate";
import { filesUnder } from "../../src/lib/files.ts";
import { auditPage, openPage } from "../../src/a11y/audit.ts";
import { HTML_VALIDATE_CONFIG } from "../../src/a11y/checks.ts";
import { checkLinks } from "../../src/a11y/links.ts";
import { ExemptText, findLeaks, leakNeedles } from "../../src/exempt/leak-check.ts";
import { servedSite, submitQuery, type ServedSite } from "./served-site.ts";

/** Words only the fixture's exempt material contains (as test/exempt/red-team.test.ts lists them). */
const SECRETS = ["Quillfeather", "Obsidian Lantern", "Brackenfold", "Zarnovic", "Glimmerwick", "734,219", "812,345", "58,317", "Vexmoor", "undercut the next bidder"];
const EXEMPT_SENTENCE = "The preferred bidder is Quillfeather Marine Logistics, whose tender undercut the next bidder by a margin the panel should not disclose.";
/** From the body of the public paper 01-fleet (not its title): search must find it there. */
const BODY_PHRASE = "lots advertised during the year in open competition";
const FLEET_PAPER = "/meetings/2024-03-14/01-fleet/";
const NEW_PAGES = ["search/index.html", "committees/index.html", "committees/wessex-test-panel/index.html", "404.html"];

let site: ServedSite;
let out: string;
let origin: string;
let page: Page;

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = "1718000000"; // 10 June 2024: one meeting held, one to come
  site = await servedSite("wessex");
  ({ out, origin, page } = site);
});

afterAll(() => site?.close());

/** Open the search page, ready (the index loaded and the form shown). */
async function openSearch(query = ""): Promise<void> {
  await page.setJavaScriptEnabled(true);
  await openPage(page, `${origin}/search/${query ? `?q=${encodeURIComponent(query)}` : ""}`);
  await page.waitForSelector("#search-form[data-ready]", { timeout: 15_000 });
}

/** Type a query as a person would, press Enter, and wait for the announcement. */
async function search(query: string): Promise<{ status: string; results: Array<{ href: string; title: string; facts: string; excerpt: string; marked: string[] }> }> {
  const ready = page.url().startsWith(`${origin}/search/`) && (await page.$("#search-form[data-ready]")) !== null;
  if (!ready) await openSearch();
  await page.$eval("#search-query", (el) => { (el as HTMLInputElement).value = ""; });
  await page.select("#search-committee", "");
  await page.select("#search-year", "");
  await submitQuery(page, query);
  return (await page.evaluate(`({
    status: document.getElementById("search-status").textContent,
    results: [...document.querySelectorAll("#search-results li")].map((li) => ({
      href: li.querySelector("h2 a").getAttribute("href"),
      title: li.querySelector("h2 a").textContent,
      facts: li.querySelector(".search-result-meta").textContent,
      excerpt: li.querySelector(".search-result-excerpt").textContent,
      marked: [...li.querySelectorAll(".search-result-excerpt mark")].map((m) => m.textContent),
    })),
  })`)) as { status: string; results: Array<{ href: string; title: string; facts: string; excerpt: string; marked: string[] }> };
}

describe("searching the papers", () => {
  it("finds a paper from a phrase in its body, with its meeting, committee and the matching passage", async () => {
    const { status, results } = await search(BODY_PHRASE);
    expect(results[0]?.href).toBe(FLEET_PAPER);
    expect(results[0]?.title).toBe("Fleet Contracts Report");
    expect(results[0]?.facts).toBe("Paper, report WTP/01/24 · Wessex Test Panel · Thursday 14 March 2024");
    expect(results[0]?.excerpt).toContain("advertised during the year in open competition");
    expect(results[0]?.marked.join(" ")).toMatch(/advertised.*competition/);
    expect(status).toMatch(/^\d+ results? for “lots advertised during the year in open competition”$/);
  });

  it("finds agendas too, and narrows by committee and year", async () => {
    const { results } = await search("Fleet Update");
    expect(results.map((r) => r.href)).toEqual(expect.arrayContaining(["/meetings/2024-06-20/01-update/", "/meetings/2024-06-20/"]));
    expect(results.find((r) => r.href === "/meetings/2024-06-20/")?.facts).toBe("Agenda · Wessex Test Panel · Thursday 20 June 2024");
    const options = (await page.evaluate(`[[...document.querySelectorAll("#search-committee option")].map((o) => o.value), [...document.querySelectorAll("#search-year option")].map((o) => o.value)]`)) as [string[], string[]];
    expect(options).toEqual([["", "Wessex Test Panel"], ["", "2024"]]);
    await page.select("#search-year", "2024");
    await page.waitForFunction("document.getElementById('search-status').textContent.endsWith('in 2024')", { timeout: 15_000 });
    // The index's own filters: a year with no meetings finds nothing.
    const none = await page.evaluate(`import(new URL("../pagefind/1/pagefind.js", location.href).href).then((p) => p.search("fleet", { filters: { year: "2019" } })).then((s) => s.results.length)`);
    expect(none).toBe(0);
  });

  it("finds nothing for any exempt word or phrase", async () => {
    for (const secret of SECRETS) {
      // A phrase is searched as a phrase (in quotes); Pagefind would match its common words ("the") anywhere.
      const { status, results } = await search(secret.includes(" ") ? `"${secret}"` : secret);
      expect(results, secret).toEqual([]);
      expect(status, secret).toMatch(/^No results for/);
    }
  });

  it("indexes only what the public pages show: no exempt word is in any index file, decompressed", () => {
    const index = filesUnder(join(out, "pagefind")).filter((f) => /\.pf_/.test(f));
    expect(index.some((f) => f.endsWith(".pf_fragment"))).toBe(true);
    for (const file of index) {
      const text = gunzipSync(readFileSync(join(out, "pagefind", file))).toString("utf8");
      expect(text.startsWith("pagefind_dcd"), file).toBe(true);
      for (const secret of SECRETS) expect(text.includes(secret), `${file}: ${secret}`).toBe(false);
    }
  });

  it("can be used from the keyboard: Tab to the box, type, Enter, Tab to a result, Enter opens it", async () => {
    await openSearch();
    await page.evaluate("document.activeElement && document.activeElement.blur()");
    for (let i = 0; i < 10 && !(await page.evaluate("document.activeElement && document.activeElement.id === 'search-query'")); i++) await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.id")).toBe("search-query");
    await page.keyboard.type(BODY_PHRASE);
    await page.keyboard.press("Enter");
    await page.waitForSelector("#search-results li a", { timeout: 15_000 });
    for (let i = 0; i < 10 && !(await page.evaluate("Boolean(document.activeElement && document.activeElement.closest('#search-results'))")); i++) await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement.getAttribute('href')")).toBe(FLEET_PAPER);
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    expect(new URL(page.url()).pathname).toBe(FLEET_PAPER);
  });

  it("keeps the query in the address, so a search can be linked to", async () => {
    await openSearch(BODY_PHRASE);
    await page.waitForSelector("#search-results li a", { timeout: 15_000 });
    expect(await page.$eval("#search-query", (el) => (el as HTMLInputElement).value)).toBe(BODY_PHRASE);
    expect(await page.$eval("#search-results li a", (el) => el.getAttribute("href"))).toBe(FLEET_PAPER);
  });

  it("without JavaScript, or opened from disk, offers the list of meetings instead", async () => {
    await page.setJavaScriptEnabled(false);
    await openPage(page, `${origin}/search/`);
    const noScript = (await page.evaluate(`[document.getElementById("search-form").hidden, getComputedStyle(document.getElementById("search-fallback")).display, document.querySelector("#search-fallback a").getAttribute("href")]`)) as [boolean, string, string];
    expect(noScript).toEqual([true, "block", "../"]);
    await page.setJavaScriptEnabled(true);
    await openPage(page, pathToFileURL(join(out, "search", "index.html")).href);
    await new Promise((done) => setTimeout(done, 500));
    expect(await page.evaluate(`[document.getElementById("search-form").hidden, document.getElementById("search-fallback").hidden]`)).toEqual([true, false]);
  });
});

describe("the new pages", () => {
  it("have no axe violations and pass the structure, focus and reflow checks (search with results showing)", async () => {
    const findings: string[] = [];
    for (const path of NEW_PAGES) {
      await openPage(page, `${origin}/${path.replace(/index\.html$/, "")}`);
      for (const f of await auditPage(page)) findings.push(`${path}: [${f.check}] ${f.message}`);
    }
    await openSearch(BODY_PHRASE);
    await page.waitForSelector("#search-results li a", { timeout: 15_000 });
    for (const f of await auditPage(page)) findings.push(`search with results: [${f.check}] ${f.message}`);
    // A missing address gets the not-found page, styled, from any depth.
    await openPage(page, `${origin}/meetings/1999-01-01/nothing/`);
    expect(await page.evaluate("document.querySelector('h1').textContent")).toBe("Page not found");
    expect(findings.join("\n")).toBe("");
  });

  it("are valid HTML, with no broken link", async () => {
    const validator = new HtmlValidate(HTML_VALIDATE_CONFIG);
    const errors: string[] = [];
    for (const path of [...NEW_PAGES, "meetings/2024-03-14/01-fleet/index.html", "meetings/2024-03-14/index.html"]) {
      const result = await validator.validateString(readFileSync(join(out, path), "utf8"), path);
      errors.push(...result.results.flatMap((r) => r.messages.map((m) => `${path}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`)));
    }
    expect(errors.join("\n")).toBe("");
    // (A build without PDFs links to PDFs it did not print: not this file's subject.)
    expect(checkLinks(out).filter((b) => !b.href.endsWith(".pdf")).map((b) => `${b.from}: ${b.href} — ${b.problem}`).join("\n")).toBe("");
  });

  it("link every page to the search page from the site header", () => {
    for (const path of ["index.html", "meetings/2024-03-14/01-fleet/index.html", "committees/index.html"]) {
      expect(readFileSync(join(out, path), "utf8"), path).toMatch(/<a class="site-search" href="(?:\.\/|(?:\.\.\/)+)search\/">Search<\/a>/);
    }
  });
});

describe("the leak check and the search index", () => {
  const needles = () => {
    const exempt = new ExemptText();
    exempt.addProse(EXEMPT_SENTENCE, "markdown", "content/meetings/2024-03-14/papers/01-fleet.md");
    return leakNeedles(exempt, "");
  };

  it("finds nothing in the index as built", async () => {
    expect(await findLeaks(join(out, "pagefind"), needles())).toEqual([]);
  });

  it("finds an exempt phrase planted in a compressed index fragment", async () => {
    const copy = join(mkdtempSync(join(tmpdir(), "panelpress-planted-")), "site");
    cpSync(out, copy, { recursive: true });
    const fragment = filesUnder(join(copy, "pagefind")).find((f) => f.endsWith(".pf_fragment"))!;
    const file = join(copy, "pagefind", fragment);
    const text = gunzipSync(readFileSync(file)).toString("utf8");
    writeFileSync(file, gzipSync(Buffer.from(text.replace('"content":"', `"content":"${EXEMPT_SENTENCE} `))));
    expect(readFileSync(file).includes("Quillfeather")).toBe(false); // compressed: invisible to a plain search
    const leaks = await findLeaks(copy, needles());
    expect(leaks.map((l) => l.file)).toEqual([`pagefind/${fragment}`]);
    expect(leaks[0]?.phrase).toBe(EXEMPT_SENTENCE);
  });
});
