/**
 * Landscape runs: which blocks of a paper's body print on landscape pages beside its wide tables.
 *
 * A wide table (`wide: true`) prints on a landscape page (a named page set in the print layout), and a
 * change of page size always starts a new page. So the text before a landscape table ends its portrait page
 * wherever it happens to end, and the text after it starts a new portrait page: a report that mixes wide
 * tables with paragraphs and charts ends up with page after page a third full. CSS cannot move text across
 * that break (Chromium has no page floats), so the printer moves whole blocks into the landscape run, in
 * their order, set at the portrait measure (so a paragraph reads the same and measures the same height):
 *
 *  - before printing (from the document alone): the headings that introduce a run, and a short interlude
 *    (at most a portrait page) between two runs of the same paper;
 *  - after a first print (from the PDF): the blocks that were alone on a short portrait page before a run,
 *    and the blocks after a run that fill its short last landscape page.
 *
 * Reading order never changes: blocks only change the page they are printed on. A block that starts a
 * page by design (break-before: page) or has a page name of its own (exempt material) is never moved across.
 *
 * The planning functions are pure. What runs in the print document's tab (READ_BLOCKS, applyMovesScript:
 * scripts are off in the page, and puppeteer's evaluate still runs them) is JavaScript source, as in
 * src/a11y/audit.ts: a function handed to page.evaluate is serialised from its source, and tsx's compiler
 * adds a helper to named inner functions that the page does not have.
 */
import { sha256, type BodyLayout } from "./cache.ts";
import { fillPageRefs } from "./page-refs.ts";
import type { PdfDocument } from "../lib/pdfjs.ts";

/** One top-level block of a paper's body, as measured in the print document. */
export interface Block {
  /** Which paper body (in document order) and which of its child elements. */
  body: number;
  index: number;
  /** The named page it prints on, and whether that page is landscape. */
  page: string;
  landscape: boolean;
  /** CSS px at the portrait content width, its margins included (to the top of the next block). */
  height: number;
  /**
   * The height of its start that cannot be split across pages (px): a chart's caption and drawing, a table's
   * caption, header and first row, else its first three lines.
   */
  head: number;
  /** A chart's drawing: its height (px), which may be drawn smaller to fit a page; 0 for anything else. */
  drawing: number;
  /** It starts a new page by design (break-before: page). */
  breakBefore: boolean;
  heading: boolean;
  /** A plain block of the paper's page: not a page of its own (exempt material), nothing landscape inside. */
  movable: boolean;
}

/** The content box of a page (CSS px) and its top and bottom margins (where the running header and footer are). */
export interface PageBox {
  width: number;
  height: number;
  top: number;
  bottom: number;
}

export interface Geometry {
  portrait: PageBox;
  /** The content box of the landscape pages, if the document has any. */
  landscape?: PageBox;
}

/** A block printed on another page than its own: the landscape page of the run it joins. */
export interface Move {
  body: number;
  index: number;
  page: string;
  /** The height its chart's drawing is limited to (px), to fit the foot of the run's last page. */
  drawing?: number;
}

/** A chart's drawing may be made this much smaller than it would print to fit the foot of a page, no more. */
export const LEAST_DRAWING_SCALE = 0.8;

/** A run of landscape blocks in one paper body: indexes into the block list, first to last. */
export interface Run {
  first: number;
  last: number;
}

/** How full the pages around a run came out in a print (fractions of the content box's height). */
export interface RunPages {
  /** The portrait page before the run's first landscape page, if there is one. */
  before?: number;
  /** The run's last landscape page. */
  last: number;
}

const key = (b: { body: number; index: number }) => `${b.body}:${b.index}`;

/** The blocks with the moves applied. */
export function withMoves(blocks: readonly Block[], moves: readonly Move[]): Block[] {
  const moved = new Map(moves.map((m) => [key(m), m.page]));
  return blocks.map((b) => (moved.has(key(b)) ? { ...b, page: moved.get(key(b))!, landscape: true } : b));
}

