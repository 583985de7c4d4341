/** Counts of a computed table's listed rows: what a value's `count:` and a `count_of` column quote. */
import type { ComputedTable } from "./schema.ts";

/**
 * How many data rows a table lists (not headings, computed rows or the total row), optionally only those
 * whose cells equal the given values: the count of listed items a sentence quotes, never typed.
 */
export function countRows(table: ComputedTable, where: Record<string, string | number | boolean> = {}): number {
  // A row whose compared cell is exempt is not counted, in either build: the public and members' counts agree.
  const matches = (row: ComputedTable["rows"][number]) => Object.entries(where).every(([key, wanted]) => !(key in row.exempt) && String(row.values[key] ?? "") === String(wanted));
  return table.rows.filter((row) => !row.computed && !row.heading && !row.format && !row.total && matches(row)).length;
}
