/**
 * Cells and rows taken from another table of the paper, so a figure printed in two tables is typed once:
 * a cell `{from: table/row/column}`, or a row `{id: …, from: table/row}` that takes every column it does not
 * state from that row (by column key). They are filled in before the table is computed, from the other
 * table as computed (its totals included), and then checked like any stated cell.
 */
import type { CellValue, ComputedTable, TableInput } from "../../tables/schema.ts";

export interface FromProblem {
  path: Array<string | number>;
  message: string;
  hint?: string;
}

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
export function fillFrom(id: string, input: TableInput, tables: ReadonlyMap<string, ComputedTable>): { input: TableInput; problems: FromProblem[]; sources: string[] } {
  const problems: FromProblem[] = [];
  const used = new Set<string>();
  const rowOf = (name: string, path: Array<string | number>) => {
    const [tableId = "", rowId = ""] = name.split("/");
    const table = tables.get(tableId);
    if (!table || tableId === id) {
      problems.push({ path, message: `table '${id}' takes '${name}' from '${tableId}', which is not ${tableId === id ? "another" : "a"} table of this paper`, hint: `tables: ${[...tables.keys()].filter((t) => t !== id).join(", ") || "(none)"}` });
      return undefined;
    }
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
      problems.push({ path, message: `'${name}/${column}' is an exempt cell: it is printed only where it is stated`, hint: "state it in this table with its own exemption" });
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
            problems.push({ path: ["rows", r, "from"], message: `'${row.from}/${column.key}' is an exempt cell: it is printed only where it is stated`, hint: "state it in this row with its own exemption" });
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
