/**
 * Auditing built pages in the real browser: axe-core, and the checks axe does not make (page
 * structure, tables, charts, visible focus, reflow at phone width), each finding named by the id of
 * its check in checks.ts. One Chromium, launched as the printer launches it, one tab reused.
 *
 * The in-page checks are plain JavaScript strings: functions handed to page.evaluate are serialised
 * from their source, and a TypeScript transform can add helpers to that source the page lacks.
 */
import type { Browser, Page } from "puppeteer-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { CHROMIUM_FLAGS, chromiumEnv, findChromium } from "../print/print.ts";
import { AXE_TAGS, VIEWPORTS } from "./checks.ts";

export interface Finding {
  /** The id of the check in AUTOMATED_CHECKS. */
  check: string;
  message: string;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** A browser started as the printer's is (src/print/print.ts: its flags and environment). */
export async function launchBrowser(): Promise<Browser> {
  const { default: puppeteer } = await import("puppeteer-core"); // loaded only when auditing: every command starts faster
  return puppeteer.launch({
    executablePath: findChromium(),
    env: chromiumEnv(),
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

/** Load a page at desktop width (scripts on: axe is injected) and wait for its fonts. */
export async function openPage(page: Page, url: string, width: number = VIEWPORTS.desktop): Promise<void> {
  await page.setViewport({ width, height: 900 });
  await page.goto(url, { waitUntil: "load" });
  await page.evaluate("document.fonts.ready.then(() => true)");
}

/** Every check of one page, already loaded by openPage. Leaves the page at phone width. */
export async function auditPage(page: Page): Promise<Finding[]> {
  const findings: Finding[] = [];
  findings.push(...(await runAxe(page)));
  findings.push(...(await inPage(page, "structure", STRUCTURE_SCRIPT)));
  findings.push(...(await inPage(page, "tables", TABLES_SCRIPT)));
  findings.push(...(await checkCharts(page)));
  findings.push(...(await inPage(page, "focus", FOCUS_SCRIPT)));
  findings.push(...(await checkReflow(page)));
  return findings;
}

export async function runAxe(page: Page): Promise<Finding[]> {
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.evaluate(AXE_SOURCE);
  const options = JSON.stringify({ runOnly: { type: "tag", values: AXE_TAGS }, resultTypes: ["violations"] });
  const violations = (await page.evaluate(
    `axe.run(document, ${options}).then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) })))`,
  )) as Array<{ id: string; help: string; targets: string[] }>;
  return violations.map((v) => ({ check: "axe", message: `${v.id}: ${v.help} (${v.targets.length}: ${v.targets.slice(0, 3).join(" | ")})` }));
}

async function inPage(page: Page, check: string, script: string): Promise<Finding[]> {
  const messages = (await page.evaluate(script)) as string[];
  return messages.map((message) => ({ check, message }));
}

/**
 * Charts: the static shape (figure, caption, summary, data table, CSV link) in the page; the name and
 * description as Chromium's accessibility tree computes them (what a screen reader is given, and
 * what Chromium writes into a tagged PDF as the figure's /Alt). The description must carry the
 * generated summary sentence: Chromium falls back to the <title> when there is no <desc>, so a
 * description that is merely present proves nothing.
 */
export async function checkCharts(page: Page): Promise<Finding[]> {
  const findings = (await inPage(page, "charts", CHARTS_SCRIPT)).slice();
  const summaries = (await page.evaluate(
    `[...document.querySelectorAll("${CHART_IMAGES}")].map((svg) => { const p = svg.closest("figure").querySelector(".chart-summary"); return p ? p.textContent : ""; })`,
  )) as string[];
  if (summaries.length === 0) return findings;
  const squash = (text: unknown) => (typeof text === "string" ? text : "").replace(/\s+/g, " ").trim();
  // Each image's own node of the accessibility tree, asked for by itself: page.accessibility.snapshot()
  // computes the whole page's tree once for every chart (measured: 9.3 s of a 29 s audit of 20 pages).
  const session = await page.createCDPSession();
  try {
    const { root } = await session.send("DOM.getDocument", { depth: 0 });
    const { nodeIds } = await session.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: CHART_IMAGES });
    for (const [index, nodeId] of nodeIds.entries()) {
      const { nodes } = await session.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
      const node = nodes[0];
      const name = squash(node?.name?.value);
      const description = squash(node?.description?.value);
      const summary = squash(summaries[index]);
      const where = `chart ${index + 1} ('${name.slice(0, 60)}')`;
      if (!name) findings.push({ check: "charts", message: `${where}: the chart image has no accessible name` });
      if (!description || !summary || !description.includes(summary)) findings.push({ check: "charts", message: `${where}: the chart image has no accessible description (its summary sentence)` });
    }
  } finally {
    await session.detach();
  }
  return findings;
}

/** A chart's image: the element whose accessible name and description a reader is given. */
const CHART_IMAGES = "figure.figure-chart svg[role='img']";

/** At phone width nothing may make the page scroll sideways (wide tables scroll in their own box). */
export async function checkReflow(page: Page): Promise<Finding[]> {
  await page.setViewport({ width: VIEWPORTS.phone, height: 800 });
  const overflow = (await page.evaluate(
    `[document.documentElement.scrollWidth, [...document.querySelectorAll("body *")].filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.right > window.innerWidth + 1 && !el.closest(".table-scroll, .chart, .skip-link") && getComputedStyle(el).position !== "absolute"; }).slice(0, 3).map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : ""))]`,
  )) as [number, string[]];
  const [scrollWidth, culprits] = overflow;
  return scrollWidth > VIEWPORTS.phone
    ? [{ check: "reflow", message: `at ${VIEWPORTS.phone} px the page is ${scrollWidth} px wide and scrolls sideways (${culprits.join(", ") || "cause not found"})` }]
    : [];
}

/** lang, title, one h1, headings in order (of those displayed), skip link first, landmarks. */
const STRUCTURE_SCRIPT = `(() => {
  const problems = [];
  const lang = document.documentElement.getAttribute("lang");
  if (lang !== "en-GB") problems.push("the page's language is '" + lang + "', not 'en-GB'");
  if (!document.title.trim()) problems.push("the page has no title");
  const h1s = document.querySelectorAll("h1").length;
  if (h1s !== 1) problems.push("the page has " + h1s + " h1 headings; it needs exactly one");
  let previous = 0;
  for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    if (h.getClientRects().length === 0) continue;
    const level = Number(h.tagName[1]);
    if (level > previous + 1) problems.push("heading '" + h.textContent.trim().slice(0, 60) + "' is h" + level + " after " + (previous ? "h" + previous : "no heading"));
    previous = level;
  }
  const focusable = document.querySelector("a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])");
  if (!focusable || !focusable.matches("a.skip-link[href='#main']")) problems.push("the first thing to focus is not a skip link to #main");
  if (!document.querySelector("main#main")) problems.push("there is no <main id=\\"main\\"> for the skip link");
  for (const [selector, name] of [["main", "main"], ["body > header", "banner (site header)"], ["body > footer", "contentinfo (site footer)"]]) {
    const n = document.querySelectorAll(selector).length;
    if (n !== 1) problems.push("the page has " + n + " " + name + " landmarks; it needs one");
  }
  return problems;
})()`;

/**
 * Tables: a caption; a header row with every data cell under a column header (scope col, or a
 * header row without scopes), or, for a table of facts without a header row, a row header on every
 * row. Columns are counted with their colspans. Hidden copies are checked too: print shows them.
 */
const TABLES_SCRIPT = `(() => {
  const problems = [];
  document.querySelectorAll("table").forEach((table, index) => {
    const name = "table " + (index + 1) + (table.caption ? " ('" + table.caption.textContent.trim().slice(0, 60) + "')" : "");
    if (!table.caption || !table.caption.textContent.trim()) problems.push(name + " has no caption");
    const headed = new Set();
    for (const row of table.tHead ? table.tHead.rows : []) {
      let column = 0;
      for (const cell of row.cells) {
        const scope = cell.getAttribute("scope");
        if (cell.tagName === "TH" && (scope === "col" || scope === null) && cell.textContent.trim()) for (let i = 0; i < cell.colSpan; i++) headed.add(column + i);
        column += cell.colSpan;
      }
    }
    const bodyRows = [...table.tBodies].flatMap((body) => [...body.rows]);
    // A table without a header row is a list of facts: then every row needs a row header instead.
    if (!table.tHead) {
      const unheadedRows = bodyRows.filter((row) => !row.querySelector(":scope > th[scope='row']")).length;
      if (unheadedRows) problems.push(name + " has no column headers, and " + unheadedRows + " of its rows have no row header");
      return;
    }
    if (headed.size === 0) { problems.push(name + " has no column headers"); return; }
    const unheaded = new Set();
    for (const row of bodyRows) {
      let column = 0;
      for (const cell of row.cells) {
        if (cell.tagName === "TD" && cell.textContent.trim()) for (let i = 0; i < cell.colSpan; i++) if (!headed.has(column + i)) unheaded.add(column + i + 1);
        column += cell.colSpan;
      }
    }
    if (unheaded.size) problems.push(name + ": data in column" + (unheaded.size > 1 ? "s " : " ") + [...unheaded].join(", ") + " has no column header");
    for (const th of table.querySelectorAll("tbody th")) if (!["row", "rowgroup", "colgroup"].includes(th.getAttribute("scope"))) problems.push(name + ": a header cell in the body has no row scope");
  });
  return problems;
})()`;

/** Charts: a figure with a caption, a summary, one image, the data as a table with headers, a CSV download. */
const CHARTS_SCRIPT = `(() => {
  const problems = [];
  document.querySelectorAll("figure.figure-chart").forEach((figure, index) => {
    const name = "chart " + (index + 1) + " (#" + figure.id + ")";
    const caption = figure.querySelector(":scope > figcaption");
    if (!caption || !caption.textContent.trim()) problems.push(name + " has no caption");
    const summary = figure.querySelector(".chart-summary");
    if (!summary || !summary.textContent.trim()) problems.push(name + " has no summary sentence");
    const images = figure.querySelectorAll("svg[role='img']");
    if (images.length !== 1) problems.push(name + " has " + images.length + " images with role='img'; it needs one");
    const svg = figure.querySelector("svg");
    if (svg && !svg.getAttribute("aria-labelledby") && !svg.getAttribute("aria-label")) problems.push(name + ": the image is not labelled");
    // Its data: a table disclosed with it, or a link to the table the page shows as a figure of its own.
    const table = figure.querySelector("details table");
    const link = figure.querySelector(".chart-data-link a[href^='#']");
    const linked = link ? document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1))) : null;
    if (!table && !(linked && linked.querySelector("table"))) problems.push(name + (link ? " links to its data at " + link.getAttribute("href") + ", which is not a table on this page" : " has no data table to disclose"));
    else if (!(table ?? linked.querySelector("table")).querySelector("thead th")) problems.push(name + ": its data table has no headers");
    if (!figure.querySelector("a[href$='.csv']")) problems.push(name + " has no CSV download");
  });
  return problems;
})()`;

/**
 * Focus: the first Tab reaches the skip link, which then shows on screen; and every focusable
 * element looks different focused than not (outline, shadow, background or colour).
 */
const FOCUS_SCRIPT = `(() => {
  const problems = [];
  const look = (el) => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color, s.textDecorationLine].join("|"); };
  const skip = document.querySelector("a.skip-link");
  if (skip) {
    skip.focus();
    const box = skip.getBoundingClientRect();
    if (box.right <= 0 || box.left >= window.innerWidth || box.width === 0) problems.push("the skip link stays off screen when focused");
    skip.blur();
  }
  let unstyled = [];
  for (const el of document.querySelectorAll("a[href], summary, [tabindex]:not([tabindex='-1'])")) {
    if (el.getClientRects().length === 0) continue;
    const before = look(el);
    el.focus();
    if (document.activeElement === el && look(el) === before) unstyled.push(el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "") + " '" + el.textContent.trim().slice(0, 40) + "'");
    el.blur();
  }
  if (unstyled.length) problems.push(unstyled.length + " focusable elements show no change when focused: " + unstyled.slice(0, 3).join(", "));
  return problems;
})()`;