/** The runs of consecutive landscape blocks of the same body, in document order. */
export function runsOf(blocks: readonly Block[]): Run[] {
  const runs: Run[] = [];
  blocks.forEach((b, i) => {
    const open = runs[runs.length - 1];
    if (!b.landscape) return;
    if (open && open.last === i - 1 && blocks[i - 1]!.body === b.body) open.last = i;
    else runs.push({ first: i, last: i });
  });
  return runs;
}

/**
 * Moves decided from the document alone: a short interlude between two runs of the same body (at most a
 * portrait page, nothing in it that starts a page by design) joins them, and the headings directly before
 * a run join it (a heading that starts a page by design goes too, and is the last to go).
 */
export function staticMoves(blocks: readonly Block[], geometry: Geometry): Move[] {
  const moves: Move[] = [];
  let current = [...blocks];
  const runs = runsOf(current);
  for (let r = 1; r < runs.length; r++) {
    const [previous, run] = [runs[r - 1]!, runs[r]!];
    const between = current.slice(previous.last + 1, run.first);
    if (current[run.first]!.body !== current[previous.last]!.body || between.length === 0) continue;
    if (between.some((b) => !b.movable || b.breakBefore) || current[run.first]!.breakBefore) continue;
    if (between.reduce((sum, b) => sum + b.height, 0) > geometry.portrait.height) continue;
    moves.push(...between.map((b) => ({ body: b.body, index: b.index, page: current[previous.last]!.page })));
  }
  current = withMoves(current, moves);
  for (const run of runsOf(current)) {
    for (let i = run.first - 1; i >= 0 && current[run.first]!.breakBefore !== true; i--) {
      const b = current[i]!;
      if (b.body !== current[run.first]!.body || !b.heading || !b.movable || b.landscape) break;
      moves.push({ body: b.body, index: b.index, page: current[run.first]!.page });
      if (b.breakBefore) break;
    }
  }
  return moves;
}

/**
 * Moves decided from a print: for each run whose neighbouring pages came out less than `minFill` full,
 *
 *  - before it: the blocks that were alone on that short portrait page go over to the run (a block that
 *    began on the page before goes too if that page keeps `minFill` of its height without it);
 *  - after it: the blocks that follow join the run for as long as its last page stays short of `minFill`
 *    (each block at most two landscape pages high: a longer one would carry the run on for pages; a chart
 *    may be drawn a little smaller to fit).
 *
 * `pages[r]` is how the pages around run r came out; the runs and the pages must be of the same print.
 */
export function measuredMoves(blocks: readonly Block[], pages: readonly RunPages[], geometry: Geometry, minFill: number): Move[] {
  const runs = runsOf(blocks);
  const landscape = geometry.landscape;
  if (!landscape || runs.length !== pages.length) return []; // not the print we measured: leave it
  const moves: Move[] = [];
  runs.forEach((run, r) => {
    const measured = pages[r]!;
    const page = blocks[run.first]!.page;
    if (measured.before !== undefined && measured.before < minFill) {
      moves.push(...before(blocks, run, measured.before * geometry.portrait.height, geometry, minFill).map((b) => ({ body: b.body, index: b.index, page })));
    }
    if (measured.last < minFill) {
      moves.push(...after(blocks, run, measured.last * landscape.height, landscape.height, minFill).map(({ block, drawing }) => ({ body: block.body, index: block.index, page, ...(drawing === undefined ? {} : { drawing }) })));
    }
  });
  // A short interlude can be taken both after one run and before the next: once is enough.
  return moves.filter((move, i) => moves.findIndex((other) => key(other) === key(move)) === i);
}

