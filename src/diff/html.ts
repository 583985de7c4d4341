/**
 * Reading the rendered body of a paper back into what a reader sees: narrative blocks located by section
 * and generated paragraph number, and tables as grids of labelled cells.
 *
 * The HTML is panelpress's own output (markdown-it and our templates), so a small tag scanner is enough;
 * it does not need to survive arbitrary HTML.
 */
import { decodeEntities } from "../lib/html.ts";

/** A narrative block: a paragraph, list, quotation or callout, in reading order. */
export interface NarrativeBlock {
  /** The generated paragraph number ("4.2") for a numbered paragraph. */
  number?: string;
  /** The section it sits in: "4. Financial position", "Appendix 1: …", or "" before the first heading. */
  section: string;
  /** Position among the unnumbered blocks of its section (1-based), to locate those that have no number. */
  index: number;
  /** Plain text, whitespace collapsed, without the generated number. */
  text: string;
}

export interface TableRow {
  /** The row's header text (its row-header cells), or its first cell: how a reader names the row. */
  label: string;
  /** A key unique in the table: the label, with " (2)" etc. for repeats. */
  key: string;
  /** A total or computed (emphasised) row as published. */
  total: boolean;
  /** Column label → cell text. */
  cells: Map<string, string>;
}

export interface TableGrid {
  /** The figure's id without the page prefix ("outturn-h1-2022-23"), or the table's own id. */
  id: string;
  /** "Figure 1", when the table is a numbered figure. */
  label: string;
  caption: string;
  columns: string[];
  rows: TableRow[];
}

export interface PaperContent {
  blocks: NarrativeBlock[];
  tables: TableGrid[];
}

const VOID = new Set(["br", "img", "hr", "input", "meta", "col", "wbr", "source", "link", "area", "base", "embed", "param", "track"]);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g;

interface Element {
  name: string;
  attrs: string;
  /** Inner HTML. */
  inner: string;
}

/** The top-level elements of an HTML fragment, in order (text between them is ignored). */
export function topLevelElements(html: string): Element[] {
  const out: Element[] = [];
  let depth = 0;
  let start = -1;
  let innerStart = -1;
  let open: { name: string; attrs: string } | undefined;
  for (const match of html.matchAll(TAG)) {
    const [whole, closing, rawName, attrs] = match;
    const name = rawName!.toLowerCase();
    if (VOID.has(name) || whole.endsWith("/>")) continue;
    if (!closing) {
      if (depth === 0) {
        start = match.index;
        innerStart = match.index + whole.length;
        open = { name, attrs: attrs ?? "" };
      }
      depth++;
    } else {
      depth--;
      if (depth === 0 && open && start >= 0) {
        out.push({ name: open.name, attrs: open.attrs, inner: html.slice(innerStart, match.index) });
        open = undefined;
      }
      if (depth < 0) depth = 0;
    }
  }
  return out;
}

/** Text of an HTML fragment, tags removed, entities decoded and whitespace collapsed. */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<svg[\s\S]*?<\/svg>/g, " ").replace(/<[^>]+>/g, " ")).replace(/\s+/g, " ").replace(/ ([,.;:!?)])/g, "$1").replace(/\( /g, "(").trim();
}



function attr(attrs: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(attrs);
  return match ? decodeEntities(match[1]!) : undefined;
}

/** Split a paper's body into narrative blocks and tables. */
export function readPaperBody(html: string): PaperContent {
  const blocks: NarrativeBlock[] = [];
  const tables: TableGrid[] = [];
  let section = "";
  let unnumbered = 0;
  for (const element of topLevelElements(html)) {
    if (/^h[1-6]$/.test(element.name)) {
      const heading = textOf(element.inner);
      // Only the section-level headings (those with a generated id of a section or appendix) start a section.
      const id = attr(element.attrs, "id") ?? "";
      if (/(^|-)(section-\d+|appendix-\d+)$/.test(id) || element.name === "h2") {
        section = heading;
        unnumbered = 0;
      } else {
        blocks.push({ section, index: ++unnumbered, text: heading });
      }
      continue;
    }
    if (element.inner.includes("<table")) {
      tables.push(...readTables(element));
      // A block with a table may carry prose of its own too (a kind's block); its text outside tables counts.
      const prose = textOf(element.inner.replace(/<table[\s\S]*?<\/table>/g, " "));
      if (element.name !== "figure" && prose) blocks.push({ section, index: ++unnumbered, text: prose });
      continue;
    }
    if (element.name === "figure") continue; // a chart without its data table: nothing to read as prose
    const text = textOf(element.inner);
    if (!text) continue;
    const numberMatch = /^<span class="number">([^<]*)<\/span>\s*/.exec(element.inner);
    if (numberMatch) {
      blocks.push({ number: numberMatch[1]!.replace(/\.$/, ""), section, index: 0, text: textOf(element.inner.slice(numberMatch[0].length)) });
    } else {
      blocks.push({ section, index: ++unnumbered, text });
    }
  }
  // Ids must name one table each, or versions cannot be matched table by table.
  const seen = new Map<string, number>();
  for (const table of tables) {
    const count = (seen.get(table.id) ?? 0) + 1;
    seen.set(table.id, count);
    if (count > 1) table.id = `${table.id}-${count}`;
  }
  return { blocks, tables };
}

