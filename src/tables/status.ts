/**
 * Status columns (RAG ratings and the like): a cell names one status of the committee's scale, prints as its
 * label (with the status's colour and symbol beside it, never instead of it), and can be counted.
 */
import { contrastRatio } from "../a11y/contrast.ts";
import { CONTRAST } from "../a11y/checks.ts";
import { DEFAULT_STATUSES, type Status, type StatusScale } from "../model/committee.ts";
import type { ColumnInput, ComputedRow, ComputedTable, TableContext } from "./schema.ts";
import { countRows } from "./count.ts";

type Position = { line: number; column: number };

/** The page (and print) background the statuses' colours are drawn on. */
export const PAGE_BACKGROUND = "#ffffff";

/** The status a cell names: by its id, in any case ("Amber" and "amber" are the status `amber`). */
export function findStatus(written: string, scale: StatusScale = DEFAULT_STATUSES): Status | undefined {
  const id = written.trim().toLowerCase();
  return scale.find((s) => s.id === id);
}

/** A computed cell holds the status's label (what prints and what the CSV gives); this finds the status again. */
export function statusOfLabel(label: unknown, scale: StatusScale): Status | undefined {
  return typeof label === "string" ? scale.find((s) => s.label === label) : undefined;
}

/** The allowed ids, for a message: "red (Red), amber (Amber), green (Green)". */
export function allowedStatuses(scale: StatusScale): string {
  return scale.map((s) => `${s.id} (${s.label})`).join(", ");
}

export interface ScaleProblem {
  /** Path inside the committee file, e.g. ["statuses", 1, "colour"]. */
  path: Array<string | number>;
  rule: "status/contrast" | "status/duplicate";
  message: string;
  hint?: string;
}

/**
 * What is wrong with a committee's scale: an id, label or symbol used twice (two statuses a reader could not
 * tell apart without colour), and a colour too faint against the page: a swatch or bar is a graphical object,
 * which needs 3:1 (WCAG 2.2, 1.4.11). No label is ever drawn on a status's colour, so 4.5:1 text contrast
 * does not arise.
 */
export function statusScaleProblems(scale: StatusScale): ScaleProblem[] {
  const problems: ScaleProblem[] = [];
  const seen = { id: new Map<string, number>(), label: new Map<string, number>(), symbol: new Map<string, number>() };
  scale.forEach((status, i) => {
    for (const field of ["id", "label", "symbol"] as const) {
      const key = status[field].toLowerCase();
      const first = seen[field].get(key);
      if (first === undefined) seen[field].set(key, i);
      else problems.push({ path: ["statuses", i, field], rule: "status/duplicate", message: `status ${i + 1} has the ${field} '${status[field]}', as status ${first + 1} has`, hint: field === "symbol" ? `each status needs a shape of its own, so it can be told apart without its colour` : `each status needs a ${field} of its own` });
    }
    const ratio = contrastRatio(status.colour, PAGE_BACKGROUND);
    if (ratio < CONTRAST.marks) {
      problems.push({ path: ["statuses", i, "colour"], rule: "status/contrast", message: `the colour ${status.colour} of status '${status.id}' has a contrast of ${ratio.toFixed(2)}:1 with the white page; a symbol or chart bar needs at least ${CONTRAST.marks}:1 (WCAG 2.2, 1.4.11)`, hint: "choose a darker shade of the colour" });
    }
  });
  return problems;
}

/**
 * How many rows of a table have a status in a status column. An exempt cell is not counted (in either build,
 * so a count is the same for the public and for members).
 */
export function countByStatus(table: ComputedTable, columnKey: string, status: Status): number {
  return countRows(table, { [columnKey]: status.label }); // a status cell holds its label
}

/**
 * Fill each `count_of` column of a table's data rows: the number of rows of the other table whose status column
 * has the status of this row (read from this table's own status column). A value written in such a cell is a
 * stated count, checked like any stated figure.
 */
export function applyCountColumns(columns: readonly ColumnInput[], rows: ComputedRow[], ctx: TableContext, at: (...path: Array<string | number>) => Position): void {
  const { problems, file } = ctx;
  const scale = ctx.statuses ?? DEFAULT_STATUSES;
  columns.forEach((column, ci) => {
    if (!column.count_of) return;
    const { table: tableId, column: sourceKey } = column.count_of;
    const where = () => at("columns", ci, "count_of");
    if (column.type !== "integer") {
      problems.error(file, at("columns", ci, "type"), "table/not-numeric", `column '${column.key}' counts rows, so it is a whole number, not a ${column.type} column`, "give it type: integer");
      return;
    }
    const source = ctx.tables?.get(tableId);
    if (!source) {
      const known = [...(ctx.tables?.keys() ?? [])];
      problems.error(file, where(), "table/unknown-table", `column '${column.key}' counts the rows of table '${tableId}', which this file does not have (or which counts rows itself)`, `tables: ${known.join(", ") || "(none)"}`);
      return;
    }
    const sourceColumn = source.columns.find((c) => c.key === sourceKey);
    if (!sourceColumn || sourceColumn.type !== "status") {
      const statusColumns = source.columns.filter((c) => c.type === "status").map((c) => c.key);
      problems.error(file, where(), sourceColumn ? "table/not-status" : "table/unknown-column", `column '${column.key}' counts by '${sourceKey}', which ${sourceColumn ? `is a ${sourceColumn.type} column` : "is not a column"} of table '${tableId}'`, `status columns of '${tableId}': ${statusColumns.join(", ") || "(none: give one type: status)"}`);
      return;
    }
    const own = columns.find((c) => c.type === "status");
    if (!own) {
      problems.error(file, where(), "table/not-status", `column '${column.key}' counts rows by status, but this table has no status column saying which status each row counts`, "add a column {key: status, label: Status, type: status} and name a status in each row");
      return;
    }
    const counted = new Set<string>();
    for (const row of rows) {
      if (row.computed || row.heading || row.format) continue;
      const status = statusOfLabel(row.values[own.key], scale);
      if (status) counted.add(status.id);
      row.values[column.key] = status ? countByStatus(source, sourceKey, status) : null;
    }
    // A status the other table uses but this one does not list would drop rows out of the count unseen.
    const left = scale.filter((s) => !counted.has(s.id) && countByStatus(source, sourceKey, s) > 0);
    if (left.length) {
      problems.warn(file, where(), "table/count-missing-status", `column '${column.key}' leaves out ${left.map((s) => `'${s.id}' (${rowsText(countByStatus(source, sourceKey, s))})`).join(", ")} of table '${tableId}'`, "add a row for each status the table uses, so the counts add up to its rows");
    }
  });
}

function rowsText(n: number): string {
  return `${n} ${n === 1 ? "row" : "rows"}`;
}