/** The trailing blocks before a run that were on its short portrait page (used: the height they filled). */
function before(blocks: readonly Block[], run: Run, used: number, geometry: Geometry, minFill: number): Block[] {
  const first = blocks[run.first]!;
  if (first.breakBefore) return []; // the page before ends by design
  const SLACK = 12; // px: rounding, and the space a block leaves below it at the end of a page
  const pageHeight = geometry.portrait.height;
  const taken: Block[] = [];
  let height = 0;
  for (let i = run.first - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.body !== first.body || !b.movable || b.landscape) break;
    height += b.height;
    // A block that began on the page before: take it only if that page stays full enough without it.
    const spill = height - used - SLACK;
    if (spill > 0 && pageHeight - spill < minFill * pageHeight) break;
    // What moves must leave room on the landscape page for the start of the run's table.
    if (height + first.head > geometry.landscape!.height) break;
    taken.push(b);
    if (spill > 0 || b.breakBefore) break;
  }
  return taken;
}

/**
 * The blocks after a run that fill its short last page (used: the height already filled on it), in a
 * rough simulation of the landscape pages: a block whose start does not fit the page is not moved (it
 * would only start another short page), unless it is a chart whose drawing, made smaller within
 * LEAST_DRAWING_SCALE, does fit.
 */
function after(blocks: readonly Block[], run: Run, used: number, pageHeight: number, minFill: number): Array<{ block: Block; drawing?: number }> {
  // px: what lies between the last text on the page and the next block (a table's padding and margin,
  // a figure's margins: about 12 mm), and rounding.
  const SLACK = 48;
  const taken: Array<{ block: Block; drawing?: number }> = [];
  let filled = used;
  for (let i = run.last + 1; i < blocks.length && filled < minFill * pageHeight; i++) {
    const b = blocks[i]!;
    if (b.body !== blocks[run.last]!.body || !b.movable || b.landscape || b.breakBefore || b.height > 2 * pageHeight) break;
    const room = pageHeight - filled - SLACK;
    let drawing: number | undefined;
    if (b.head > room) {
      const fits = room - (b.head - b.drawing);
      if (b.drawing === 0 || fits < LEAST_DRAWING_SCALE * b.drawing) break;
      drawing = Math.floor(fits);
    }
    taken.push({ block: b, drawing });
    filled += b.height - (drawing === undefined ? 0 : b.drawing - drawing);
    while (filled > pageHeight) filled -= pageHeight; // it carried over to another landscape page
  }
  // A heading at the end would be left at the foot of the run's last page, parted from its section.
  while (taken.length > 0 && taken[taken.length - 1]!.block.heading) taken.pop();
  return taken;
}

/**
 * The moves of a print from the layout hint of the last one (src/print/cache.ts), if every body with
 * landscape pages is one the hint knows by its key (`bodies[i]` is body i's): moves depend on nothing but
 * the body, its item's start and the page geometry (all in the key), so such a body moves as it did. A
 * body without landscape pages never moves. The static moves of the document must be among the kept ones
 * (a check that the hint is of this kind of document); else undefined: lay out from scratch.
 */
export function seededMoves(blocks: readonly Block[], bodies: readonly string[], kept: readonly BodyLayout[], staticOnes: readonly Move[]): Move[] | undefined {
  const byKey = new Map(kept.filter((b) => b.landscape).map((b) => [b.sha256, b.moves]));
  const moves: Move[] = [];
  for (const body of new Set(blocks.filter((b) => b.landscape).map((b) => b.body))) {
    const known = byKey.get(bodies[body] ?? "");
    if (!known) return undefined;
    moves.push(...known.map((m) => ({ body, ...m })));
  }
  const seeded = new Set(moves.map(key));
  return staticOnes.every((m) => seeded.has(key(m))) ? moves : undefined;
}

/** What the layout hint keeps of a print: each body by its key, whether it has landscape pages, and its moves. */
export function bodyLayouts(blocks: readonly Block[], bodies: readonly string[], moves: readonly Move[]): BodyLayout[] {
  const landscape = new Set(blocks.filter((b) => b.landscape).map((b) => b.body));
  return bodies.map((sha256, body) => ({ sha256, landscape: landscape.has(body), moves: moves.filter((m) => m.body === body).map(({ body: _, ...move }) => move) }));
}

