/**
 * The page check: would a clerk sign off every page of a printed PDF? For each page it measures
 *
 *  - how much of the printable area (between the running header and footer) is filled: rows of pixels
 *    with ink, and the short gaps between them (the space between lines, paragraphs and figures); a page
 *    left mostly blank because what came next did not fit is the commonest fault of an agenda pack;
 *  - what the last line of text on the page is: a figure caption, a table's header row or a heading at
 *    the foot of a page has been parted from what it introduces;
 *  - whether any chart text ends in "…": vega cut a label short.
 *
 * Pure functions judge the facts; `pageFacts` gathers them from a PDF with poppler's pdftoppm (ink,
 * rendered small and grey) and pdfjs-dist (text, its position and its role in the structure tree
 * Chromium writes: H1–H6, Caption, TH, Figure).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPdf } from "../lib/pdfjs.ts";

/** What a line of text on a page is. */
export type LineKind = "caption" | "heading" | "table-header" | "figure" | "text";

export interface Line {
  kind: LineKind;
  text: string;
}

export interface PageFacts {
  /** 1-based. */
  page: number;
  /** Wider than it is high. */
  landscape: boolean;
  /** The running header's text; pages that share it belong to the same agenda item (or the same part of one). */
  header: string;
  /** Fraction of the printable area filled: pixel rows with ink and the gaps under GAP_MM between them, 0 to 1. */
  fill: number;
  /** The first and the last line of text between the running header and footer, if the page has text. */
  firstLine?: Line;
  lastLine?: Line;
  /** Chart text that ends in "…". */
  truncated: string[];
}

export interface PageRules {
  /** The least fill a page may have unless it ends an agenda item or a part of one. */
  minFill: number;
}

/**
 * 0.4, from measurement and from the bounds print.css sets. A full page of text or tables measures
 * 0.9–1.0. What print.css lets go over to the next page whole is a chart's caption and drawing, usually
 * about 90 mm of a 255 mm printable height and never more than about 150 mm (a drawing is at most 140 mm
 * high), so a page ended early by it keeps at least 0.4, usually 0.6. The example pack, after this check's
 * fixes, has no page under 0.43 that does not end an item or a part; before them it had 10 under 0.4
 * (8 under 0.2: the pages a landscape table or an unbroken chart figure pushed over, the page
 * 22 among them). 0.4 is the designed bound, and catches all of those.
 */
export const PAGE_RULES: PageRules = { minFill: 0.4 };

export interface PageProblem {
  page: number;
  rule: "page/underfilled" | "page/stranded" | "page/truncated";
  message: string;
}

/** The page margins of templates/assets/print.css (mm): the running header and footer live in them. */
export interface PageMargins {
  top: number;
  bottom: number;
}
export const PRINT_MARGINS: PageMargins = { top: 22, bottom: 20 };

/**
 * Every problem with a PDF's pages. `starts`: the opening words of the parts that begin a new page by
 * design (partStarts() of the papers' HTML).
 */
export function pageProblems(pages: readonly PageFacts[], rules: PageRules = PAGE_RULES, starts: readonly string[] = []): PageProblem[] {
  const ends = partEnds(pages, starts);
  const problems: PageProblem[] = [];
  for (const page of pages) {
    if (!ends.has(page.page) && page.fill < rules.minFill) {
      problems.push({ page: page.page, rule: "page/underfilled", message: `page ${page.page} is only ${percent(page.fill)} filled (at least ${percent(rules.minFill)} unless it ends an item or a part)` });
    }
    const stranded = page.lastLine && STRANDED[page.lastLine.kind];
    if (stranded && page.page < pages.length) {
      problems.push({ page: page.page, rule: "page/stranded", message: `page ${page.page} ends with ${stranded}: "${page.lastLine!.text}"` });
    }
    for (const text of page.truncated) problems.push({ page: page.page, rule: "page/truncated", message: `page ${page.page} has chart text cut short: "${text}"` });
  }
  return problems;
}

const STRANDED: Readonly<Record<LineKind, string | undefined>> = {
  caption: "a caption",
  heading: "a heading",
  "table-header": "a table's header row",
  figure: undefined,
  text: undefined,
};

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

