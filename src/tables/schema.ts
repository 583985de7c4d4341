/**
 * What a table in a data file is: its zod schemas (columns with their types and formulas, rows, errata, the
 * total row), COLUMN_TYPES, the shape of an exempt cell, and the types of a computed table. The keys are
 * listed in the order they read best, which `panelpress fmt` writes them in.
 */
import type { ExemptText } from "../exempt/leak-check.ts";
import { z } from "zod";
import { strict } from "../content/validate.ts";
import type { Problems } from "../content/problems.ts";
import type { Located } from "../content/yaml.ts";
import type { StatusScale } from "../model/committee.ts";

export const COLUMN_TYPES = ["text", "markdown", "integer", "number", "money", "money_m", "percent", "date", "fy", "quarter", "status", "duration"] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];
/** Numbers in the data (a duration is a number of seconds; "3:18" in a cell is read as 198). */
export const NUMERIC: ReadonlySet<ColumnType> = new Set(["integer", "number", "money", "money_m", "percent", "duration"]);

/** A column's keys in the order they read best (panelpress fmt writes them so): what it is, how it prints, where it sits, how it is computed. */
export const columnSchema = strict({
  key: z.string().regex(/^[A-Za-z0-9_-]+$/, "column keys use letters, digits, _ and -"),
  label: z.string(),
  type: z.enum(COLUMN_TYPES).default("text"),
  decimals: z.number().int().min(0).max(4).optional(),
  weekday: z.boolean().default(false),
  /** Dates of things that have happened (decided, approved, closed): one later than the paper's date is reported. */
  past: z.boolean().optional(),
  unit: z.string().optional(),
  group: z.string().optional(),
  row_header: z.boolean().default(false),
  sum_of: z.array(z.string()).min(1).optional(),
  difference_of: z.tuple([z.string(), z.string()]).optional(),
  /** Numerator ÷ denominator, scaled by `per` (default: 100 in a percent column, else 1: an average or ratio). */
  ratio_of: z.tuple([z.string(), z.string()]).optional(),
  /** The scale of a ratio_of column: `per: 1000` gives a rate per 1,000 (of population, of calls). */
  per: z.number().positive().optional(),
  /** The whole days from one date column to another, [from, to] (to − from). */
  days_between: z.tuple([z.string(), z.string()]).optional(),
  /** Each data row's value of another column minus the previous data row's (the first row has none). */
  change_of: z.string().optional(),
  /** The same change as a percentage of the previous data row's value. */
  percent_change_of: z.string().optional(),
  /** Each row's value of another column added to those of the rows above it (data rows, in order). */
  running_total_of: z.string().optional(),
  /** Each row's value of another column as a percentage of that column's total over the data rows. */
  share_of: z.string().optional(),
  /** Each row's count of the rows of another table whose status column has this row's status (its own status column's). */
  count_of: strict({ table: z.string(), column: z.string() }).optional(),
  /**
   * Whether total rows (the total row, and rows with sum_of or difference_of) add this column up. Default:
   * yes for counts and money, no for percentages, durations and days_between (a share or an average is not
   * summed: use ratio_of or share_of).
   */
  total: z.boolean().optional(),
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
  /**
   * A computed row summing every data row, in each column that totals (see a column's `total`); `id` names it
   * for a value's `cell` (default "total"); other keys are stated values per column, checked.
   */
  /** The id of a table of the same paper this one prints again: every number it states is checked against that table's (src/kinds/generic/copies.ts). */
  copy_of: z.string().optional(),
  total_row: z.object({ label: z.string().default("Total"), id: z.string().regex(/^[A-Za-z0-9_-]+$/).default("total") }).catchall(z.union([z.number(), z.null(), z.string()])).optional(),
});

export type TableInput = z.infer<typeof tableSchema>;
export type ColumnInput = z.infer<typeof columnSchema>;
export type CellValue = number | string | null;

/** Keys of a row that are not column values (besides its id), in the order they read best (panelpress fmt writes them so). */
export const ROW_META_KEYS = ["heading", "emphasis", "is_total", "type", "decimals", "sum_of", "difference_of", "negate", "not_computed"] as const;
export const ROW_KEYS: ReadonlySet<string> = new Set(["id", ...ROW_META_KEYS]);

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
  /** The committee's status scale, which the table's status cells name. */
  statuses: StatusScale;
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
  /** The committee's status scale (default: red, amber, green, complete, not started). */
  statuses?: StatusScale;
  /** The paper's tables computed so far, for a `count_of` column (tables that count are computed last). */
  tables?: ReadonlyMap<string, ComputedTable>;
  /** The paper's date (its front matter's, else its meeting's), which a `past: true` date may not follow. */
  paperDate?: string;
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

export function asExemptCell(raw: unknown): ExemptCell | undefined {
  if (!raw || typeof raw !== "object" || Array.isArray(raw) || !("exempt" in raw)) return undefined;
  return raw as ExemptCell;
}
