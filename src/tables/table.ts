/**
 * Tables from YAML with typed columns. Computed cells (sum_of / difference_of / ratio_of columns,
 * sum_of / difference_of rows, the total row) are always computed here; a value an author writes in a
 * computed cell is a *stated* value, checked against the computed one and reported where they differ.
 */
import { disagrees } from "../lib/stated.ts";
import type { ExemptText } from "../exempt/leak-check.ts";
import { z } from "zod";
import { strict } from "../content/validate.ts";
import type { Problems } from "../content/problems.ts";
import type { Located } from "../content/yaml.ts";
import { isIsoDate } from "../lib/dates.ts";
import {
  formatDate, formatInteger, formatMoney, formatMoneyMillions, formatMoneyMillionsCell, formatNumber, formatPercent,
  isFinancialYear, parseQuarter, percentOf, roundHalfUp,
} from "../lib/format.ts";

export const COLUMN_TYPES = ["text", "markdown", "integer", "number", "money", "money_m", "percent", "date", "fy", "quarter"] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];
const NUMERIC: ReadonlySet<ColumnType> = new Set(["integer", "number", "money", "money_m", "percent"]);

/** A column's keys in the order they read best (panelpress fmt writes them so): what it is, how it prints, where it sits, how it is computed. */
export const columnSchema = strict({
  key: z.string().regex(/^[A-Za-z0-9_-]+$/, "column keys use letters, digits, _ and -"),
  label: z.string(),
  type: z.enum(COLUMN_TYPES).default("text"),
  decimals: z.number().int().min(0).max(4).optional(),
  weekday: z.boolean().default(false),
  unit: z.string().optional(),
  group: z.string().optional(),
  row_header: z.boolean().default(false),
  sum_of: z.array(z.string()).min(1).optional(),
  difference_of: z.tuple([z.string(), z.string()]).optional(),
  ratio_of: z.tuple([z.string(), z.string()]).optional(),
});

export const errataSchema = strict({ row: z.string(), column: z.string(), note: z.string().optional() });

export const tableSchema = strict({
  caption: z.string(),
  note: z.string().optional(),
  tolerance: z.number().min(0).default(0),
  wide: z.boolean().default(false),
  groups: z.record(z.string(), z.string()).default({}),
  columns: z.array(columnSchema).min(1),
  rows: z.array(z.record(z.string(), z.unknown())).min(1),
  /** A computed row summing every data row; other keys are stated values per column, checked. */
  /**
   * Cells where the printed source states a figure that its own parts do not add up to. Listed here,
   * the difference is a warning and is published as a note under the table, instead of stopping the build.
   */
  errata: z.array(errataSchema).default([]),
  total_row: z.object({ label: z.string().default("Total") }).catchall(z.union([z.number(), z.null()])).optional(),
});

export type TableInput = z.infer<typeof tableSchema>;
export type ColumnInput = z.infer<typeof columnSchema>;
export type CellValue = number | string | null;

/** Keys of a row that are not column values (besides its id), in the order they read best (panelpress fmt writes them so). */
export const ROW_META_KEYS = ["heading", "emphasis", "type", "decimals", "sum_of", "difference_of", "negate", "not_computed"] as const;
const ROW_KEYS: ReadonlySet<string> = new Set(["id", ...ROW_META_KEYS]);

export interface ComputedRow {
  id?: string;
  values: Record<string, CellValue>;
  /** Columns whose cell is exempt, with its Schedule 12A paragraphs. */
  exempt: Record<string, number[]>;
  computed: boolean;
  emphasis: boolean;
  total: boolean;
  /** A label-only row that groups the rows below it. */
  heading: boolean;
  /** Formats this row's cells instead of their columns' types (e.g. a row of percentages in a £m table). */
  format?: { type: ColumnType; decimals?: number };
}