/** A paper body in a print document's HTML: where its content lies, and its key for the layout hint. */
export interface BodySource {
  /** Just after its opening tag, and at its closing tag. */
  start: number;
  end: number;
  /**
   * A hash of what its layout can depend on: the body, its item's heading and cover sheet before it on
   * its first page (each item starts a page), the document's head (its page rules) and the files it loads
   * (an image replaced under the same name changes the layout, not the HTML), page numbers left out (they
   * are filled differently from pass to pass).
   */
  key: string;
}

const BODY_OPEN = '<div class="paper-body">';

/**
 * The paper bodies of a print document (`<div class="paper-body">` of templates/components/print-item.njk),
 * in document order, as the browser's `.paper-body` elements: each ends at the `</div>` that closes it.
 * Bodies come from Markdown without raw HTML, so every div in one is a template's, and balanced; if one
 * does not close, undefined. `loaded`: a digest of the files the document loads (print.ts loadedFilesDigest).
 */
export function paperBodies(html: string, loaded = ""): BodySource[] | undefined {
  const head = html.slice(0, Math.max(0, html.indexOf("</head>")));
  const bodies: BodySource[] = [];
  const tags = /<div[\s>]|<\/div>/g;
  for (let open = html.indexOf(BODY_OPEN); open >= 0; open = html.indexOf(BODY_OPEN, tags.lastIndex)) {
    const start = open + BODY_OPEN.length;
    tags.lastIndex = start;
    let depth = 1;
    let tag: RegExpExecArray | null = null;
    while (depth > 0 && (tag = tags.exec(html))) depth += tag[0] === "</div>" ? -1 : 1;
    if (depth > 0 || !tag) return undefined;
    const item = html.lastIndexOf('<section class="print-item"', open);
    const key = sha256(`${loaded}\0${head}\0${fillPageRefs(html.slice(item < 0 ? open : item, tag.index), new Map())}`);
    bodies.push({ start, end: tag.index, key });
  }
  return bodies;
}

/** The document with the content of the bodies not kept taken out (each body's element stays, empty: bodies keep their places in document order). */
export function withBodiesEmptied(html: string, bodies: readonly BodySource[], keep: (index: number) => boolean): string {
  const parts: string[] = [];
  let at = 0;
  bodies.forEach((body, index) => {
    if (keep(index)) return;
    parts.push(html.slice(at, body.start));
    at = body.end;
  });
  parts.push(html.slice(at));
  return parts.join("");
}

/**
 * How full the pages around each run came out: `pages` are the printed pages in order, each with its
 * orientation and how far down its content box its content reaches (0 to 1). The runs are the maximal
 * stretches of landscape pages, in order.
 */
export function runPagesOf(pages: ReadonlyArray<{ landscape: boolean; used: number }>): RunPages[] {
  const found: RunPages[] = [];
  pages.forEach((page, i) => {
    if (!page.landscape) return;
    const previous = pages[i - 1];
    if (previous?.landscape) {
      found[found.length - 1]!.last = page.used;
      return;
    }
    found.push({ before: previous ? previous.used : undefined, last: page.used });
  });
  return found;
}

// ---- In the browser ----

export interface BlockReading {
  blocks: Block[];
  geometry: Geometry;
  /** How many paper bodies the document has (with or without blocks). */
  bodies: number;
}