/**
 * The pages that end an item: the last page, and each page whose running header differs from the next
 * page's (the agenda item changed, or its exempt part began; either starts a new page by design).
 */
export function lastPagesOfItems(pages: readonly PageFacts[]): Set<number> {
  const last = new Set<number>();
  pages.forEach((page, i) => {
    const next = pages[i + 1];
    if (!next || next.header !== page.header) last.add(page.page);
  });
  return last;
}

/**
 * The pages that end an item or a part of one: those of lastPagesOfItems, and each page followed by one
 * that opens with the start of a part that begins a new page by design (`partStarts`, from partStarts()):
 * an appendix, or a kind's report within the paper, leaves the page before it short, and that is no fault.
 */
export function partEnds(pages: readonly PageFacts[], starts: readonly string[] = []): Set<number> {
  const ends = lastPagesOfItems(pages);
  pages.forEach((page, i) => {
    const opening = pages[i + 1]?.firstLine?.text;
    if (opening && starts.some((start) => samePrefix(start, opening))) ends.add(page.page);
  });
  return ends;
}

/** Whether two texts begin alike: the shorter (at least 8 characters) begins the longer, spaces aside. */
function samePrefix(a: string, b: string): boolean {
  const [x, y] = [a, b].map((t) => t.replace(/\s+/g, ""));
  const n = Math.min(x!.length, y!.length);
  return n >= 8 && x!.slice(0, n) === y!.slice(0, n);
}

/**
 * The opening words of each part of a page's HTML that print.css or a kind starts on a new page: an
 * appendix heading (class appendix-heading, `break-before: page` in print.css) and any element whose own
 * style breaks before it (a kind's template, such as the plan-closure report's contents).
 */
export function partStarts(html: string): string[] {
  const starts: string[] = [];
  const opening = /<([a-z][a-z0-9]*)\b[^>]*?(?:class="[^"]*\bappendix-heading\b[^"]*"|style="[^"]*break-before:\s*page[^"]*")[^>]*>/g;
  for (const match of html.matchAll(opening)) {
    // Its first words: the text up to the end of the first heading or paragraph in it.
    const after = html.slice(match.index + match[0].length, match.index + match[0].length + 2000);
    const end = /<\/(?:p|h[1-6]|li|caption|figcaption|th|td)>/.exec(after);
    const text = textOf(end ? after.slice(0, end.index) : after).slice(0, 80);
    if (text) starts.push(text);
  }
  return starts;
}

/** The text of an HTML fragment: tags dropped, the entities our templates write decoded, spaces collapsed. */
function textOf(html: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) =>
      body.startsWith("#x") || body.startsWith("#X") ? String.fromCodePoint(parseInt(body.slice(2), 16)) : body.startsWith("#") ? String.fromCodePoint(Number(body.slice(1))) : (named[body.toLowerCase()] ?? entity),
    )
    .replace(/\s+/g, " ")
    .trim();
}

/** A greyscale picture: one byte a pixel, 0 black to 255 white, row by row. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Read a binary PGM (P5, 8-bit), as pdftoppm -gray writes it. */
export function parsePgm(bytes: Uint8Array): Gray {
  // The header is three whitespace-separated numbers after "P5", then one whitespace byte, then pixels.
  const fields: string[] = [];
  let at = 0;
  while (fields.length < 4) {
    while (at < bytes.length && isSpace(bytes[at]!)) at++;
    if (bytes[at] === 0x23) {
      while (at < bytes.length && bytes[at] !== 0x0a) at++; // a comment line
      continue;
    }
    const start = at;
    while (at < bytes.length && !isSpace(bytes[at]!)) at++;
    fields.push(String.fromCharCode(...bytes.subarray(start, at)));
  }
  const [magic, width, height, max] = fields;
  if (magic !== "P5" || max !== "255") throw new Error(`not an 8-bit binary PGM (${magic}, max ${max})`);
  const w = Number(width);
  const h = Number(height);
  const data = bytes.subarray(at + 1, at + 1 + w * h);
  if (data.length !== w * h) throw new Error("PGM image is truncated");
  return { width: w, height: h, data };
}

