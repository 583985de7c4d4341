/**
 * Figure housekeeping in a paper body: every placed figure (`::: table|chart <id>`) is referred to with
 * `[@fig:<id>]`, and placed near its first reference. Distance is counted in paragraphs (blocks of text,
 * lists and other figures between the two; headings are not counted), which an author can see in the
 * Markdown, unlike pages, which depend on printing.
 *
 * Not checked, to raise no false alarm: a figure in an appendix (the appendix is what the text refers to),
 * and any figure of a paper that refers to none of its figures (a membership list or a timetable is the
 * paper's content, not a figure discussed in it). A chart and the table it draws are one figure shown two
 * ways: a reference to either counts for both.
 */
import { counted } from "../lib/format.ts";
import { placedFigures } from "../markdown/directives.ts";
import { proseLines } from "./body-lines.ts";
import type { Finding } from "./finding.ts";

/**
 * How many paragraphs may stand between a figure and its first reference, by default: about a printed
 * page of an A4 paper (five or six paragraphs of prose), so a reader who meets "Figure 3" finds it on the
 * same page or the next. A committee may set its own (`figure_distance` in its file).
 */
export const DEFAULT_FIGURE_DISTANCE = 5;

export interface FigureOptions {
  maxDistance: number;
  /** Each chart's table (chart id → table id). */
  chartTables?: Record<string, string>;
  /** Other text of the paper that may refer to a figure (its data file: a table cell's Markdown). */
  otherText?: string;
}

export function figureFindings(body: string, options: FigureOptions): Finding[] {
  const lines = proseLines(body);
  const block = blockIndex(lines);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const appendixStart = lines.findIndex((text) => /^#\s/.test(text)) + 1 || Infinity;
  const figures = placedFigures(body).filter((f) => f.line < appendixStart);
  if (!lines.some((text) => text.includes("[@fig:"))) return [];
  const chartTables = options.chartTables ?? {};
  for (const figure of figures) {
    if (seen.has(figure.id)) continue;
    seen.add(figure.id);
    // The same figure shown two ways: this chart's table, or the charts drawn from this table.
    const sameFigure = [figure.id, ...(chartTables[figure.id] ? [chartTables[figure.id]!] : []), ...Object.keys(chartTables).filter((chart) => chartTables[chart] === figure.id)];
    const reference = sameFigure.map((id) => firstReference(lines, id)).filter((r) => r !== undefined).sort((a, b) => a.line - b.line)[0];
    const what = `${figure.kind} '${figure.id}'`;
    if (!reference) {
      if (sameFigure.some((id) => options.otherText?.includes(`[@fig:${id}]`))) continue;
      findings.push({ line: figure.line, column: 1, rule: "figure/unreferenced", message: `${what} is placed here but the text never refers to it`, hint: `refer to it where the text discusses it: "as [@fig:${figure.id}] shows"` });
      continue;
    }
    const distance = Math.abs(block[figure.line - 1]! - block[reference.line - 1]!) - 1;
    if (distance > options.maxDistance) {
      const where = reference.line < figure.line ? "after" : "before";
      findings.push({ line: figure.line, column: 1, rule: "figure/far-from-reference", message: `${what} is placed ${counted(distance, "paragraph")} ${where} its first reference ([@fig:${reference.id}]); at most ${options.maxDistance} are allowed`, hint: `move '::: ${figure.kind} ${figure.id}' to just after the paragraph that first refers to it` });
    }
  }
  return findings;
}

function firstReference(lines: string[], id: string): { id: string; line: number } | undefined {
  const index = lines.findIndex((text) => text.includes(`[@fig:${id}]`));
  return index < 0 ? undefined : { id, line: index + 1 };
}

/**
 * For each line, the number of counted blocks up to and including it: a block is a run of non-blank lines
 * (a paragraph, a list, a table), an embed line on its own, never a heading or a `:::` fence line.
 */
function blockIndex(lines: string[]): number[] {
  let count = 0;
  let inBlock = false;
  return lines.map((text) => {
    const trimmed = text.trim();
    const embed = /^:::\s*(table|chart|block)\s/.test(trimmed);
    if (trimmed === "" || /^#{1,6}\s/.test(trimmed) || (trimmed.startsWith(":::") && !embed)) {
      inBlock = false;
      return count;
    }
    if (!inBlock || embed) count++;
    inBlock = !embed;
    return count;
  });
}
