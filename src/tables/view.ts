/** A computed table → what the data-table component prints (header rows with groups, formatted cells, CSV). */
import type { ComputedTable } from "./schema.ts";
import { formatCell, isNumeric } from "./format.ts";
import type { CellView, HeaderCell, RowView, TableView } from "../model/view.ts";
import type { Status } from "../model/committee.ts";
import { statusOfLabel } from "./status.ts";
import type { MarkdownText } from "../model/body.ts";
import { exemptCellsNote } from "../exempt/wording.ts";

export function tableView(
  table: ComputedTable,
  options: {
    id: string;
    label: string;
    parseMarkdown?: (text: string, cell: { row: number; column: string }) => MarkdownText;
    /** A markdown cell's text as the CSV gives it: its references resolved (its Markdown kept as written). */
    csvText?: (text: string) => string;
  },
): TableView {
  const { columns, input } = table;
  const hasGroups = columns.some((c) => c.group);
  const headerRows: HeaderCell[][] = [];
  if (hasGroups) {
    const groupRow: HeaderCell[] = [];
    for (const column of columns) {
      const text = column.group ? (input.groups[column.group] ?? "") : "";
      const previous = groupRow[groupRow.length - 1];
      if (previous && column.group && previous.text === text && previous.scope === "colgroup") previous.colspan++;
      else groupRow.push({ text, colspan: 1, numeric: false, scope: column.group ? "colgroup" : "col" });
    }
    headerRows.push(groupRow);
  }
  const units = columns.map((c) => c.unit ?? (c.type === "money_m" ? "£m" : undefined));
  headerRows.push(
    columns.map((c, i) => ({ text: c.label, colspan: 1, numeric: isNumeric(c), scope: "col" as const, unit: units[i] })),
  );

  const rows: RowView[] = table.rows.map((row, rowIndex) => ({
    emphasis: row.emphasis || row.heading,
    total: row.total,
    cells: columns.map((c) => {
      const value = row.values[c.key] ?? null;
      const text = formatCell(value, row.format && !c.row_header ? { ...c, ...row.format } : c);
      return {
        text,
        markdown: c.type === "markdown" && typeof value === "string" ? options.parseMarkdown?.(value, { row: rowIndex, column: c.key }) : undefined,
        header: c.row_header || (row.total && value === input.total_row?.label),
        numeric: isNumeric(c),
        nowrap: c.type === "date" || c.type === "quarter" || c.type === "fy",
        ...statusCell(c.type === "status" && !(c.key in row.exempt) ? statusOfLabel(value, table.statuses) : undefined),
      };
    }),
  }));

  // Exempt cells: marked in a restricted build; in both, the table says which paragraphs apply.
  const exemptParagraphs = [...new Set(table.rows.flatMap((r) => Object.values(r.exempt).flat()))].sort((a, b) => a - b);
  rows.forEach((row, ri) => {
    for (const [key] of Object.entries(table.rows[ri]!.exempt)) {
      const ci = columns.findIndex((c) => c.key === key);
      if (ci >= 0) row.cells[ci]!.exempt = true;
    }
  });
  const bracketsNegative = columns.some(
    (c) => c.type === "money_m" && table.rows.some((r) => typeof r.values[c.key] === "number" && (r.values[c.key] as number) < 0),
  );
  return {
    id: options.id,
    label: options.label,
    caption: input.caption,
    note: input.note,
    exemptParagraphs,
    exemptNote: exemptParagraphs.length ? exemptCellsNote(exemptParagraphs) : undefined,
    errata: table.errata,
    // Landscape only where portrait cannot hold the table: an explicit `wide: true` or very many columns.
    wide: input.wide || columns.length > 11,
    headerRows,
    rows,
    bracketsNegative,
    csv: toCsv(table, options.csvText),
  };
}

function statusCell(status: Status | undefined): Pick<CellView, "status"> {
  return status ? { status: { id: status.id, symbol: status.symbol, colour: status.colour } } : {};
}

/** Machine-readable data: raw numbers (not formatted), ISO dates, one header row. */
export function toCsv(table: ComputedTable, markdownText: (text: string) => string = (text) => text): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [table.columns.map((c) => quote(c.label || c.key)).join(",")];
  for (const row of table.rows) {
    lines.push(table.columns.map((c) => {
      const v = row.values[c.key];
      return v === null || v === undefined ? "" : quote(typeof v === "number" ? String(Math.round(v * 1e6) / 1e6) : c.type === "markdown" ? markdownText(v) : v);
    }).join(","));
  }
  return `${lines.join("\n")}\n`;
}
