/**
 * The generic paper: Markdown narrative plus an optional data file of values, tables and charts.
 * Every other kind builds on this one (it owns numbering, figures and references).
 */
import { z } from "zod";
import { strict, validate } from "../../pipeline/validate.ts";
import { computeTable, formatProse, tableSchema, COLUMN_TYPES, type ComputedTable } from "../../tables/table.ts";
import { tableView } from "../../tables/view.ts";
import { chartPoints, chartSchema, chartSpec, renderChartSvg, summarise } from "../../charts/chart.ts";
import { renderInline, renderPaperBody, type RenderEnv } from "../../markdown/index.ts";
import type { ChartView, TableView } from "../../model/view.ts";
import type { PaperContext, PaperBody } from "../kind.ts";

/**
 * A single figure the narrative quotes with [@value:key]. Either typed (`value`) or, better, taken from a
 * table cell (`cell`), so the prose can never disagree with the table; with both, `value` is checked.
 */
export const valueSchema = strict({
  value: z.union([z.number(), z.string()]).optional(),
  cell: strict({ table: z.string(), row: z.string(), column: z.string() }).optional(),
  type: z.enum(COLUMN_TYPES).default("number"),
  decimals: z.number().int().min(0).max(4).optional(),
  /** Print the size without its sign, for prose such as "a deficit of £5.2m". */
  absolute: z.boolean().default(false),
});

export const genericDataSchema = strict({
  values: z.record(z.string(), valueSchema).default({}),
  tables: z.record(z.string(), tableSchema).default({}),
  charts: z.record(z.string(), chartSchema).default({}),
});
export type GenericData = z.infer<typeof genericDataSchema>;

const EMPTY: GenericData = { values: {}, tables: {}, charts: {} };

/** Build the body of a generic paper: compute tables, render charts, number and render the Markdown. */
export async function buildGenericBody(ctx: PaperContext): Promise<PaperBody> {
  const { problems, dataFile, data: located } = ctx;
  const data = (located && dataFile ? validate(genericDataSchema, located, dataFile, problems) : EMPTY) ?? EMPTY;

  const tables = new Map<string, ComputedTable>();
  for (const [id, input] of Object.entries(data.tables)) {
    tables.set(id, computeTable(id, input, { file: dataFile!, located: located!, path: ["tables", id], problems }));
  }

  const values = resolveValues(data, tables, ctx);

  // Figures are numbered in the order the narrative places them.
  const placed = [...ctx.body.matchAll(/^\s*:::\s*(table|chart)\s+([A-Za-z0-9_-]+)\s*$/gm)].map((m) => m[2]!);
  const labels = new Map<string, string>();
  placed.forEach((id) => {
    if (!labels.has(id)) labels.set(id, `Figure ${labels.size + 1}`);
  });

  // Charts: validate references to tables and columns, then render.
  const chartSvgs = new Map<string, { svg: string; summary: string; table: ComputedTable }>();
  for (const [id, chart] of Object.entries(data.charts)) {
    const table = tables.get(chart.table);
    const at = located!.at(["charts", id]);
    if (!table) {
      problems.error(dataFile!, located!.at(["charts", id, "table"]), "chart/unknown-table", `chart '${id}' takes its data from table '${chart.table}', which this file does not have`, `tables: ${[...tables.keys()].join(", ") || "(none)"}`);
      continue;
    }
    const missing = [chart.x, ...chart.y].filter((key) => !table.columns.some((c) => c.key === key));
    if (missing.length) {
      problems.error(dataFile!, at, "chart/unknown-column", `chart '${id}' uses column(s) ${missing.join(", ")}, which table '${chart.table}' does not have`, `columns: ${table.columns.map((c) => c.key).join(", ")}`);
      continue;
    }
    const points = chartPoints(chart, table);
    const summary = summarise(chart, table, points);
    const svg = await renderChartSvg(chartSpec(chart, points), { id: `chart-${id}`, title: chart.caption, description: summary });
    chartSvgs.set(id, { svg, summary, table });
  }

  const render = (variant: "page" | "pack") => {
    const idPrefix = variant === "pack" ? `item-${ctx.itemNumber}-` : "";
    const reportHere = variant === "page" ? ctx.report : () => {};
    const charts: ChartView[] = [];
    const env: RenderEnv = {
      numbering: ctx.frontMatter.numbering,
      appendixLabels: ctx.frontMatter.appendix_labels,
      sectionLevel: variant === "pack" ? 3 : 2,
      idPrefix,
      headings: [],
      paragraphs: new Map(),
      embeds: [],
      report: reportHere,
      resolve: (type, id) => {
        if (type === "fig") {
          const label = labels.get(id);
          return label && (tables.has(id) || chartSvgs.has(id) || data.charts[id]) ? { text: label, href: `#${idPrefix}fig-${id}` } : null;
        }
        if (type === "para") {
          const number = env.paragraphs.get(id);
          return number ? { text: `paragraph ${number}`, href: `#${idPrefix}para-${number.replace(".", "-")}` } : null;
        }
        if (type === "value") {
          const text = values.get(id);
          return text === undefined ? null : { text };
        }
        return ctx.resolveShared(type, id);
      },
      embed: (kind, id) => {
        const label = labels.get(id)!;
        const viewId = `${idPrefix}fig-${id}`;
        if (kind === "table") {
          const table = tables.get(id);
          if (!table) {
            reportHere(lineOf(ctx.body, id), 1, "ref/unresolved", `'::: table ${id}': there is no table '${id}' in the data file`, `tables: ${[...tables.keys()].join(", ") || "(none)"}`);
            return null;
          }
          return ctx.renderComponent("data-table", { table: viewOf(table, viewId, label) });
        }
        const chart = chartSvgs.get(id);
        const input = data.charts[id];
        if (!chart || !input) {
          if (!input) reportHere(lineOf(ctx.body, id), 1, "ref/unresolved", `'::: chart ${id}': there is no chart '${id}' in the data file`, `charts: ${Object.keys(data.charts).join(", ") || "(none)"}`);
          return null;
        }
        const view: ChartView = {
          id: viewId,
          label,
          caption: input.caption,
          svg: chart.svg.replaceAll(`chart-${id}-`, `${viewId}-chart-`),
          summary: chart.summary,
          table: viewOf(chart.table, `${viewId}-data`, `Data for ${label}`),
          csvFile: `${ctx.slug}-${id}.csv`,
        };
        charts.push(view);
        return ctx.renderComponent("chart-figure", { chart: view });
      },
    };
    const html = renderPaperBody(ctx.markdown, ctx.body, env);
    return { html, env, charts };
  };

  const viewOf = (table: ComputedTable, id: string, label: string): TableView =>
    tableView(table, { id, label, renderMarkdown: (text) => renderInline(ctx.markdown, text, { ...nullEnv, resolve: () => null }) });

  const page = render("page");
  const pack = render("pack");

  for (const id of tables.keys()) {
    const usedByChart = Object.values(data.charts).some((c) => c.table === id);
    if (!labels.has(id) && !usedByChart) {
      problems.warn(dataFile!, located!.keyAt(["tables", id]), "figure/unused", `table '${id}' is never placed in the paper`, `add '::: table ${id}' where it belongs in the narrative`);
    }
  }

  return {
    bodyHtml: page.html,
    packBodyHtml: pack.html,
    headings: page.env.headings,
    charts: page.charts,
    csv: [
      ...[...tables.values()].map((t) => ({ file: `${ctx.slug}-${t.id}.csv`, content: tableView(t, { id: t.id, label: "", renderMarkdown: (s) => s }).csv })),
    ],
  };
}

