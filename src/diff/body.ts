/**
 * A paper's body as a reader meets it, read from the model (never from HTML): narrative blocks located by
 * section and generated paragraph number, and tables as grids of labelled cells — the figures' computed
 * cells and the Markdown's own tables. A kind's blocks are left out: their data is compared as stated
 * in the data file (src/diff/data.ts).
 */
import type Token from "markdown-it/lib/token.mjs";
import type { BodyPart, EmbedMeta, RefMeta } from "../model/body.ts";
import type { TableView } from "../model/view.ts";

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

/** Split a paper's body into narrative blocks and tables. */
export function readPaperBody(parts: BodyPart[]): PaperContent {
  const blocks: NarrativeBlock[] = [];
  const tables: TableGrid[] = [];
  let section = "";
  let unnumbered = 0;
  for (const block of topLevelBlocks(parts.flatMap((p) => (p.type === "markdown" ? p.tokens : [])))) {
    const first = block[0]!;
    if (first.type === "heading_open") {
      const text = textOf(block);
      // Only section-level headings (a generated section or appendix id, or h2) start a section.
      if (/(^|-)(section-\d+|appendix-\d+)$/.test(first.attrGet("id") ?? "") || first.tag === "h2") {
        section = text;
        unnumbered = 0;
      } else {
        blocks.push({ section, index: ++unnumbered, text });
      }
      continue;
    }
    if (first.type === "pp_embed") {
      const embed = (first.meta as EmbedMeta).embed;
      if (embed?.type === "table") tables.push(gridOf(embed.table, embed.table.id));
      if (embed?.type === "chart") tables.push(gridOf(embed.chart.table, embed.chart.id));
      continue;
    }
    if (first.type === "table_open") {
      tables.push(markdownGrid(block, `table-${tables.length + 1}`));
      continue;
    }
    const number = numberOf(block);
    const text = textOf(block, { withoutNumber: true });
    if (!text) continue;
    blocks.push(number ? { number, section, index: 0, text } : { section, index: ++unnumbered, text });
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

/** The body's top-level blocks, each as its tokens from open to close (exempt sections are transparent). */
function topLevelBlocks(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let depth = 0;
  let current: Token[] = [];
  for (const token of tokens) {
    if (token.type === "pp_exempt_open" || token.type === "pp_exempt_close") continue;
    current.push(token);
    depth += token.nesting;
    if (depth === 0) {
      out.push(current);
      current = [];
    }
  }
  return out;
}

function numberOf(block: Token[]): string | undefined {
  const inline = block.find((t) => t.type === "inline");
  const first = inline?.children?.[0];
  return first?.type === "pp_number" ? first.content.replace(/\.$/, "") : undefined;
}

/** A block's words as printed, whitespace collapsed; with its generated number ("4.2.") when asked. */
function textOf(block: Token[], options: { withoutNumber?: boolean } = {}): string {
  const words: string[] = [];
  for (const token of block) {
    if (token.type !== "inline") {
      if (token.nesting !== 0 || token.type === "hr") words.push(" ");
      continue;
    }
    for (const child of token.children ?? []) {
      if (child.type === "pp_number") {
        if (!options.withoutNumber) words.push(`${child.content} `);
      } else if (child.type === "pp_ref") {
        const { type, id, found } = child.meta as RefMeta;
        words.push(found ? found.text : `[${type}:${id}]`);
      } else if (child.type === "softbreak" || child.type === "hardbreak") words.push(" ");
      else if (child.type === "image") words.push(child.content);
      else if (child.type === "footnote_ref") words.push(`[${Number((child.meta as { id: number }).id) + 1}]`);
      else words.push(child.content);
    }
  }
  return words.join("").replace(/\s+/g, " ").trim();
}

/** A figure's table as a grid: columns named by their group and label, rows by their header cells. */
function gridOf(table: TableView, figureId: string): TableGrid {
  const headerGrid = table.headerRows.map((row) => row.flatMap((cell) => Array<string>(cell.colspan).fill(cell.unit ? `${cell.text} ${cell.unit}` : cell.text)));
  const width = Math.max(0, ...headerGrid.map((r) => r.length));
  const columns = uniqueLabels(Array.from({ length: width }, (_, c) => {
    const parts = headerGrid.map((r) => r[c] ?? "").filter((t, i, all) => t && all.indexOf(t) === i);
    return parts.length > 1 ? `${parts.slice(0, -1).join(" ")} — ${parts.at(-1)}` : (parts[0] ?? `column ${c + 1}`);
  }));
  const seen = new Map<string, number>();
  const rows = table.rows.map((row, r): TableRow => {
    const cells = new Map(row.cells.map((cell, c) => [columns[c] ?? `column ${c + 1}`, cell.text] as const));
    const headers = row.cells.filter((cell) => cell.header && cell.text).map((cell) => cell.text);
    const label = headers.join(", ") || row.cells.map((cell) => cell.text).find(Boolean) || `row ${r + 1}`;
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    return { label, key: count > 1 ? `${label} (${count})` : label, total: row.total || row.emphasis, cells };
  });
  const id = figureId.replace(/^item-\d+-/, "").replace(/^fig-/, "");
  return { id, label: table.label, caption: table.caption || table.label || id, columns, rows };
}

/** A pipe table written in the Markdown. */
function markdownGrid(block: Token[], id: string): TableGrid {
  const rows: string[][] = [];
  let header: string[] = [];
  let row: string[] = [];
  let inHead = false;
  for (const token of block) {
    if (token.type === "thead_open") inHead = true;
    if (token.type === "thead_close") inHead = false;
    if (token.type === "tr_open") row = [];
    if (token.type === "inline") row.push(textOf([token]));
    if (token.type === "tr_close") (inHead ? (header = row) : rows.push(row));
  }
  const columns = uniqueLabels(header.map((h, c) => h || `column ${c + 1}`));
  const seen = new Map<string, number>();
  return {
    id, label: "", caption: id, columns,
    rows: rows.map((cells, r) => {
      const label = cells.find(Boolean) ?? `row ${r + 1}`;
      const count = (seen.get(label) ?? 0) + 1;
      seen.set(label, count);
      return { label, key: count > 1 ? `${label} (${count})` : label, total: false, cells: new Map(cells.map((text, c) => [columns[c] ?? `column ${c + 1}`, text] as const)) };
    }),
  };
}

function uniqueLabels(labels: string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    return count > 1 ? `${label} (${count})` : label;
  });
}