const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/**
 * Which rows have ink: any pixel darker than `white`. 245 counts the lightest shading print.css uses
 * (#f3f2f1 panels are 242) and a hairline rule, and ignores the faintest edge of anti-aliasing.
 */
export function inkRows(image: Gray, white = 245): boolean[] {
  const rows: boolean[] = [];
  for (let y = 0; y < image.height; y++) {
    const row = image.data.subarray(y * image.width, (y + 1) * image.width);
    rows.push(row.some((v) => v < white));
  }
  return rows;
}

/**
 * The fraction of rows from `from` (inclusive) to `to` (exclusive) that are filled: inked, or in a gap
 * between inked rows shorter than `gap` rows. Without the gaps a page of plain text would count as two
 * thirds empty (the space between lines); with them, only blank stretches taller than the space a layout
 * puts between paragraphs, headings and figures count as empty.
 */
export function fillBetween(rows: readonly boolean[], from: number, to: number, gap = 0): number {
  if (to <= from) return 0;
  let blank = 0;
  let run = 0;
  let seenInk = false;
  for (let y = from; y < to; y++) {
    if (rows[y]) {
      // A short gap between inked rows is part of the layout, not empty space.
      if (seenInk && run < gap) blank -= run;
      run = 0;
      seenInk = true;
    } else {
      run++;
      blank++;
    }
  }
  return 1 - blank / (to - from);
}

/**
 * The kind of a line from the structure roles of its pieces of text (each piece's chain of roles, outermost
 * first). Chart text is inside a Figure; a heading's pieces are all H1–H6; a caption's all Caption; a
 * table header row's all in a row of header cells only (TR:header; a row heading has TDs beside it).
 */
export function lineKind(pieces: ReadonlyArray<readonly string[]>): LineKind {
  if (pieces.length === 0) return "text";
  const every = (test: (role: string) => boolean) => pieces.every((chain) => chain.some(test));
  if (pieces.some((chain) => chain.includes("Figure"))) return "figure";
  if (every((role) => /^H[1-6]?$/.test(role))) return "heading";
  if (every((role) => role === "Caption")) return "caption";
  if (every((role) => role === "TR:header")) return "table-header";
  return "text";
}

/** Text inside the SVGs of an HTML page that ends in "…" (vega's mark of a label cut to its limit). */
export function truncatedSvgText(html: string): string[] {
  const found: string[] = [];
  for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g) ?? []) {
    for (const [, text] of svg.matchAll(/<(?:text|tspan)\b[^>]*>([^<]*)</g)) {
      if (text!.includes("…") || text!.includes("&#8230;") || text!.includes("&hellip;")) found.push(text!.trim());
    }
  }
  return found;
}

// ---- Gathering the facts from a PDF ----

const DPI = 30;
const MM = 72 / 25.4; // PDF points per millimetre
/**
 * Blank stretches shorter than this are layout, not empty page: print.css puts at most about 8 mm between
 * blocks (a heading's space above it after a figure's space below).
 */
const GAP_MM = 10;

interface PlacedText {
  /** Baseline, in points down from the top of the page. */
  y: number;
  text: string;
  /** Structure roles from the root to the text's element, NonStruct left out; empty for an artifact. */
  roles: string[];
}

/** The facts of every page of a PDF. */
export async function pageFacts(pdfFile: string, margins: PageMargins = PRINT_MARGINS): Promise<PageFacts[]> {
  const images = renderGray(pdfFile);
  const doc = await openPdf(readFileSync(pdfFile));
  try {
    const facts: PageFacts[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const height = y1 - y0;
      const texts = await placedTexts(page, height);
      const top = margins.top * MM;
      const bottom = height - margins.bottom * MM;
      const image = images[n - 1];
      if (!image) throw new Error(`pdftoppm rendered no page ${n} of ${pdfFile}`);
      const rowsPerPoint = image.height / height;
      const body = texts.filter((t) => t.y > top && t.y < bottom);
      const { first, last } = edgeLines(body);
      facts.push({
        page: n,
        landscape: x1 - x0 > height,
        header: texts.filter((t) => t.y <= top).map((t) => t.text).join(" ").replace(/\s+/g, " ").trim(),
        fill: fillBetween(inkRows(image), Math.ceil(top * rowsPerPoint), Math.floor(bottom * rowsPerPoint), Math.round(GAP_MM * MM * rowsPerPoint)),
        firstLine: first,
        lastLine: last,
        truncated: body.filter((t) => t.roles.includes("Figure") && t.text.includes("…")).map((t) => t.text.trim()),
      });
      page.cleanup();
    }
    return facts;
  } finally {
    await doc.destroy();
  }
}