export interface ComputedTable {
  id: string;
  input: TableInput;
  columns: ColumnInput[];
  rows: ComputedRow[];
  /** Published notes for acknowledged differences between printed and computed figures. */
  errata: string[];
}

export interface TableContext {
  file: string;
  located: Located;
  /** Path of this table inside the data file, e.g. ["tables", "mtfs"]. */
  path: Array<string | number>;
  problems: Problems;
  /** A restricted build shows exempt cells; a public one shows their public text. */
  restricted?: boolean;
  /** Exempt values are recorded here, so the public output can be searched for them. */
  exemptText?: ExemptText;
}

/**
 * An exempt cell: `{exempt: [3], value: "£86,000 over 2 years", public: "£*"}`. The value is published only
 * in a restricted build; the public build prints `public` and the table notes the exemption.
 */
interface ExemptCell {
  exempt: number[];
  value: unknown;
  public?: string;
}

function asExemptCell(raw: unknown): ExemptCell | undefined {
  if (!raw || typeof raw !== "object" || Array.isArray(raw) || !("exempt" in raw)) return undefined;
  return raw as ExemptCell;
}

/** Validate cell values against column types and compute every computed cell. */
export function computeTable(id: string, input: TableInput, ctx: TableContext): ComputedTable {
  const { problems, file, located } = ctx;
  const columns = input.columns;
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const at = (...rest: Array<string | number>) => located.at([...ctx.path, ...rest]);
  const keyAt = (...rest: Array<string | number>) => located.keyAt([...ctx.path, ...rest]);

  // Column definitions refer to columns that exist, and numeric ones.
  columns.forEach((column, ci) => {
    if (columns.findIndex((c) => c.key === column.key) !== ci) {
      problems.error(file, at("columns", ci, "key"), "table/duplicate-column", `column '${column.key}' is defined twice`);
    }
    for (const ref of [...(column.sum_of ?? []), ...(column.difference_of ?? []), ...(column.ratio_of ?? [])]) {
      const target = byKey.get(ref);
      if (!target) {
        problems.error(file, at("columns", ci), "table/unknown-column", `column '${column.key}' refers to column '${ref}', which the table does not have`, `columns: ${[...byKey.keys()].join(", ")}`);
      } else if (!NUMERIC.has(target.type)) {
        problems.error(file, at("columns", ci), "table/not-numeric", `column '${column.key}' computes from '${ref}', which is a ${target.type} column`);
      }
    }
    if (column.group && !(column.group in input.groups)) {
      problems.error(file, at("columns", ci, "group"), "table/unknown-group", `group '${column.group}' is not defined in this table's groups`);
    }
  });
  const isComputedColumn = (c: ColumnInput) => Boolean(c.sum_of || c.difference_of || c.ratio_of);

  // Rows: data rows first, computed rows evaluated after all data rows are known.
  const rowIds = new Map<string, number>();
  input.rows.forEach((row, ri) => {
    for (const key of Object.keys(row)) {
      if (!ROW_KEYS.has(key) && !byKey.has(key)) {
        problems.error(file, keyAt("rows", ri, key), "table/unknown-column", `row ${ri + 1} has a value for '${key}', which is not a column of this table`, `columns: ${[...byKey.keys()].join(", ")}`);
      }
    }
    if (typeof row.id === "string") {
      if (rowIds.has(row.id)) problems.error(file, at("rows", ri, "id"), "table/duplicate-row", `row id '${row.id}' is used twice`);
      rowIds.set(row.id, ri);
    }
  });

  const dataCells = (row: Record<string, unknown>) => new Set(Array.isArray(row.not_computed) ? row.not_computed.map(String) : []);
  const rowFormat = (row: Record<string, unknown>, ri: number): ComputedRow["format"] => {
    if (row.type === undefined) return undefined;
    if (!(COLUMN_TYPES as readonly unknown[]).includes(row.type)) {
      problems.error(file, at("rows", ri, "type"), "schema/not-allowed", `row ${ri + 1} has type ${JSON.stringify(row.type)}, which is not a column type`, `use one of: ${COLUMN_TYPES.join(", ")}`);
      return undefined;
    }
    return { type: row.type as ColumnType, decimals: typeof row.decimals === "number" ? row.decimals : undefined };
  };
  const rows: ComputedRow[] = input.rows.map((row, ri) => {
    const values: Record<string, CellValue> = {};
    const rowComputed = Array.isArray(row.sum_of) || Array.isArray(row.difference_of);
    const format = rowFormat(row, ri);
    for (const column of columns) {
      const raw = row[column.key];
      const isData = dataCells(row).has(column.key);
      if (!isData && (isComputedColumn(column) || (rowComputed && NUMERIC.has(column.type)))) continue; // computed below; raw is a stated value
      values[column.key] = readCell(raw, format && !column.row_header ? { ...column, ...format } : column, () => at("rows", ri, column.key), ctx);
    }
    const exempt: Record<string, number[]> = {};
    for (const column of columns) {
      const cell = asExemptCell(row[column.key]);
      if (!cell) continue;
      const where = () => at("rows", ri, column.key);
      if (NUMERIC.has(column.type)) {
        // A hidden number would still be revealed by the totals it feeds.
        problems.error(file, where(), "exempt/numeric", `an exempt value in the numeric column '${column.label || column.key}'`, "exempt values are allowed in text columns only; write the amount as text");
        continue;
      }
      if (!Array.isArray(cell.exempt) || cell.exempt.length === 0 || !cell.exempt.every((p) => Number.isInteger(p) && p >= 1 && p <= 7)) {
        problems.error(file, where(), "exempt/paragraph", "an exempt value needs the Schedule 12A paragraph(s) that apply, from 1 to 7", "e.g. {exempt: [3], value: \"£86,000\", public: \"£*\"}");
        continue;
      }
      const real = readCell(cell.value, column, where, ctx);
      if (real !== null) ctx.exemptText?.addValue(String(real), file);
      exempt[column.key] = cell.exempt;
      values[column.key] = ctx.restricted ? real : (cell.public ?? "*");
    }
    return { id: typeof row.id === "string" ? row.id : undefined, values, exempt, computed: rowComputed, emphasis: row.emphasis === true || rowComputed, total: false, heading: row.heading === true, format };
  });

  const summable = columns.filter((c) => NUMERIC.has(c.type) && !c.ratio_of);
  const numberIn = (row: ComputedRow, key: string) => (typeof row.values[key] === "number" ? (row.values[key] as number) : null);
  /** Apply the computed columns to one row (sum_of / difference_of first, then ratios, which may use them). */
  const applyColumns = (row: ComputedRow, own: Set<string>, which: "sums" | "ratios") => {
    for (const column of columns) {
      if (own.has(column.key)) continue;
      if (which === "sums" && column.sum_of) {
        const parts = column.sum_of.map((k) => numberIn(row, k));
        row.values[column.key] = parts.every((p) => p === null) ? null : parts.reduce<number>((a, b) => a + (b ?? 0), 0);
      } else if (which === "sums" && column.difference_of) {
        const [a, b] = column.difference_of.map((k) => numberIn(row, k));
        row.values[column.key] = a == null || b == null ? null : a - b;
      } else if (which === "ratios" && column.ratio_of) {
        const [n, d] = column.ratio_of.map((k) => numberIn(row, k));
        row.values[column.key] = n == null || d == null ? null : percentOf(n, d, column.decimals ?? 1);
      }
    }
  };

  // 1. Computed columns of data rows.
  rows.forEach((row, ri) => {
    if (!row.computed && !row.format) applyColumns(row, dataCells(input.rows[ri]!), "sums");
  });

  // 2. Computed rows: sums/differences of rows above them, in every summable column (computed columns
  //    included: where a computed row meets a computed column, the row's formula decides).
  input.rows.forEach((row, ri) => {
    const refs = (Array.isArray(row.sum_of) ? row.sum_of : Array.isArray(row.difference_of) ? row.difference_of : null) as unknown[] | null;
    if (!refs) return;
    const field = Array.isArray(row.sum_of) ? "sum_of" : "difference_of";
    const sign = field === "difference_of" ? [1, -1] : null;
    const negate = row.negate === true ? -1 : 1;
    const targets = refs.map((ref) => {
      const index = typeof ref === "string" ? rowIds.get(ref) : undefined;
      if (index === undefined) {
        problems.error(file, at("rows", ri, field), "table/unknown-row", `row ${ri + 1} refers to row '${String(ref)}', which no row has as its id`, `row ids: ${[...rowIds.keys()].join(", ") || "(none: give rows an id)"}`);
        return undefined;
      }
      if (index >= ri) {
        problems.error(file, at("rows", ri, field), "table/row-order", `row ${ri + 1} uses row '${String(ref)}', which comes after it`, "a computed row may only use rows above it");
        return undefined;
      }
      return index;
    });
    const own = dataCells(row);
    for (const column of summable) {
      if (own.has(column.key)) continue;
      let total: number | null = null;
      targets.forEach((index, k) => {
        if (index === undefined) return;
        const v = numberIn(rows[index]!, column.key);
        if (v !== null) total = (total ?? 0) + (sign ? sign[k]! : 1) * v;
      });
      rows[ri]!.values[column.key] = total === null ? null : negate * total;
    }
  });

  // 3. The total row: every data row, every summable column.
  if (input.total_row) {
    const totalValues: Record<string, CellValue> = {};
    const firstHeader = columns.find((c) => c.row_header) ?? columns[0]!;
    totalValues[firstHeader.key] = input.total_row.label;
    for (const column of summable) {
      let sum: number | null = null;
      rows.forEach((row) => {
        const v = numberIn(row, column.key);
        if (!row.computed && !row.format && v !== null) sum = (sum ?? 0) + v;
      });
      totalValues[column.key] = sum;
    }
    rows.push({ values: totalValues, exempt: {}, computed: true, emphasis: true, total: true, heading: false });
  }

  // 4. Ratios last, for every row: a percentage of totals is computed from the totals, never summed.
  rows.forEach((row, ri) => applyColumns(row, ri < input.rows.length ? dataCells(input.rows[ri]!) : new Set(), "ratios"));

  const errata = new Map<string, Erratum>();
  const erratumNotes: string[] = [];
  input.errata.forEach((e, ei) => {
    const ri = rowIds.get(e.row);
    const column = byKey.get(e.column);
    if (ri === undefined || !column) {
      problems.error(file, at("errata", ei), "table/unknown-row", `erratum for row '${e.row}', column '${e.column}': no such ${ri === undefined ? "row" : "column"}`);
      return;
    }
    const rowLabel = columns.filter((c) => c.row_header).map((c) => input.rows[ri]![c.key]).find((v) => typeof v === "string") ?? e.row;
    errata.set(`${e.row}\u0000${e.column}`, { label: `${String(rowLabel)}, ${column.label || column.key}`, note: e.note, used: false, notes: erratumNotes });
  });
  const erratumFor = (rowId: string | undefined, key: string) => (rowId ? errata.get(`${rowId}\u0000${key}`) : undefined);

  // Stated values in computed cells must agree with what we computed.
  input.rows.forEach((row, ri) => {
    const computedRow = rows[ri]!;
    for (const column of columns) {
      const isComputedCell = !dataCells(row).has(column.key) && (isComputedColumn(column) || (computedRow.computed && NUMERIC.has(column.type)));
      if (!isComputedCell || !(column.key in row)) continue;
      checkStated(row[column.key], computedRow.values[column.key] ?? null, column, input.tolerance, () => at("rows", ri, column.key), ctx, `row ${ri + 1}${computedRow.id ? ` ('${computedRow.id}')` : ""}, column '${column.label || column.key}'`, erratumFor(computedRow.id, column.key));
    }
  });
  if (input.total_row) {
    const totals = rows[rows.length - 1]!;
    for (const [key, stated] of Object.entries(input.total_row)) {
      if (key === "label") continue;
      const column = byKey.get(key);
      if (!column) {
        problems.error(file, keyAt("total_row", key), "table/unknown-column", `the total row states a value for '${key}', which is not a column of this table`);
        continue;
      }
      checkStated(stated, totals.values[key] ?? null, column, input.tolerance, () => at("total_row", key), ctx, `total row, column '${column.label || column.key}'`);
    }
  }
  input.errata.forEach((e, ei) => {
    const erratum = erratumFor(e.row, e.column);
    if (erratum && !erratum.used) {
      problems.warn(file, at("errata", ei), "total/erratum-unused", `erratum for row '${e.row}', column '${e.column}' is not needed: the figures agree`, "remove it from errata");
    }
  });
  // The public model keeps no exempt value, not even in the table's input.
  return { id, input: ctx.restricted ? input : withoutExemptValues(input), columns, rows, errata: erratumNotes };
}

