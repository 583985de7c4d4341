/**
 * A table's housekeeping, after it is computed: a column group whose label names a period its columns do
 * not span (table/period-label), and a date in a `past: true` column (the date something was decided,
 * approved or closed) later than the paper's own date (date/after-paper). Both are warnings: the first may
 * be a misprint being reproduced, the second a paper dated before a late addition; either way a person looks.
 */
import { formatDate } from "../lib/format.ts";
import type { ComputedTable, TableContext } from "../tables/schema.ts";
import { misnamedPeriod } from "./periods.ts";

export function tableHousekeeping(table: ComputedTable, ctx: TableContext): void {
  const { input, columns } = table;
  for (const [group, label] of Object.entries(input.groups)) {
    const misnamed = misnamedPeriod(label, columns.filter((c) => c.group === group));
    if (misnamed) ctx.problems.warn(ctx.file, ctx.located.at([...ctx.path, "groups", group]), "table/period-label", `the header '${label}' names ${misnamed.named}, but the columns under it are ${misnamed.spanned}`, `correct the label (or the columns): it should read ${misnamed.spanned}`);
  }
  if (!ctx.paperDate) return;
  for (const column of columns) {
    if (!column.past || column.type !== "date") continue;
    input.rows.forEach((row, ri) => {
      const value = table.rows[ri]?.values[column.key];
      if (typeof value === "string" && value > ctx.paperDate!) {
        ctx.problems.warn(ctx.file, ctx.located.at([...ctx.path, "rows", ri, column.key]), "date/after-paper", `'${column.label || column.key}' is ${formatDate(value)}, after the paper's own date (${formatDate(ctx.paperDate!)}): a paper cannot report what had not happened when it was written`, "correct the date, or the paper's date: in its front matter (date:), else the meeting's");
      }
    });
  }
}
