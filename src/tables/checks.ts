/**
 * A table's checks, cell by cell: a written value is read against its column's type (a number, a whole
 * number, a real date, a financial year, a quarter), and a stated value in a computed cell is compared with
 * the computed one, a difference an error unless the table's errata list it (then a warning and a note).
 */
import { disagrees } from "../lib/stated.ts";
import { isIsoDate } from "../lib/dates.ts";
import { isFinancialYear, parseDuration, parseQuarter } from "../lib/format.ts";
import { asExemptCell, NUMERIC, type CellValue, type ColumnInput, type TableContext } from "./schema.ts";
import { formatCell, printedDecimals } from "./format.ts";

export function readCell(raw: unknown, column: ColumnInput, at: () => { line: number; column: number }, ctx: TableContext): CellValue {
  if (raw === undefined || raw === null || raw === "") return null;
  if (asExemptCell(raw)) return null; // read separately, with its exemption
  const { problems, file } = ctx;
  if (NUMERIC.has(column.type)) {
    if (typeof raw === "number" && Number.isFinite(raw)) {
      if (column.type === "integer" && !Number.isInteger(raw)) problems.error(file, at(), "value/not-integer", `'${column.label || column.key}' should be a whole number but is ${raw}`);
      return raw;
    }
    const seconds = column.type === "duration" && typeof raw === "string" ? parseDuration(raw) : null;
    if (seconds !== null) return seconds;
    if (column.type === "duration") {
      problems.error(file, at(), "value/not-a-number", `'${column.label || column.key}' should be a duration but is ${JSON.stringify(raw)}`, "write seconds (198) or minutes and seconds (\"3:18\"), or hours, minutes and seconds (\"1:02:05\")");
      return null;
    }
    problems.error(file, at(), "value/not-a-number", `'${column.label || column.key}' should be a number but is ${JSON.stringify(raw)}`, typeof raw === "string" && /[£,()%]/.test(raw) ? "write the plain number: no £, commas, % or brackets (negative numbers take a minus sign)" : undefined);
    return null;
  }
  const text = typeof raw === "string" ? raw : typeof raw === "number" || typeof raw === "boolean" ? String(raw) : null;
  if (text === null) {
    problems.error(file, at(), "schema/type", `'${column.label || column.key}' should be text but is a ${Array.isArray(raw) ? "list" : "mapping"}`);
    return null;
  }
  if (column.type === "date" && !isIsoDate(text)) {
    problems.error(file, at(), "value/date", `${JSON.stringify(text)} is not a real date written YYYY-MM-DD`, "e.g. 2023-02-07");
    return null;
  }
  if (column.type === "fy" && !isFinancialYear(text)) {
    problems.error(file, at(), "value/financial-year", `${JSON.stringify(text)} is not a financial year`, "write it as YYYY/YY with consecutive years, e.g. 2023/24");
    return null;
  }
  if (column.type === "quarter" && !parseQuarter(text)) {
    problems.error(file, at(), "value/quarter", `${JSON.stringify(text)} is not a financial-year quarter`, "write it as Q1–Q4 and a financial year, e.g. Q4 2022/23");
    return null;
  }
  return text;
}

export function checkStated(stated: unknown, computed: CellValue, column: ColumnInput, tolerance: number, at: () => { line: number; column: number }, ctx: TableContext, where: string, erratum?: Erratum): void {
  if (stated === null || stated === undefined) return;
  if (column.type === "duration" && typeof stated === "string" && parseDuration(stated) !== null) stated = parseDuration(stated);
  if (typeof stated !== "number") {
    ctx.problems.error(ctx.file, at(), "value/not-a-number", `${where}: the stated value ${JSON.stringify(stated)} is not a number`);
    return;
  }
  if (typeof computed !== "number") {
    // Blank parts sum to nothing; a stated zero over blanks is fine.
    if (stated !== 0) ctx.problems.error(ctx.file, at(), "total/mismatch", `${where}: states ${stated} but there is nothing to compute it from`);
    return;
  }
  const differs = disagrees(stated, computed, { decimals: printedDecimals(column), tolerance });
  if (differs && erratum) {
    erratum.used = true;
    ctx.problems.warn(ctx.file, at(), "total/erratum", `${where}: the source prints ${formatCell(stated, column)}, its parts give ${formatCell(computed, column)} (listed in errata)`);
    erratum.notes.push(`${erratum.label}: printed in the source as ${formatCell(stated, column)}; computed from its parts as ${formatCell(computed, column)}.${erratum.note ? ` ${erratum.note}` : ""}`);
    return;
  }
  if (differs) {
    ctx.problems.error(ctx.file, at(), "total/mismatch", `${where}: states ${formatCell(stated, column)} but the computed value is ${formatCell(computed, column)}`, "correct the stated figure (or the figures it is computed from); the computed value is what gets published");
  }
}

export interface Erratum {
  label: string;
  note?: string;
  used: boolean;
  notes: string[];
}
