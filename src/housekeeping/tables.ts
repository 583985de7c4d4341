/**
 * A table's housekeeping, after it is computed: a column group whose label names a period its columns do
 * not span (table/period-label), and a date in a `past: true` column (the date something was decided,
 * approved or closed) later than the paper's own date (date/after-paper, once per column, at its first late
 * cell, counting and listing the others). Both are warnings: the first may
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
  const paperDate = ctx.paperDate;
  if (!paperDate) return;
  for (const column of columns) {
    if (!column.past || column.type !== "date") continue;
    const late = input.rows.flatMap((_, ri) => {
      const value = table.rows[ri]?.values[column.key];
      return typeof value === "string" && value > paperDate ? [{ ri, value }] : [];
    });
    const [first] = late;
    if (!first) continue;
    // One finding per column, at its first late cell: a paper dated too early makes every later date late,
    // and one cause is one finding (the dates are listed so each can still be checked).
    const label = column.label || column.key;
    const dates = late.map((l) => formatDate(l.value)).join(", ");
    const message = late.length === 1
      ? `'${label}' is ${formatDate(first.value)}, after the paper's own date (${formatDate(paperDate)}): a paper cannot report what had not happened when it was written`
      : `${late.length} cells of '${label}' are after the paper's own date (${formatDate(paperDate)}): ${dates}; a paper cannot report what had not happened when it was written`;
    ctx.problems.warn(ctx.file, ctx.located.at([...ctx.path, "rows", first.ri, column.key]), "date/after-paper", message, "correct the dates, or the paper's date: in its front matter (date:), else the meeting's");
  }
}