/** The facts and the problems of a PDF's pages (`starts` as for pageProblems). */
export async function checkPages(pdfFile: string, starts: readonly string[] = [], rules: PageRules = PAGE_RULES): Promise<{ pages: PageFacts[]; problems: PageProblem[] }> {
  const pages = await pageFacts(pdfFile);
  return { pages, problems: pageProblems(pages, rules, starts) };
}

/** The highest and the lowest line of text: the pieces whose baselines are within 2 pt of the highest or lowest. */
function edgeLines(texts: readonly PlacedText[]): { first?: Line; last?: Line } {
  const content = texts.filter((t) => t.text.trim() !== "");
  if (content.length === 0) return {};
  const lineAt = (y: number): Line => {
    const line = content.filter((t) => Math.abs(t.y - y) <= 2);
    return { kind: lineKind(line.map((t) => t.roles)), text: line.map((t) => t.text.trim()).join(" ") };
  };
  const ys = content.map((t) => t.y);
  return { first: lineAt(Math.min(...ys)), last: lineAt(Math.max(...ys)) };
}

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

interface PdfPage {
  getStructTree(): Promise<StructNode | null>;
  getTextContent(options: { includeMarkedContent: boolean }): Promise<{ items: unknown[] }>;
}

/** Every piece of text on a page with its position and structure roles. */
async function placedTexts(page: PdfPage, height: number): Promise<PlacedText[]> {
  const roles = new Map<string, string[]>();
  const walk = (node: StructNode, chain: string[]) => {
    if (node.type === "content" && node.id) roles.set(node.id, chain);
    if (node.type) return;
    // A row of header cells only (a table's header row, or a group heading across it) is marked as such:
    // a TH with TDs beside it is a row heading, part of the table's body.
    const role = node.role === "TR" && isHeaderRow(node) ? "TR:header" : node.role;
    const here = role && role !== "NonStruct" && role !== "Root" ? [...chain, role] : chain;
    for (const child of node.children ?? []) walk(child, here);
  };
  const tree = await page.getStructTree();
  if (tree) walk(tree, []);
  const placed: PlacedText[] = [];
  const open: Array<string | undefined> = [];
  for (const item of (await page.getTextContent({ includeMarkedContent: true })).items as TextItem[]) {
    if (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps") open.push(item.id);
    else if (item.type === "endMarkedContent") open.pop();
    else if (item.str !== undefined && item.transform) {
      const id = [...open].reverse().find((entry) => entry !== undefined);
      placed.push({ y: height - item.transform[5]!, text: item.str, roles: (id && roles.get(id)) || [] });
    }
  }
  return placed;
}

function isHeaderRow(row: StructNode): boolean {
  const cells = (row.children ?? []).filter((child) => child.role === "TH" || child.role === "TD");
  return cells.length > 0 && cells.every((cell) => cell.role === "TH");
}

interface TextItem {
  type?: string;
  id?: string;
  str?: string;
  transform?: number[];
}

/** Every page of a PDF, small and grey: poppler's pdftoppm into a temporary folder. */
function renderGray(pdfFile: string): Gray[] {
  const dir = mkdtempSync(join(tmpdir(), "panelpress-pages-"));
  try {
    execFileSync("pdftoppm", ["-r", String(DPI), "-gray", pdfFile, join(dir, "page")], { stdio: ["ignore", "ignore", "pipe"] });
    // pdftoppm pads page numbers to the width of the last one, so names sort in page order.
    return readdirSync(dir).filter((name) => name.endsWith(".pgm")).sort().map((name) => parsePgm(readFileSync(join(dir, name))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
