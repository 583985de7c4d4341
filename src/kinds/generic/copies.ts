/**
 * A table declared a copy of another (`copy_of:`): the same figures printed a second time, in another
 * figure of the paper. Every number the copy states is checked against the original's cell of the same
 * row id and column key, so a copy that swapped two years or mistyped a figure is found; text cells
 * (labels, which a second figure may word differently) are not compared.
 */
import { disagrees } from "../../lib/stated.ts";
import { formatCell, isNumeric } from "../../tables/format.ts";
import type { ColumnInput, ComputedTable } from "../../tables/schema.ts";

export interface CopyDifference {
  row: string;
  column: string;
  message: string;
}

/** The decimals a column prints with, so a copy printed to fewer places than its original agrees with it. */
function printedDecimals(column: ColumnInput): number | undefined {
  if (column.decimals !== undefined) return column.decimals;
  return column.type === "integer" || column.type === "money" ? 0 : column.type === "money_m" || column.type === "percent" ? 1 : undefined;
}

/** Where a copy differs from its original, in reading order (row by row, column by column). */
export function copyDifferences(copy: ComputedTable, original: ComputedTable): CopyDifference[] {
  const out: CopyDifference[] = [];
  const columns = copy.columns.filter((c) => isNumeric(c));
  for (const row of copy.rows) {
    // A computed row of the copy follows from its own stated cells (and is checked against them): its
    // difference would repeat one already reported.
    if (row.id === undefined || row.heading || row.computed) continue;
    const source = original.rows.find((r) => r.id === row.id);
    if (!source) {
      out.push({ row: row.id, column: columns[0]?.key ?? "", message: `row '${row.id}' is not a row of '${original.id}'` });
      continue;
    }
    for (const column of columns) {
      const sourceColumn = original.columns.find((c) => c.key === column.key);
      if (!sourceColumn) {
        out.push({ row: row.id, column: column.key, message: `column '${column.key}' is not a column of '${original.id}'` });
        continue;
      }
      const mine = row.values[column.key] ?? null;
      const theirs = source.values[column.key] ?? null;
      const differ = typeof mine === "number" && typeof theirs === "number"
        ? disagrees(mine, theirs, { decimals: printedDecimals(column), tolerance: copy.input.tolerance })
        : mine !== theirs;
      if (differ) {
        const shown = (v: typeof mine) => (v === null ? "empty" : formatCell(v, column));
        out.push({ row: row.id, column: column.key, message: `row '${row.id}', column '${column.label}' is ${shown(mine)} where '${original.id}' has ${shown(theirs)}` });
      }
    }
  }
  return out;
}
