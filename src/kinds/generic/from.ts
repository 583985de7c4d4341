/**
 * Cells and rows taken from another table of the paper, so a figure printed in two tables is typed once:
 * a cell `{from: table/row/column}`, or a row `{id: …, from: table/row}` that takes every column it does not
 * state from that row (by column key). They are filled in before the table is computed, from the other
 * table as computed (its totals included), and then checked like any stated cell. The table may be another
 * paper's of the same meeting, `<paper>:<table>` (./papers.ts finds it).
 */
import type { CellValue, ComputedTable, TableInput } from "../../tables/schema.ts";

export interface FromProblem {
  path: Array<string | number>;
  message: string;
  hint?: string;
  /** Default ref/unresolved; exempt/reference for exempt material, ref/cycle for papers that take from each other. */
  rule?: string;
}

/**
 * What a table's name gives a table that takes from it: the table; a reason it gives none, reported at the
 * cell that names it; or nothing to say (its figures are not in this build, and the taking table is not
 * published in it either).
 */
export type FoundTable = { table: ComputedTable } | { refused: string; hint?: string; rule?: string } | { absent: true };
/** Finds a table by the name a `from` or `copy_of` gives (`plan`, or `02-savings:plan` of another paper). */
export type TableLookup = (name: string) => FoundTable;

type Row = TableInput["rows"][number];

const isFromCell = (raw: unknown): raw is { from: string } =>
  typeof raw === "object" && raw !== null && !Array.isArray(raw) && Object.keys(raw).length === 1 && typeof (raw as { from?: unknown }).from === "string";

/** Whether a table takes any cell or row from another. */
export function takesFrom(input: TableInput): boolean {
  return input.rows.some((row) => typeof row.from === "string" || Object.values(row).some(isFromCell));
}

/** The tables a table takes from (to compute those first). */
export function sourcesOf(input: TableInput): string[] {
  const names = input.rows.flatMap((row) => [
    ...(typeof row.from === "string" ? [row.from] : []),
    ...Object.values(row).filter(isFromCell).map((c) => c.from),
  ]);
  return [...new Set(names.map((n) => n.split("/")[0]!))];
}

/** The table with its taken cells and rows filled in from computed tables, and what could not be taken. */
export function fillFrom(id: string, input: TableInput, lookup: TableLookup): { input: TableInput; problems: FromProblem[]; sources: string[] } {
  const problems: FromProblem[] = [];
  const used = new Set<string>();
  const rowOf = (name: string, path: Array<string | number>) => {
    const [tableId = "", rowId = ""] = name.split("/");
    const found = lookup(tableId);
    if ("absent" in found) return undefined;
    if ("refused" in found) {
      problems.push({ path, message: `table '${id}' takes '${name}': ${found.refused}`, hint: found.hint, rule: found.rule });
      return undefined;
    }
    const table = found.table;
    const row = table.rows.find((r) => r.id === rowId);
    if (!row) {
      problems.push({ path, message: `table '${id}' takes '${name}', but '${tableId}' has no row '${rowId}'`, hint: `rows: ${table.rows.flatMap((r) => (r.id ? [r.id] : [])).join(", ")}` });
      return undefined;
    }
    used.add(tableId);
    return { table, row };
  };
  const take = (name: string, column: string, path: Array<string | number>): CellValue | undefined => {
    const found = rowOf(name, path);
    if (!found) return undefined;
    if (!found.table.columns.some((c) => c.key === column)) {
      problems.push({ path, message: `table '${id}' takes '${name}/${column}', but '${found.table.id}' has no column '${column}'` });
      return undefined;
    }
    if (found.row.exempt[column]) {
      problems.push({ path, message: `'${name}/${column}' is an exempt cell: it is printed only where it is stated`, hint: "state it in this table with its own exemption", rule: "exempt/reference" });
      return undefined;
    }
    return found.row.values[column] ?? null;
  };

  const rows = input.rows.map((row, r): Row => {
    const out: Row = {};
    for (const [key, raw] of Object.entries(row)) {
      if (key === "from") continue;
      if (!isFromCell(raw)) {
        out[key] = raw;
        continue;
      }
      const [tableId, rowId, column, ...rest] = raw.from.split("/");
      if (column === undefined || rest.length) {
        problems.push({ path: ["rows", r, key], message: `'${raw.from}' is not a cell: write table/row/column` });
        continue;
      }
      const value = take(`${tableId}/${rowId}`, column, ["rows", r, key]);
      if (value !== undefined) out[key] = value;
    }
    if (typeof row.from === "string") {
      if (row.from.split("/").length !== 2) problems.push({ path: ["rows", r, "from"], message: `'${row.from}' is not a row: write table/row` });
      else {
        const found = rowOf(row.from, ["rows", r, "from"]);
        for (const column of input.columns) {
          if (column.key in out || !found || !found.table.columns.some((c) => c.key === column.key)) continue;
          if (found.row.exempt[column.key]) {
            problems.push({ path: ["rows", r, "from"], message: `'${row.from}/${column.key}' is an exempt cell: it is printed only where it is stated`, hint: "state it in this row with its own exemption", rule: "exempt/reference" });
            continue;
          }
          out[column.key] = found.row.values[column.key] ?? null;
        }
      }
    }
    return out;
  });
  return { input: { ...input, rows }, problems, sources: [...used] };
}
