/**
 * Charts declared in a paper's data file: a vega-lite spec built from a table's computed rows,
 * rendered to SVG at build time (no script in the page), with a generated summary sentence.
 */
import { z } from "zod";
import type { TopLevelSpec } from "vega-lite";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strict } from "../pipeline/validate.ts";
import type { ComputedTable } from "../tables/table.ts";
import { formatCell, isNumeric } from "../tables/table.ts";
import { escapeHtml } from "../lib/html.ts";
import { TOOL_ROOT } from "../lib/files.ts";

/** UK Government Analysis Function categorical palette: colour-blind safe, in its recommended order. */
export const PALETTE = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"] as const;
export const FONT = "Source Sans 3, Arial, sans-serif";

export const chartSchema = strict({
  caption: z.string(),
  table: z.string(),
  mark: z.enum(["bar", "line"]).default("bar"),
  x: z.string(),
  y: z.array(z.string()).min(1),
  y_title: z.string().optional(),
  /** Extra vega-lite properties merged over the generated spec (e.g. scale domains). */
  spec: z.record(z.string(), z.unknown()).optional(),
});
export type ChartInput = z.infer<typeof chartSchema>;

export interface ChartPoint {
  category: string;
  series: string;
  value: number;
}

export interface RenderedChart {
  svg: string;
  summary: string;
  points: ChartPoint[];
}

/** The data points of a chart, in table row order, leaving out total rows and empty cells. */
export function chartPoints(chart: ChartInput, table: ComputedTable): ChartPoint[] {
  const xColumn = table.columns.find((c) => c.key === chart.x)!;
  const points: ChartPoint[] = [];
  for (const row of table.rows) {
    if (row.total) continue;
    const category = formatCell(row.values[chart.x] ?? null, xColumn);
    for (const key of chart.y) {
      const column = table.columns.find((c) => c.key === key)!;
      const value = row.values[key];
      if (typeof value === "number") points.push({ category, series: column.label, value });
    }
  }
  return points;
}

export function chartSpec(chart: ChartInput, points: ChartPoint[]): TopLevelSpec {
  const categories = [...new Set(points.map((p) => p.category))];
  const multi = chart.y.length > 1;
  const base = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: 560,
    height: 260,
    data: { values: points },
    config: {
      font: FONT,
      axis: { labelFontSize: 12, titleFontSize: 12, labelColor: "#0b0c0c", titleColor: "#0b0c0c", gridColor: "#d8d8d8", domainColor: "#505a5f", tickColor: "#505a5f" },
      legend: { labelFontSize: 12, titleFontSize: 12, orient: "bottom" },
      range: { category: [...PALETTE] },
      view: { stroke: null },
      aria: false,
    },
    encoding: {
      x: { field: "category", type: "ordinal", sort: categories, title: null, axis: { labelAngle: categories.length > 8 ? -40 : 0 } },
      y: { field: "value", type: "quantitative", title: chart.y_title ?? null },
      ...(multi ? { color: { field: "series", type: "nominal", title: null } } : { color: { value: PALETTE[0] } }),
    },
  };
  // Grouped bars need an offset; lines get point markers and a shape per series so colour is not the only cue.
  const mark =
    chart.mark === "bar"
      ? { type: "bar" as const }
      : { type: "line" as const, point: { filled: true, size: 50 }, strokeWidth: 2 };
  const encoding =
    chart.mark === "bar" && multi
      ? { ...base.encoding, xOffset: { field: "series", sort: chart.y } }
      : chart.mark === "line" && multi
        ? { ...base.encoding, shape: { field: "series", type: "nominal", title: null }, strokeDash: { field: "series", type: "nominal", title: null } }
        : base.encoding;
  return { ...base, mark, encoding, ...(chart.spec ?? {}) } as TopLevelSpec;
}

/**
 * Rendered charts are cached by content: the same spec, labels and vega versions always draw the same
 * SVG, so a rebuild (or the same chart in another meeting) reuses it. The pipeline sets the folder.
 */
let svgCacheDir: string | undefined;
const memory = new Map<string, string>();
// The versions from the packages' manifests: vega itself is loaded only when a chart must be drawn.
// (vega does not export its package.json, so it is read from where npm installed it.)
const VERSIONS = ["vega", "vega-lite"].map((name) => (JSON.parse(readFileSync(join(TOOL_ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version);
export function setChartCache(dir: string | undefined): void {
  svgCacheDir = dir;
  if (dir) mkdirSync(dir, { recursive: true });
}

export async function renderChartSvg(spec: TopLevelSpec, label: { title: string; description: string; id: string }): Promise<string> {
  const key = createHash("sha256").update(JSON.stringify([spec, label, VERSIONS])).digest("hex");
  const cached = memory.get(key) ?? (svgCacheDir && existsSync(join(svgCacheDir, `${key}.svg`)) ? readFileSync(join(svgCacheDir, `${key}.svg`), "utf8") : undefined);
  if (cached !== undefined) {
    memory.set(key, cached);
    return cached;
  }
  const svg = await drawChartSvg(spec, label);
  memory.set(key, svg);
  if (svgCacheDir) writeFileSync(join(svgCacheDir, `${key}.svg`), svg);
  return svg;
}

async function drawChartSvg(spec: TopLevelSpec, label: { title: string; description: string; id: string }): Promise<string> {
  const [vega, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  // vega-lite reports spec warnings on the console; keep them out of build output (the specs are ours).
  const vgSpec = compile(spec, { logger: vega.logger(vega.None) }).spec;
  const view = new vega.View(vega.parse(vgSpec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  // Inside role="img" the chart is one image, named once: vega's own ARIA roles on marks (graphics-symbol)
  // would each need a name of their own (axe: svg-img-alt), so they are removed.
  return svg
    .replace(/ (?:role|aria-roledescription|aria-label)="[^"]*"/g, "")
    .replace(/^<svg /, `<svg role="img" aria-labelledby="${label.id}-title ${label.id}-desc" `)
    .replace(/(<svg[^>]*>)/, `$1<title id="${label.id}-title">${escapeHtml(label.title)}</title><desc id="${label.id}-desc">${escapeHtml(label.description)}</desc>`);
}

/** One sentence per series: its highest and lowest points, or for a line its first and last. */
export function summarise(chart: ChartInput, table: ComputedTable, points: ChartPoint[]): string {
  if (points.length === 0) return "The chart has no data.";
  const sentences: string[] = [];
  for (const key of chart.y) {
    const column = table.columns.find((c) => c.key === key)!;
    const series = points.filter((p) => p.series === column.label);
    if (series.length === 0) continue;
    const fmt = (v: number) => (isNumeric(column) ? formatCell(v, column) : String(v));
    const name = chart.y.length > 1 ? `${column.label}: ` : "";
    if (chart.mark === "line") {
      const first = series[0]!;
      const last = series[series.length - 1]!;
      const trend = last.value > first.value ? "rose" : last.value < first.value ? "fell" : "was unchanged";
      sentences.push(`${name}${trend === "was unchanged" ? `was ${fmt(first.value)} in both ${first.category} and ${last.category}` : `${trend} from ${fmt(first.value)} in ${first.category} to ${fmt(last.value)} in ${last.category}`}.`);
    } else {
      const max = series.reduce((a, b) => (b.value > a.value ? b : a));
      const min = series.reduce((a, b) => (b.value < a.value ? b : a));
      sentences.push(`${name}highest ${max.category} (${fmt(max.value)}), lowest ${min.category} (${fmt(min.value)}).`);
    }
  }
  return sentences.map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join(" ");
}