/** Each value's text in prose style, reading table cells where a value names one. */
function resolveValues(data: GenericData, tables: Map<string, ComputedTable>, ctx: PaperContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, spec] of Object.entries(data.values)) {
    const at = ctx.data!.at(["values", key]);
    let value: number | string | null | undefined = spec.value;
    if (spec.cell) {
      const table = tables.get(spec.cell.table);
      const row = table?.rows.find((r) => r.id === spec.cell!.row);
      const cell = row?.values[spec.cell.column];
      if (!table || !row || cell === undefined) {
        ctx.problems.error(ctx.dataFile!, at, "ref/unresolved", `value '${key}' names cell ${spec.cell.table} / ${spec.cell.row} / ${spec.cell.column}, which does not exist`, "check the table id, the row id and the column key");
        continue;
      }
      if (spec.value !== undefined && typeof cell === "number" && typeof spec.value === "number" && Math.abs(cell - spec.value) > 1e-9 + (spec.type === "money_m" ? 0.05 : 0)) {
        ctx.problems.error(ctx.dataFile!, ctx.data!.at(["values", key, "value"]), "value/mismatch", `value '${key}' states ${spec.value} but its table cell is ${cell}`, "remove 'value:' and let the table supply it");
      }
      value = cell;
    }
    if (value === undefined || value === null) {
      ctx.problems.error(ctx.dataFile!, at, "schema/missing", `value '${key}' has neither 'value' nor 'cell'`);
      continue;
    }
    out.set(key, formatProse(spec.absolute && typeof value === "number" ? Math.abs(value) : value, spec.type, spec.decimals));
  }
  return out;
}

const nullEnv: RenderEnv = {
  numbering: "none",
  appendixLabels: "numeric",
  sectionLevel: 2,
  idPrefix: "",
  headings: [],
  paragraphs: new Map(),
  embeds: [],
  report: () => {},
  resolve: () => null,
  embed: () => null,
};

function lineOf(body: string, id: string): number {
  const index = body.split("\n").findIndex((line) => new RegExp(`^\\s*:::\\s*(table|chart)\\s+${id}\\s*$`).test(line));
  return index < 0 ? 1 : index + 1;
}
