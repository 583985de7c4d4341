/**
 * The accessibility and HTML quality gates (issue 9), over the main fixture's build (sharedBuild()): axe-core in the same
 * Chromium the build prints with, html-validate, the internal link checker, the structural checks
 * (pages, tables, charts, focus, reflow), chart colour contrast, and the PDFs' tags, title, language,
 * bookmarks, fonts and figure alternative text. Then the broken variants in test/fixtures/a11y/: each
 * one mistake in a built page, which the check it names must catch.
 *
 * One build (shared with the other end-to-end files), one browser, one tab for the whole file. Screenshots of the meeting page and a paper
 * at desktop and phone widths are written to PANELPRESS_SCREENSHOTS (default: a temporary folder,
 * printed) for a person to look at.
 */
import { realpathSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "puppeteer-core";
import { HtmlValidate } from "html-validate";
import { MAIN, ROOT, sharedBuild } from "../helpers.ts";
import { outline, pdfFonts, pdfInfo } from "../e2e/pdf.ts";
import { auditPage, checkCharts, launchBrowser, openPage, runAxe, type Finding } from "../../src/a11y/audit.ts";
import { AUTOMATED_CHECKS, CONTRAST, HTML_VALIDATE_CONFIG, VIEWPORTS } from "../../src/a11y/checks.ts";
import { checkLinks } from "../../src/a11y/links.ts";
import { filesUnder } from "../../src/lib/files.ts";
import { contrastRatio } from "../../src/a11y/contrast.ts";
import { readPdfFacts, readPdfStructure } from "../../src/a11y/pdf-structure.ts";
import { checkPdfUa } from "../../src/a11y/pdfua.ts";
import { FONT, PALETTE } from "../../src/charts/chart.ts";

let out = "";
const screenshots = process.env.PANELPRESS_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), "panelpress-screenshots-"));
const MEETING_PAGE = "meetings/2024-11-14/index.html";
const PAPER_PAGE = "meetings/2024-11-14/10-spending/index.html";
const CHART_PAGE = "meetings/2024-11-14/05-attendance/index.html";
/** The fixture's charts: every public `::: chart` (the kinds' facet, layer and row-panel charts among them). */
const CHARTS = 15;

let browser: Browser;
let page: Page;
let pages: string[];
let pdfs: string[];
const urlOf = (dir: string, path: string) => pathToFileURL(join(dir, path)).href;
const html = new HtmlValidate(HTML_VALIDATE_CONFIG);

beforeAll(async () => {
  out = (await sharedBuild(MAIN)).out;
  const files = filesUnder(out);
  pages = files.filter((f) => f.endsWith(".html"));
  pdfs = files.filter((f) => f.endsWith(".pdf"));
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
});

/** Findings as lines a person can act on: "page: [check] message". */
const report = (findings: Array<Finding & { page: string }>) => findings.map((f) => `${f.page}: [${f.check}] ${f.message}`).join("\n");