/** In the browser: the source of geometry(), the content boxes of the portrait and landscape pages, from the @page rules. */
const GEOMETRY = `
  const PX = { mm: 96 / 25.4, cm: 96 / 2.54, in: 96, pt: 96 / 72, pc: 16, px: 1, q: 96 / 101.6 };
  const SIZES = { a5: [148, 210], a4: [210, 297], a3: [297, 420], b5: [176, 250], b4: [250, 353], letter: [215.9, 279.4], legal: [215.9, 355.6], ledger: [279.4, 431.8] };
  const pageRules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]).filter((rule) => rule instanceof CSSPageRule);
  const defaults = pageRules.filter((rule) => rule.selectorText === "");
  const property = (rules, name) => rules.map((rule) => rule.style.getPropertyValue(name)).filter((v) => v !== "").pop() || "";
  const length = (text) => { const m = /^([\\d.]+)([a-z]+)$/.exec(text); return m ? Number(m[1]) * (PX[m[2]] || 1) : 0; };
  const boxOf = (rules) => {
    const size = (property(rules, "size") || property(defaults, "size") || "a4").toLowerCase().split(/\\s+/);
    const named = SIZES[size.find((word) => word in SIZES) || "a4"];
    const lengths = size.map(length).filter((v) => v > 0);
    let [width, height] = lengths.length === 2 ? lengths : [named[0] * PX.mm, named[1] * PX.mm];
    if (size.includes("landscape") !== width > height) [width, height] = [height, width];
    const margin = (side) => length(property(rules, "margin-" + side) || property(defaults, "margin-" + side));
    return { width: width - margin("left") - margin("right"), height: height - margin("top") - margin("bottom"), top: margin("top"), bottom: margin("bottom") };
  };
  const landscapeRules = pageRules.filter((rule) => rule.selectorText !== "" && /landscape/i.test(rule.style.getPropertyValue("size")));
  const geometry = () => ({ portrait: boxOf(defaults), landscape: landscapeRules.length ? boxOf([landscapeRules[0]]) : undefined });`;

/**
 * In the print document's tab: the content boxes of its pages (read from its style sheets, without laying
 * it out), to lay it out at the portrait content width.
 */
export const READ_GEOMETRY = `(() => {${GEOMETRY}
  return geometry();
})()`;

/**
 * In the print document's tab, laid out at the portrait content width: each top-level block of each
 * paper body with its named page, height and kind, and the content boxes of the portrait page and of the
 * landscape pages, from the document's @page rules (sizes by keyword or length, margins by length).
 */
export const READ_BLOCKS = `(() => {${GEOMETRY}
  const landscapeNames = new Set(landscapeRules.map((rule) => rule.selectorText));
  const named = (element) => { const name = getComputedStyle(element).getPropertyValue("page"); return name && name !== "auto" ? name : ""; };
  const usedPage = (element) => { for (let e = element; e; e = e.parentElement) if (named(e)) return named(e); return ""; };
  const blocks = [];
  [...document.querySelectorAll(".paper-body")].forEach((body, bodyIndex) => {
    const all = [...body.children];
    const shown = all.filter((child) => getComputedStyle(child).display !== "none");
    shown.forEach((child, i) => {
      const style = getComputedStyle(child);
      const top = child.getBoundingClientRect().top;
      const next = shown[i + 1];
      const page = usedPage(child);
      const chart = child.querySelector(".chart svg");
      const rows = [...child.querySelectorAll("table tbody tr")];
      const lastOf = (element) => element.getBoundingClientRect().bottom - top;
      const lines = 3 * (parseFloat(style.lineHeight) || 20);
      const height = next ? next.getBoundingClientRect().top - top : child.getBoundingClientRect().height + parseFloat(style.marginBottom);
      blocks.push({
        body: bodyIndex,
        index: all.indexOf(child),
        page,
        landscape: landscapeNames.has(page),
        height,
        head: Math.min(height, chart ? lastOf(chart.parentElement) : rows.length ? lastOf(rows[0]) : /^H[1-6]$/.test(child.tagName) ? height : lines),
        drawing: chart ? chart.getBoundingClientRect().height : 0,
        breakBefore: ["page", "left", "right", "recto", "verso"].includes(style.getPropertyValue("break-before")),
        heading: /^H[1-6]$/.test(child.tagName),
        movable: !named(child) && ![...child.querySelectorAll("*")].some((e) => named(e)),
      });
    });
  });
  return { blocks, geometry: geometry(), bodies: document.querySelectorAll(".paper-body").length };
})()`;

