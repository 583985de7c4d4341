/**
 * Computing a table. Computed cells (sum_of / difference_of / ratio_of / days_between / change columns, sum_of / difference_of rows,
 * the total row) are always computed here; a value an author writes in a computed cell is a *stated* value,
 * checked against the computed one (checks.ts) and reported where they differ.
 */
import { parseDuration, percentOf, ratioOf } from "../lib/format.ts";
import { daysBetween } from "../lib/dates.ts";
import { asExemptCell, COLUMN_TYPES, NUMERIC, ROW_KEYS, type CellValue, type ColumnInput, type ColumnType, type ComputedRow, type ComputedTable, type TableContext, type TableInput } from "./schema.ts";
import { checkStatedCells, readCell, type Erratum, type StatedCell, type StatedPart } from "./checks.ts";
import { printedDecimals } from "./format.ts";
import { tableHousekeeping } from "../housekeeping/tables.ts";
import { applyCountColumns } from "./status.ts";
import { DEFAULT_STATUSES } from "../model/committee.ts";

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
    for (const ref of [...(column.sum_of ?? []), ...(column.difference_of ?? []), ...(column.ratio_of ?? []), ...changeSource(column)]) {
      const target = byKey.get(ref);
      if (!target) {
        problems.error(file, at("columns", ci), "table/unknown-column", `column '${column.key}' refers to column '${ref}', which the table does not have`, `columns: ${[...byKey.keys()].join(", ")}`);
      } else if (!NUMERIC.has(target.type)) {
        problems.error(file, at("columns", ci), "table/not-numeric", `column '${column.key}' computes from '${ref}', which is a ${target.type} column`);
      }
    }
    checkDaysBetween(column, ci, byKey, ctx);
    if (column.per !== undefined && !column.ratio_of) {
      problems.error(file, at("columns", ci, "per"), "schema/invalid", `column '${column.key}' has 'per' but no ratio_of: 'per' is the scale of a ratio`, "add ratio_of: [numerator, denominator], or remove per");
    }
    if (column.group && !(column.group in input.groups)) {
      problems.error(file, at("columns", ci, "group"), "table/unknown-group", `group '${column.group}' is not defined in this table's groups`);
    }
  });
  const isComputedColumn = (c: ColumnInput) => Boolean(c.sum_of || c.difference_of || c.ratio_of || c.running_total_of || c.share_of || c.days_between || c.count_of || changeSource(c).length);

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
    return { id: typeof row.id === "string" ? row.id : undefined, values, exempt, computed: rowComputed, emphasis: row.emphasis === true || rowComputed, total: row.is_total === true, heading: row.heading === true, format };
  });

  // What total rows add up: counts and money, unless a column says otherwise; never a ratio or a share.
  const summable = columns.filter((c) => NUMERIC.has(c.type) && !c.ratio_of && !c.share_of && !changeSource(c).length && (c.total ?? (c.type !== "percent" && c.type !== "duration" && !c.days_between)));
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
      } else if (which === "sums" && column.days_between) {
        const [from, to] = column.days_between.map((k) => row.values[k]);
        row.values[column.key] = typeof from === "string" && typeof to === "string" ? daysBetween(from, to) : null;
      } else if (which === "ratios" && column.ratio_of) {
        const [n, d] = column.ratio_of.map((k) => numberIn(row, k));
        row.values[column.key] = n == null || d == null ? null : ratioOf(n, d, ratioScale(column), printedDecimals(column));
      }
    }
  };

  // 0. Counts of another table's rows by status, before anything sums them.
  applyCountColumns(columns, rows, ctx, at);

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
    rows.push({ id: input.total_row.id, values: totalValues, exempt: {}, computed: true, emphasis: true, total: true, heading: false });
  }

  // 3b. Running totals and shares, over the data rows in order (computed rows carry the column's total where they total it).
  for (const column of columns) {
    const source = column.running_total_of ?? column.share_of;
    if (!source) continue;
    if (!byKey.has(source)) {
      problems.error(file, at("columns", columns.indexOf(column), column.running_total_of ? "running_total_of" : "share_of"), "table/unknown-column", `column '${column.key}' is computed from '${source}', which is not a column of this table`);
      continue;
    }
    const dataRows = rows.filter((row) => !row.computed && !row.heading && !row.format);
    const whole = dataRows.reduce((sum, row) => sum + (numberIn(row, source) ?? 0), 0);
    let running = 0;
    for (const row of rows) {
      const v = numberIn(row, source);
      if (row.heading || row.format) continue;
      if (column.running_total_of) {
        if (row.computed) continue;
        if (v !== null) running += v;
        row.values[column.key] = v === null ? null : running;
      } else {
        row.values[column.key] = v === null || whole === 0 ? null : percentOf(v, whole, column.decimals ?? 1);
      }
    }
  }

  // 4. Ratios last, for every row: a percentage of totals is computed from the totals, never summed.
  rows.forEach((row, ri) => applyColumns(row, ri < input.rows.length ? dataCells(input.rows[ri]!) : new Set(), "ratios"));

  // 5. Changes from the previous data row (year on year), after the ratios they may be taken of.
  for (const column of columns) {
    const source = changeSource(column)[0];
    if (!source || !byKey.has(source)) continue;
    let previous: number | null = null;
    rows.forEach((row, ri) => {
      if (row.computed || row.heading || row.format) return;
      const v = numberIn(row, source);
      if (!dataCells(input.rows[ri]!).has(column.key)) row.values[column.key] = v === null || previous === null ? null : column.change_of ? v - previous : percentOf(v - previous, Math.abs(previous), printedDecimals(column));
      previous = v;
    });
  }

  const rowLabelOf = (ri: number, fallback = `row ${ri + 1}`) => String(columns.filter((c) => c.row_header).map((c) => input.rows[ri]![c.key]).find((v) => typeof v === "string") ?? fallback);
  const errata = new Map<string, Erratum>();
  const erratumNotes: string[] = [];
  input.errata.forEach((e, ei) => {
    const ri = rowIds.get(e.row);
    const column = byKey.get(e.column);
    if (ri === undefined || !column) {
      problems.error(file, at("errata", ei), "table/unknown-row", `erratum for row '${e.row}', column '${e.column}': no such ${ri === undefined ? "row" : "column"}`);
      return;
    }
    errata.set(`${e.row}\u0000${e.column}`, { label: `${rowLabelOf(ri, e.row)}, ${column.label || column.key}`, note: e.note, used: false, notes: erratumNotes });
  });
  const erratumFor = (rowId: string | undefined, key: string) => (rowId ? errata.get(`${rowId}\u0000${key}`) : undefined);

  // Stated values in computed cells must agree with what we computed. Each is also computed from the
  // *printed* figures of its parts, so a misprint is pinned to the one cell whose printed parts do not give
  // it, and the printed totals that follow from it are reported as its consequences (checks.ts).
  const totalIndex = input.total_row ? rows.length - 1 : -1;
  const statedNumber = (ri: number, key: string): number | undefined => {
    const raw = ri === totalIndex ? input.total_row?.[key] : input.rows[ri]?.[key];
    const column = byKey.get(key);
    const value = column?.type === "duration" && typeof raw === "string" ? parseDuration(raw) : raw;
    return typeof value === "number" && isComputedCellAt(ri, key) ? value : undefined;
  };
  const isComputedCellAt = (ri: number, key: string): boolean => {
    if (ri === totalIndex) return summable.some((c) => c.key === key);
    const row = input.rows[ri]!;
    const column = byKey.get(key)!;
    return !dataCells(row).has(key) && (isComputedColumn(column) || (rows[ri]!.computed && NUMERIC.has(column.type)));
  };
  /**
   * The ways a computed cell adds up, each a list of cells with their signs: the row's formula, and where a
   * computed row meets a sum_of / difference_of column, the column's too (a printed total may follow either).
   * None for ratios, shares, running totals and changes.
   */
  const partsOf = (ri: number, key: string): StatedPart[][] => {
    const byRow = rowPartsOf(ri, key);
    const column = byKey.get(key)!;
    const byColumn = ri !== totalIndex && rows[ri]!.computed && byRow.length > 0 ? columnParts(ri, column) : [];
    return [byRow, byColumn].filter((parts) => parts.length > 0);
  };
  const columnParts = (ri: number, column: ColumnInput): StatedPart[] => {
    if (column.sum_of) return column.sum_of.map((k) => ({ ri, key: k, sign: 1 }));
    if (column.difference_of) return column.difference_of.map((k, i) => ({ ri, key: k, sign: i === 0 ? 1 : -1 }));
    return [];
  };
  const rowPartsOf = (ri: number, key: string): StatedPart[] => {
    const column = byKey.get(key)!;
    const isSummable = summable.includes(column);
    if (ri === totalIndex) return isSummable ? rows.flatMap((row, r) => (r !== totalIndex && !row.computed && !row.format ? [{ ri: r, key, sign: 1 }] : [])) : [];
    const row = input.rows[ri]!;
    const refs = Array.isArray(row.sum_of) ? row.sum_of : Array.isArray(row.difference_of) ? row.difference_of : undefined;
    if (refs && isSummable) {
      const negate = row.negate === true ? -1 : 1;
      return refs.flatMap((ref, k) => {
        const index = typeof ref === "string" ? rowIds.get(ref) : undefined;
        return index === undefined || index >= ri ? [] : [{ ri: index, key, sign: negate * (Array.isArray(row.difference_of) && k === 1 ? -1 : 1) }];
      });
    }
    if (rows[ri]!.computed || rows[ri]!.format) return [];
    return columnParts(ri, column);
  };
  const statedCells: StatedCell[] = [];
  input.rows.forEach((row, ri) => {
    const computedRow = rows[ri]!;
    for (const column of columns) {
      if (!isComputedCellAt(ri, column.key) || !(column.key in row)) continue;
      statedCells.push({ ri, key: column.key, stated: row[column.key], computed: computedRow.values[column.key] ?? null, column, label: `${rowLabelOf(ri)}, ${column.label || column.key}`, at: () => at("rows", ri, column.key), where: `row ${ri + 1}${computedRow.id ? ` ('${computedRow.id}')` : ""}, column '${column.label || column.key}'`, erratum: erratumFor(computedRow.id, column.key), parts: partsOf(ri, column.key) });
    }
  });
  if (input.total_row) {
    const totals = rows[rows.length - 1]!;
    for (const [key, stated] of Object.entries(input.total_row)) {
      if (key === "label" || key === "id") continue;
      const column = byKey.get(key);
      if (!column) {
        problems.error(file, keyAt("total_row", key), "table/unknown-column", `the total row states a value for '${key}', which is not a column of this table`);
        continue;
      }
      statedCells.push({ ri: totalIndex, key, stated, computed: totals.values[key] ?? null, column, label: `${input.total_row.label}, ${column.label || column.key}`, at: () => at("total_row", key), where: `total row, column '${column.label || column.key}'`, parts: isComputedCellAt(totalIndex, key) ? partsOf(totalIndex, key) : [] });
    }
  }
  const printedValue = (part: StatedPart) => statedNumber(part.ri, part.key) ?? numberIn(rows[part.ri]!, part.key);
  checkStatedCells(statedCells, printedValue, input.tolerance, ctx);
  input.errata.forEach((e, ei) => {
    const erratum = erratumFor(e.row, e.column);
    if (erratum && !erratum.used) {
      const why = erratum.consequenceOf ? `its printed figure follows from the misprint at ${erratum.consequenceOf}, whose erratum names it` : "the figures agree";
      problems.warn(file, at("errata", ei), "total/erratum-unused", `erratum for row '${e.row}', column '${e.column}' is not needed: ${why}`, "remove it from errata");
    }
  });
  const table: ComputedTable = { id, input, columns, rows, errata: erratumNotes, statuses: ctx.statuses ?? DEFAULT_STATUSES };
  tableHousekeeping(table, ctx);
  // The public model keeps no exempt value, not even in the table's input.
  return ctx.restricted ? table : { ...table, input: withoutExemptValues(input) };
}