function withoutExemptValues(input: TableInput): TableInput {
  const redact = (row: TableInput["rows"][number]) =>
    Object.fromEntries(Object.entries(row).map(([key, raw]) => {
      const cell = asExemptCell(raw);
      return [key, cell ? { exempt: cell.exempt, public: cell.public } : raw];
    })) as TableInput["rows"][number];
  return { ...input, rows: input.rows.map(redact) };
}

function readCell(raw: unknown, column: ColumnInput, at: () => { line: number; column: number }, ctx: TableContext): CellValue {
  if (raw === undefined || raw === null || raw === "") return null;
  if (asExemptCell(raw)) return null; // read separately, with its exemption
  const { problems, file } = ctx;
  if (NUMERIC.has(column.type)) {
    if (typeof raw === "number" && Number.isFinite(raw)) {
      if (column.type === "integer" && !Number.isInteger(raw)) problems.error(file, at(), "value/not-integer", `'${column.label || column.key}' should be a whole number but is ${raw}`);
      return raw;
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

function checkStated(stated: unknown, computed: CellValue, column: ColumnInput, tolerance: number, at: () => { line: number; column: number }, ctx: TableContext, where: string, erratum?: Erratum): void {
  if (stated === null || stated === undefined) return;
  if (typeof stated !== "number") {
    ctx.problems.error(ctx.file, at(), "value/not-a-number", `${where}: the stated value ${JSON.stringify(stated)} is not a number`);
    return;
  }
  if (typeof computed !== "number") {
    // Blank parts sum to nothing; a stated zero over blanks is fine.
    if (stated !== 0) ctx.problems.error(ctx.file, at(), "total/mismatch", `${where}: states ${stated} but there is nothing to compute it from`);
    return;
  }
  const decimals = column.type === "money_m" ? (column.decimals ?? 1) : (column.decimals ?? (column.type === "percent" ? 1 : 0));
  const differs = disagrees(stated, computed, { decimals, tolerance });
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

interface Erratum {
  label: string;
  note?: string;
  used: boolean;
  notes: string[];
}

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
    default: return String(value);
  }
}

/** Format a value for prose: like a cell, but £m as "£5.2m" rather than the table's "(5.2)". */
export function formatProse(value: CellValue, type: ColumnType, decimals?: number): string {
  if (typeof value === "number" && type === "money_m") return formatMoneyMillions(value, decimals ?? 1);
  return formatCell(value, { type, decimals, weekday: type === "date" });
}

export function isNumeric(column: Pick<ColumnInput, "type">): boolean {
  return NUMERIC.has(column.type);
}
