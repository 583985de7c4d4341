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
import { allowedStatuses, findStatus } from "./status.ts";
import { DEFAULT_STATUSES } from "../model/committee.ts";

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
  if (column.type === "status") {
    // The cell keeps the status's label: what prints, what the CSV gives and what a value quoting it says.
    const scale = ctx.statuses ?? DEFAULT_STATUSES;
    const status = findStatus(text, scale);
    if (status) return status.label;
    problems.error(file, at(), "value/status", `'${column.label || column.key}' names the status ${JSON.stringify(text)}, which is not on the committee's status scale`, `write the id of one of: ${allowedStatuses(scale)}`);
    return null;
  }
  return text;
}

export function checkStated(stated: unknown, computed: CellValue, column: ColumnInput, tolerance: number, at: () => { line: number; column: number }, ctx: TableContext, where: string, erratum?: Erratum, consequences?: { message: string; note: string }): void {
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
    ctx.problems.warn(ctx.file, at(), "total/erratum", `${where}: the source prints ${formatCell(stated, column)}, its parts give ${formatCell(computed, column)} (listed in errata)${consequences?.message ?? ""}`);
    erratum.notes.push(`${erratum.label}: printed in the source as ${formatCell(stated, column)}; computed from its parts as ${formatCell(computed, column)}.${erratum.note ? ` ${erratum.note}` : ""}${consequences?.note ?? ""}`);
    return;
  }
  if (differs) {
    ctx.problems.error(ctx.file, at(), "total/mismatch", `${where}: states ${formatCell(stated, column)} but the computed value is ${formatCell(computed, column)}${consequences?.message ?? ""}`, "correct the stated figure (or the figures it is computed from); the computed value is what gets published");
  }
}

export interface Erratum {
  label: string;
  note?: string;
  used: boolean;
  notes: string[];
  /** Set when the listed cell turned out to be a consequence of a misprint elsewhere: where that misprint is. */
  consequenceOf?: string;
}

/** A cell of a table: its row index and column key. */
interface CellPlace {
  ri: number;
  key: string;
}

/** One cell a computed cell adds up, with its sign. */
export interface StatedPart extends CellPlace {
  sign: number;
}

/** A figure written in a computed cell, with what it is computed from. */
export interface StatedCell extends CellPlace {
  stated: unknown;
  computed: CellValue;
  column: ColumnInput;
  at: () => { line: number; column: number };
  /** "row 5 ('after'), column '2023/24'", for messages. */
  where: string;
  /** "Net Budget Requirement, 2023/24", for published notes. */
  label: string;
  erratum?: Erratum;
  /** The ways it adds up (a computed row's formula, and its column's): each a list of parts. */
  parts: StatedPart[][];
}

/**
 * Every stated figure of a table, checked together. A figure that disagrees with its computed value but
 * agrees with the sum of its parts *as printed* is a consequence of a misprint elsewhere (the printed
 * totals below a misprinted cell are consistent with it): it is not reported on its own, but named in the
 * one finding at the misprint, the cell whose printed parts do not give it.
 */
export function checkStatedCells(cells: StatedCell[], printedValue: (part: StatedPart) => number | null, tolerance: number, ctx: TableContext): void {
  const id = (c: CellPlace) => `${c.ri}\u0000${c.key}`;
  const differing: StatedCell[] = [];
  for (const cell of cells) {
    if (typeof cell.stated === "number" && typeof cell.computed === "number" && disagrees(cell.stated, cell.computed, { decimals: printedDecimals(cell.column), tolerance })) differing.push(cell);
    else checkStated(cell.stated, cell.computed, cell.column, tolerance, cell.at, ctx, cell.where, cell.erratum);
  }
  const fromPrinted = (parts: StatedPart[]): number | undefined => {
    const values = parts.map((part) => printedValue(part));
    return values.every((v) => v === null) ? undefined : values.reduce<number>((sum, v, i) => sum + parts[i]!.sign * (v ?? 0), 0);
  };
  const isConsequence = (cell: StatedCell) => cell.parts.some((parts) => {
    const printed = fromPrinted(parts);
    return printed !== undefined && !disagrees(cell.stated as number, printed, { decimals: printedDecimals(cell.column), tolerance });
  });
  const consequences = new Map(differing.filter(isConsequence).map((c) => [id(c), c]));
  const roots = new Map(differing.filter((c) => !consequences.has(id(c))).map((c) => [id(c), c]));
  const rootsOf = (cell: StatedCell, seen = new Set<string>()): StatedCell[] => {
    seen.add(id(cell));
    return cell.parts.flat().flatMap((part) => {
      if (seen.has(id(part))) return [];
      if (roots.has(id(part))) return [roots.get(id(part))!];
      const upstream = consequences.get(id(part));
      return upstream ? rootsOf(upstream, seen) : [];
    });
  };
  const following = new Map<string, StatedCell[]>();
  for (const cell of consequences.values()) {
    // Through its parts; else (a printed total consistent by another formula) a misprint in its row, then in its column.
    const found = rootsOf(cell);
    const root = found[0] ?? [...roots.values()].find((r) => r.ri === cell.ri) ?? [...roots.values()].find((r) => r.key === cell.key);
    if (!root) {
      checkStated(cell.stated, cell.computed, cell.column, tolerance, cell.at, ctx, cell.where, cell.erratum);
      continue;
    }
    following.set(id(root), [...(following.get(id(root)) ?? []), cell]);
    if (cell.erratum) cell.erratum.consequenceOf = root.where;
  }
  for (const root of roots.values()) {
    const after = (following.get(id(root)) ?? []).sort((a, b) => a.ri - b.ri);
    checkStated(root.stated, root.computed, root.column, tolerance, root.at, ctx, root.where, root.erratum, after.length ? {
      message: `; ${after.length === 1 ? "1 printed figure computed from it differs" : `${after.length} printed figures computed from it differ`} as a consequence (${after.map((c) => `${c.where.replace(/^row \d+ \('([^']+)'\)/, "'$1'")}: prints ${formatCell(c.stated as number, c.column)}, computed ${formatCell(c.computed, c.column)}`).join("; ")})`,
      note: ` Figures computed from it are corrected too: ${after.map((c) => `${c.label} (printed as ${formatCell(c.stated as number, c.column)}; computed as ${formatCell(c.computed, c.column)})`).join("; ")}.`,
    } : undefined);
  }
}