function withoutExemptValues(input: TableInput): TableInput {
  const redact = (row: TableInput["rows"][number]) =>
    Object.fromEntries(Object.entries(row).map(([key, raw]) => {
      const cell = asExemptCell(raw);
      return [key, cell ? { exempt: cell.exempt, public: cell.public } : raw];
    })) as TableInput["rows"][number];
  return { ...input, rows: input.rows.map(redact) };
}

/** The column a change column is taken of (change_of or percent_change_of), as a list of none or one. */
function changeSource(column: ColumnInput): string[] {
  const source = column.change_of ?? column.percent_change_of;
  return source === undefined ? [] : [source];
}

/** What a ratio_of column multiplies by: its `per`, else 100 for a percentage and 1 for a ratio or an average. */
function ratioScale(column: ColumnInput): number {
  return column.per ?? (column.type === "percent" ? 100 : 1);
}

/** A days_between column names two date columns, and holds a number (of days) itself. */
function checkDaysBetween(column: ColumnInput, ci: number, byKey: Map<string, ColumnInput>, ctx: TableContext): void {
  if (!column.days_between) return;
  const at = () => ctx.located.at([...ctx.path, "columns", ci, "days_between"]);
  for (const ref of column.days_between) {
    const target = byKey.get(ref);
    if (!target) ctx.problems.error(ctx.file, at(), "table/unknown-column", `column '${column.key}' counts days from column '${ref}', which the table does not have`, `columns: ${[...byKey.keys()].join(", ")}`);
    else if (target.type !== "date") ctx.problems.error(ctx.file, at(), "table/not-date", `column '${column.key}' counts the days between '${column.days_between[0]}' and '${column.days_between[1]}', but '${ref}' is a ${target.type} column`, `give '${ref}' type: date (dates written YYYY-MM-DD)`);
  }
  if (!NUMERIC.has(column.type)) ctx.problems.error(ctx.file, ctx.located.at([...ctx.path, "columns", ci]), "table/not-numeric", `column '${column.key}' is a number of days, but its type is ${column.type}`, "give it type: integer");
}