async function htmlErrors(file: string): Promise<string[]> {
  const result = await html.validateString(readFileSync(file, "utf8"), file);
  return result.results.flatMap((r) => r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}

describe("every page of the fixture site", () => {
  it("is found: home, accessibility statement, the meeting and each of its papers", () => {
    expect(pages).toContain("index.html");
    expect(pages).toContain("accessibility/index.html");
    expect(pages).toContain(MEETING_PAGE);
    expect(pages.length).toBeGreaterThanOrEqual(12);
  });

  it("passes axe (WCAG 2.2 A/AA and best practice) and the structure, table, chart, focus and reflow checks in Chromium", async () => {
    const findings: Array<Finding & { page: string }> = [];
    let charts = 0;
    for (const path of pages) {
      await openPage(page, urlOf(out, path));
      charts += (await page.$$("figure.figure-chart")).length;
      for (const finding of await auditPage(page)) findings.push({ ...finding, page: path });
    }
    expect(report(findings)).toBe("");
    expect(charts, "the fixture has charts to check").toBeGreaterThanOrEqual(CHARTS);
  });

  it("is valid HTML (html-validate with its accessibility rules)", async () => {
    const errors: string[] = [];
    for (const path of pages) errors.push(...(await htmlErrors(join(out, path))).map((e) => `${path}:${e}`));
    expect(errors.join("\n")).toBe("");
  });

  it("has no broken internal link, anchor or asset", () => {
    expect(checkLinks(out).map((b) => `${b.from}: ${b.href} — ${b.problem}`).join("\n")).toBe("");
  });

  it("has a title of its own", () => {
    const titles = pages.map((path) => /<title>([^<]*)<\/title>/.exec(readFileSync(join(out, path), "utf8"))?.[1] ?? "");
    const repeated = titles.filter((t, i) => titles.indexOf(t) !== i);
    expect(repeated).toEqual([]);
    expect(titles.every((t) => t.trim() !== "")).toBe(true);
  });

  it("looks right at desktop and phone widths (screenshots to look at)", async () => {
    mkdirSync(screenshots, { recursive: true });
    for (const [name, path] of [["meeting", MEETING_PAGE], ["paper", PAPER_PAGE], ["chart", CHART_PAGE]] as const) {
      for (const width of Object.values(VIEWPORTS)) {
        await openPage(page, urlOf(out, path), width);
        const file = join(screenshots, `${name}-${width}.png`) as `${string}.png`;
        // Whole pages for the meeting and the paper; for a chart, its figure (the page is very long).
        if (name === "chart") await (await page.$("figure.figure-chart"))!.screenshot({ path: file });
        else await page.screenshot({ path: file, fullPage: true });
        expect(await page.evaluate("document.documentElement.scrollWidth"), `${path} at ${width} px`).toBeLessThanOrEqual(width);
      }
    }
    process.stderr.write(`a11y screenshots: ${screenshots}\n`);
  });
});

describe("the accessibility statement", () => {
  // The fixture has no audit record: these gates are the tool's tests, not an audit of a site's output
  // (test/commands/audit-record.test.ts builds one with a record).
  it("claims no check for a site whose output was never audited with panelpress audit", () => {
    const statement = readFileSync(join(out, "accessibility/index.html"), "utf8").replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    expect(statement).toContain("This site’s output has not been audited with <code>panelpress audit</code>");
    for (const check of AUTOMATED_CHECKS) expect(statement, check.id).not.toContain(check.what);
  });
});

describe("chart colours", () => {
  it("have at least 3:1 contrast against white for marks, and 4.5:1 for chart text", () => {
    for (const colour of PALETTE) expect(contrastRatio(colour, "#ffffff"), colour).toBeGreaterThanOrEqual(CONTRAST.marks);
    const svg = readFileSync(join(out, CHART_PAGE), "utf8");
    // Every text colour the rendered charts use (axis labels and titles, legends, value labels).
    const textFills = new Set([...svg.matchAll(/<text[^>]*\sfill="(#[0-9a-f]{3,6})"/gi)].map((m) => m[1]!.toLowerCase()));
    expect(textFills.size).toBeGreaterThan(0);
    for (const colour of textFills) expect(contrastRatio(colour, "#ffffff"), colour).toBeGreaterThanOrEqual(CONTRAST.text);
    expect(FONT).toMatch(/^Source Sans 3/);
  });
});

describe("every PDF", () => {
  it("is tagged, titled, in British English, with bookmarks and embedded fonts, and passes the PDF/UA-1 checker", async () => {
    const problems: string[] = [];
    expect(pdfs.length).toBeGreaterThanOrEqual(11);
    for (const path of pdfs) {
      const file = join(out, path);
      const info = pdfInfo(file);
      if (info.Tagged !== "yes") problems.push(`${path}: not tagged`);
      if (!info.Title?.trim()) problems.push(`${path}: no title`);
      const { language } = await readPdfFacts(file);
      if (language !== "en-GB") problems.push(`${path}: language is ${language ?? "not set"}`);
      if ((await outline(file)).length === 0) problems.push(`${path}: no bookmarks`);
      const unembedded = pdfFonts(file).filter((f) => !f.embedded);
      if (unembedded.length) problems.push(`${path}: fonts not embedded: ${unembedded.map((f) => f.name).join(", ")}`);
      for (const f of await checkPdfUa(file)) problems.push(`${path}: [pdfua ${f.checkpoint}${f.page ? ` p${f.page}` : ""}] ${f.message}`);
    }
    expect(problems.join("\n")).toBe("");
  });

  it("gives each chart its name and summary as alternative text in the structure tree", async () => {
    const problems: string[] = [];
    let charts = 0;
    for (const path of pdfs.filter((p) => !p.includes("agenda-pack"))) {
      const pageHtml = readFileSync(join(out, path.replace(/[^/]+\.pdf$/, "index.html")), "utf8");
      const titles = [...pageHtml.matchAll(/<title id="[^"]*-chart-title">([^<]*)<\/title>/g)].map((m) => decode(m[1]!));
      const summaries = [...pageHtml.matchAll(/<desc id="[^"]*-chart-desc">([^<]*)<\/desc>/g)].map((m) => decode(m[1]!));
      if (titles.length === 0) continue;
      charts += titles.length;
      const alts = (await readPdfStructure(join(out, path))).figureAlts.filter(Boolean);
      titles.forEach((title, i) => {
        if (!alts.some((alt) => alt.includes(title) && alt.includes(summaries[i]!))) problems.push(`${path}: the chart '${title}' has no alternative text with its summary`);
      });
    }
    expect(charts).toBeGreaterThanOrEqual(CHARTS);
    expect(problems.join("\n")).toBe("");
  });
});

interface BrokenVariant {
  why: string;
  page: string;
  find: string;
  regex?: boolean;
  replace: string;
  check: string;
  message: string;
}

const FIXTURES = join(ROOT, "test", "fixtures", "a11y");
const variants = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => ({ name: f.replace(/\.json$/, ""), ...(JSON.parse(readFileSync(join(FIXTURES, f), "utf8")) as BrokenVariant) }));

describe("a broken page fails the check that guards it (test/fixtures/a11y/)", () => {
  it("has the variants the issue asks for: a table header removed, a chart's description removed", () => {
    expect(variants.map((v) => v.check)).toEqual(expect.arrayContaining(["tables", "charts", "axe", "html", "links", "structure"]));
  });

  it.each(variants.map((v) => [v.name, v] as const))("%s", async (_name, variant) => {
    const dir = join(mkdtempSync(join(tmpdir(), "panelpress-a11y-broken-")), "site");
    // The pages, stylesheets, fonts and downloads; not the PDFs (no check here reads them).
    cpSync(realpathSync(out), dir, { recursive: true, filter: (source) => !source.endsWith(".pdf") });
    const file = join(dir, variant.page);
    const before = readFileSync(file, "utf8");
    const after = variant.regex ? before.replace(new RegExp(variant.find), variant.replace) : before.replace(variant.find, variant.replace);
    expect(after, `the fixture's 'find' must occur in ${variant.page}`).not.toBe(before);
    writeFileSync(file, after);

    const findings = await findingsOf(variant.check, dir, variant.page);
    expect(findings.join("\n"), variant.why).toContain(variant.message);
  });
});

/** Run one named check over one page of a site. */
async function findingsOf(check: string, dir: string, path: string): Promise<string[]> {
  if (check === "links") return checkLinks(dir).map((b) => `${b.from}: ${b.href} — ${b.problem}`);
  if (check === "html") return htmlErrors(join(dir, path));
  await openPage(page, urlOf(dir, path));
  const findings = check === "axe" ? await runAxe(page) : check === "charts" ? await checkCharts(page) : await auditPage(page);
  return findings.filter((f) => f.check === check).map((f) => f.message);
}

function decode(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}
