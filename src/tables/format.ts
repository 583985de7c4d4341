/** Printing a table's values: a cell by its column's type, a value in prose, and which columns are numbers. */
import { formatDate, formatDuration, formatInteger, formatMoney, formatMoneyMillions, formatMoneyMillionsCell, formatNumber, formatPercent } from "../lib/format.ts";
import { NUMERIC, type CellValue, type ColumnInput, type ColumnType } from "./schema.ts";

/** Format one cell for display, by column type. */
export function formatCell(value: CellValue, column: Pick<ColumnInput, "type" | "decimals" | "weekday">): string {
  if (value === null) return "";
  if (typeof value === "string") {
    if (column.type === "date") return formatDate(value, { weekday: column.weekday });
    return value;
  }
  switch (column.type) {
    case "integer": return formatInteger(value);
    case "number": return formatNumber(value, column.decimals ?? 0);
    case "money": return formatMoney(value, column.decimals ?? 0);
    case "money_m": return formatMoneyMillionsCell(value, column.decimals ?? 1);
    case "percent": return formatPercent(value, column.decimals ?? 1);
    case "duration": return formatDuration(value);
    default: return String(value);
  }
}

/** Format a value for prose: like a cell, but £m as "£5.2m" rather than the table's "(5.2)". */
export function formatProse(value: CellValue, type: ColumnType, decimals?: number): string {
  if (typeof value === "number" && type === "money_m") return formatMoneyMillions(value, decimals ?? 1);
  return formatCell(value, { type, decimals, weekday: type === "date" });
}

/** The decimals a column's numbers print with: what a computed figure is rounded to and a stated one compared at. */
export function printedDecimals(column: Pick<ColumnInput, "type" | "decimals">): number {
  if (column.type === "duration") return 0;
  return column.decimals ?? (column.type === "money_m" || column.type === "percent" ? 1 : 0);
}

export function isNumeric(column: Pick<ColumnInput, "type">): boolean {
  return NUMERIC.has(column.type);
}