/**
 * Every table inside an element. A chart's figure holds its data twice (the screen's disclosure and the
 * printed copy): the same caption twice is read once.
 */
function readTables(element: Element): TableGrid[] {
  const figureId = element.name === "figure" ? attr(element.attrs, "id") : undefined;
  const found = [...element.inner.matchAll(/<table\b([^>]*)>([\s\S]*?)<\/table>/g)];
  const seenCaptions = new Set<string>();
  const out: TableGrid[] = [];
  found.forEach((match, n) => {
    const inner = match[2]!;
    const captionMatch = /<caption\b([^>]*)>([\s\S]*?)<\/caption>/.exec(inner);
    const captionHtml = captionMatch?.[2] ?? "";
    const label = textOf(/<span class="figure-label">([\s\S]*?)<\/span>/.exec(captionHtml)?.[1] ?? "");
    const caption = textOf(captionHtml.replace(/<span class="figure-label">[\s\S]*?<\/span>/, ""));
    if (seenCaptions.has(`${label} ${caption}`)) return;
    seenCaptions.add(`${label} ${caption}`);
    // The most stable name: the figure's id, else the caption's id, else the table's own, else its place.
    const captionId = attr(captionMatch?.[1] ?? "", "id")?.replace(/-caption$/, "");
    const rawId = (n === 0 ? figureId : undefined) ?? captionId ?? attr(match[1] ?? "", "id") ?? `${figureId ?? "table"}-${n + 1}`;
    const id = rawId.replace(/^item-\d+-/, "").replace(/^fig-/, "");
    out.push({ id, label, caption: caption || label || id, ...readGrid(inner) });
  });
  return out;
}

function readGrid(tableHtml: string): { columns: string[]; rows: TableRow[] } {
  const head = /<thead\b[^>]*>([\s\S]*?)<\/thead>/.exec(tableHtml)?.[1] ?? "";
  const body = /<tbody\b[^>]*>([\s\S]*?)<\/tbody>/.exec(tableHtml)?.[1] ?? tableHtml.replace(/<thead\b[\s\S]*?<\/thead>/, "");
  // Header rows expanded by colspan; a column's label joins its group's label and its own.
  const headerGrid = [...head.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => {
    const cells: string[] = [];
    for (const cell of row[1]!.matchAll(/<(th|td)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
      const span = Number(attr(cell[2] ?? "", "colspan") ?? "1");
      for (let k = 0; k < span; k++) cells.push(textOf(cell[3]!));
    }
    return cells;
  });
  const width = Math.max(0, ...headerGrid.map((r) => r.length));
  const columns = uniqueLabels(Array.from({ length: width }, (_, c) => {
    const parts = headerGrid.map((r) => r[c] ?? "").filter((t, i, all) => t && all.indexOf(t) === i);
    return parts.length > 1 ? `${parts.slice(0, -1).join(" ")} — ${parts.at(-1)}` : (parts[0] ?? `column ${c + 1}`);
  }));
  const rows: TableRow[] = [];
  const seen = new Map<string, number>();
  for (const row of body.matchAll(/<tr\b([^>]*)>([\s\S]*?)<\/tr>/g)) {
    const cellMatches = [...row[2]!.matchAll(/<(th|td)\b([^>]*)>([\s\S]*?)<\/\1>/g)];
    if (cellMatches.length === 0) continue;
    const cells = new Map<string, string>();
    const headers: string[] = [];
    let position = 0;
    for (const cell of cellMatches) {
      const text = textOf(cell[3]!);
      const span = Number(attr(cell[2] ?? "", "colspan") ?? "1");
      const column = columns[position] ?? `column ${position + 1}`;
      if (cell[1] === "th") headers.push(text);
      cells.set(column, text);
      position += span;
    }
    const label = headers.filter(Boolean).join(", ") || [...cells.values()].find(Boolean) || `row ${rows.length + 1}`;
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    const total = /class="[^"]*\b(total|emphasis)\b/.test(row[1] ?? "");
    rows.push({ label, key: count > 1 ? `${label} (${count})` : label, total, cells });
  }
  return { columns, rows };
}

function uniqueLabels(labels: string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    return count > 1 ? `${label} (${count})` : label;
  });
}