/** In the print document's tab: put moved blocks on their landscape page, at the portrait measure (px). */
export function applyMovesScript(moves: readonly Move[], measure: number): string {
  return `(() => {
  const bodies = [...document.querySelectorAll(".paper-body")];
  for (const move of ${JSON.stringify(moves)}) {
    const element = bodies[move.body] && bodies[move.body].children[move.index];
    if (!element) continue;
    element.style.setProperty("page", move.page);
    element.style.setProperty("max-width", "${measure}px");
    const drawing = element.querySelector(".chart svg");
    if (move.drawing !== undefined && drawing) drawing.style.setProperty("max-height", move.drawing + "px");
  }
  return true;
})()`;
}

/**
 * What a draft shows. A draft is printed only to be measured, so it need not show its text: a box hidden
 * by `visibility: hidden` is laid out as if it were shown (CSS 2, 11.2), and Chromium neither paints it nor
 * writes its glyphs (the example's pack: a draft in 1.1 s, against 1.5 s painted), while it still writes
 * the destination of every linked anchor, hidden or not, which give the page ranges. Shown, when the pages
 * around the landscape runs are read (pageUse), is the whole of every item (`.print-item`) with a landscape
 * block: a run and the page before it are always within one item, since each item starts a page.
 */
export interface DraftView {
  /** The landscape blocks, if this draft's page fill is read; a landscape block outside an item shows the whole document. */
  landscape?: ReadonlyArray<{ body: number; index: number }>;
}

/** In the browser: hide what a draft need not show (false: all is shown), in place of what the last draft in the tab hid. */
export function draftViewScript(view: DraftView): string {
  return `(() => {
  document.getElementById("panelpress-draft-view")?.remove();
  const bodies = [...document.querySelectorAll(".paper-body")];
  const shown = new Set();
  for (const block of ${JSON.stringify(view.landscape ?? [])}) {
    const element = bodies[block.body] && bodies[block.body].children[block.index];
    const item = element && element.closest(".print-item[id]");
    if (!item) return false;
    shown.add("#" + CSS.escape(item.id));
  }
  const selectors = [...shown].flatMap((item) => [item, item + " *"]);
  const style = document.createElement("style");
  style.id = "panelpress-draft-view";
  style.textContent = "body *" + (selectors.length > 0 ? ":not(" + selectors.join(", ") + ")" : "") + " { visibility: hidden !important; }";
  document.head.append(style);
  return true;
})()`;
}

/**
 * Each page of a printed PDF: its orientation, and how far down its content box its text reaches (0 to
 * 1; a chart's axis labels and legend are text, so a chart counts). The content box is the portrait or
 * landscape box of `geometry` (CSS px; PDF points are 3/4 of a px). Only the pages runPagesOf() reads
 * are read (the landscape pages and the page before each): any other page is given as 0.
 */
export async function pageUse(doc: PdfDocument, geometry: Geometry): Promise<Array<{ landscape: boolean; used: number }>> {
  const pdfPages = [];
  for (let n = 1; n <= doc.numPages; n++) pdfPages.push(await doc.getPage(n));
  const landscapes = pdfPages.map((page) => {
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    return x1 - x0 > y1 - y0;
  });
  const pages: Array<{ landscape: boolean; used: number }> = [];
  for (const [index, page] of pdfPages.entries()) {
    const landscape = landscapes[index]!;
    if (!landscape && !landscapes[index + 1]) {
      pages.push({ landscape, used: 0 });
      continue;
    }
    const [, , , y1] = page.view as [number, number, number, number];
    const box = (landscape ? geometry.landscape : undefined) ?? geometry.portrait;
    const top = box.top * 0.75;
    const height = box.height * 0.75;
    let lowest = top;
    for (const item of (await page.getTextContent()).items) {
      if (!("str" in item) || item.str.trim() === "") continue;
      // The baseline, down from the top of the page, and the descenders below it.
      const bottom = y1 - item.transform[5] + 0.25 * Math.abs(item.transform[3]);
      if (bottom > top && bottom < top + height && bottom > lowest) lowest = bottom;
    }
    pages.push({ landscape, used: (lowest - top) / height });
    page.cleanup();
  }
  return pages;
}
