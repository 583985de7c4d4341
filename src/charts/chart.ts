/**
 * Charts declared in a paper's data file: a vega-lite spec built from a table's computed rows,
 * drawn to SVG by the render stage (src/render/charts.ts: no script in the page), with a generated summary sentence.
 */
import { z } from "zod";
import type { TopLevelSpec } from "vega-lite";
import type { Loader, LoggerInterface, Runtime } from "vega";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TOOL_ROOT } from "../lib/files.ts";
import { strict } from "../content/validate.ts";
import type { ComputedTable } from "../tables/schema.ts";
import { formatCell, isNumeric } from "../tables/format.ts";
import { mergePresentation, screenSpec, type SpecProblem } from "./presentation.ts";
import { statusOfLabel } from "../tables/status.ts";
import { LABEL_CHAR_PX, LINE_CHARS, mostLines, SPLIT_LINES, wordsFit, wrapLabel } from "./labels.ts";

export { chartSpecProblems, PRESENTATION, type SpecProblem } from "./presentation.ts";

/** UK Government Analysis Function categorical palette: colour-blind safe, in its recommended order. */
export const PALETTE = ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"] as const;
export const FONT = "Source Sans 3, Arial, sans-serif";

/**
 * A `spec:` read from a data file is marked as authored: it passes through the presentation allow-list and
 * is merged key by key. A spec a paper kind builds in code is not marked and is merged as written (kinds
 * draw faceted and layered charts no data file may ask for).
 */
const AUTHORED = new WeakSet<object>();
function markAuthored(spec: Record<string, unknown>): Record<string, unknown> {
  AUTHORED.add(spec);
  return spec;
}
export function isAuthoredSpec(spec: Record<string, unknown> | undefined): boolean {
  return spec !== undefined && AUTHORED.has(spec);
}

export const chartSchema = strict({
  caption: z.string(),
  table: z.string(),
  mark: z.enum(["bar", "line"]).default("bar"),
  x: z.string(),
  y: z.array(z.string()).min(1),
  y_title: z.string().optional(),
  /** A status column of the table: each bar or point in its row's status colour, the status named beside it. */
  colour_by: z.string().optional(),
  /** Presentation settings merged over the generated spec (e.g. scale domains); see presentation.ts. */
  spec: z.record(z.string(), z.unknown()).transform(markAuthored).optional(),
});
export type ChartInput = z.infer<typeof chartSchema>;

export interface ChartPoint {
  category: string;
  series: string;
  value: number;
  /** In a chart coloured by status: the row's status, with its place in the committee's scale. */
  status?: { label: string; colour: string; rank: number };
}

/** A point of a status chart whose row has no status: drawn in the palette's first colour, and said. */
export const NO_STATUS = { label: "No status", colour: PALETTE[0], rank: Number.MAX_SAFE_INTEGER };

/**
 * The status column a chart is coloured by: its `colour_by`, else its categories when they are statuses. Only
 * a chart of one series is: several series are told apart by colour already.
 */
export function statusColumnOf(chart: ChartInput, table: ComputedTable): string | undefined {
  if (chart.y.length !== 1) return undefined;
  const x = table.columns.find((c) => c.key === chart.x);
  return chart.colour_by ?? (x?.type === "status" ? chart.x : undefined);
}

/** The data points of a chart, in table row order, leaving out total rows and empty cells. */
export function chartPoints(chart: ChartInput, table: ComputedTable): ChartPoint[] {
  const xColumn = table.columns.find((c) => c.key === chart.x)!;
  const statusKey = statusColumnOf(chart, table);
  const points: ChartPoint[] = [];
  for (const row of table.rows) {
    if (row.total) continue;
    let category = formatCell(row.values[chart.x] ?? null, xColumn);
    let status: ChartPoint["status"];
    if (statusKey) {
      const found = statusOfLabel(row.values[statusKey], table.statuses);
      status = found ? { label: found.label, colour: found.colour, rank: table.statuses.indexOf(found) } : NO_STATUS;
      // Colour is never the only cue: where the categories are not the statuses, each names its own.
      if (statusKey !== chart.x) category = `${category} (${status.label})`;
    }
    for (const key of chart.y) {
      const column = table.columns.find((c) => c.key === key)!;
      const value = row.values[key];
      if (typeof value === "number") points.push({ category, series: column.label, value, ...(status ? { status } : {}) });
    }
  }
  return points;
}

/** The statuses a chart's points have, in the scale's order: the colour scale's domain and the legend's order. */
function statusesOf(points: readonly ChartPoint[]): Array<NonNullable<ChartPoint["status"]>> {
  const byLabel = new Map(points.flatMap((p) => (p.status ? [[p.status.label, p.status] as const] : [])));
  return [...byLabel.values()].sort((a, b) => a.rank - b.rank);
}

/**
 * How a chart lays out its category labels so that none is cut short: upright under the bars, broken into
 * lines as wide as a category's share of the chart, when there are few categories and they fit in three
 * lines; else bars turn horizontal when a label is long (labels beside the bars in lines of LINE_CHARS);
 * else (many short labels, or a line chart) slanted, in lines of LINE_CHARS.
 */
export interface LabelLayout {
  horizontal: boolean;
  angle: number;
  /** Characters a line of a category label. */
  lineChars: number;
}

/** px: the column of a horizontal chart's category labels (LINE_CHARS of them), its ticks and padding. */
const HORIZONTAL_LABELS = Math.round(LINE_CHARS * LABEL_CHAR_PX) + 28;

export function labelLayout(chart: ChartInput, categories: readonly string[], width: number): LabelLayout {
  const upright = Math.max(6, Math.floor(width / Math.max(1, categories.length) / LABEL_CHAR_PX));
  if (categories.length <= 8 && wordsFit(categories, upright) && mostLines(categories, upright) <= 3) return { horizontal: false, angle: 0, lineChars: upright };
  const long = categories.some((c) => c.length > 12);
  if (chart.mark === "bar" && long) return { horizontal: true, angle: 0, lineChars: LINE_CHARS };
  return { horizontal: false, angle: categories.length > 8 || long ? -40 : 0, lineChars: LINE_CHARS };
}

export function chartSpec(chart: ChartInput, points: ChartPoint[]): TopLevelSpec {
  // A paper kind that draws its own encoding (its own axes, facets or layers) keeps its data as it is.
  const own = chart.spec !== undefined && !isAuthoredSpec(chart.spec) && "encoding" in chart.spec;
  const width = typeof chart.spec?.width === "number" ? chart.spec.width : 560;
  const rawCategories = [...new Set(points.map((p) => p.category))];
  const layout = labelLayout(chart, rawCategories, width);
  // Labels are stored as lines (see labels.ts), in the order of the table's rows and of the chart's `y:`.
  const category = (c: string) => (own ? c : wrapLabel(c, layout.lineChars));
  const series = (name: string) => (own ? name : wrapLabel(name, LINE_CHARS));
  const values = points.map((p) => ({ category: category(p.category), series: series(p.series), value: p.value, ...(p.status ? { status: p.status.label } : {}) }));
  const categories = rawCategories.map(category);
  const seriesOrder = [...new Set(points.map((p) => p.series))].map(series);
  const multi = chart.y.length > 1;
  const lines = mostLines(rawCategories, layout.lineChars);
  const base = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    // Horizontal bars: the labels take a column of their own, so the bars are narrower and the chart is
    // no wider than an upright one (a wider drawing is printed smaller, labels and all).
    width: layout.horizontal ? Math.max(240, width - HORIZONTAL_LABELS) : width,
    // Horizontal bars: a band for each category, tall enough for its bars and for its label's lines.
    height: layout.horizontal ? categories.length * Math.max(lines * 15 + 8, multi ? seriesOrder.length * 14 + 8 : 24) : 260,
    data: { values },
    config: {
      font: FONT,
      // No label is ever cut short with "…": the generated encodings break long labels into lines instead.
      axis: { labelFontSize: 12, titleFontSize: 12, labelColor: "#0b0c0c", titleColor: "#0b0c0c", gridColor: "#d8d8d8", domainColor: "#505a5f", tickColor: "#505a5f", labelLimit: 0 },
      legend: { labelFontSize: 12, titleFontSize: 12, orient: "bottom", labelLimit: 0 },
      range: { category: [...PALETTE] },
      view: { stroke: null },
      aria: false,
    },
    encoding: generatedEncoding(chart, layout, categories, seriesOrder, legendDirection(seriesOrder), statusesOf(points), points.every((p) => Number.isInteger(p.value))),
  };
  // Grouped bars need an offset; lines get point markers and a shape per series so colour is not the only cue.
  const mark =
    chart.mark === "bar"
      ? { type: "bar" as const }
      : { type: "line" as const, point: { filled: true, size: 50 }, strokeWidth: 2 };
  const generated = { ...base, mark };
  if (!chart.spec) return generated as TopLevelSpec;
  // An author's spec contributes only what the allow-list accepts, even if no one checked it first. Its axis
  // settings are for the axes as they are named in a chart with upright bars: the value axis is y.
  const authored = isAuthoredSpec(chart.spec) ? screenSpec(chart.spec).kept : undefined;
  if (authored) return asSpec(mergePresentation(generated, layout.horizontal ? swapAxes(authored) : authored));
  return asSpec({ ...generated, ...chart.spec });
}

/**
 * The encoding of a generated chart. The legend lists the series in the order of the chart's `y:`, which
 * is also the order of the bars in each group (left to right, or top to bottom when horizontal) and of
 * nothing else (lines are not ordered); the same sort on every channel of the series keeps one legend.
 */
function generatedEncoding(chart: ChartInput, layout: LabelLayout, categories: string[], seriesOrder: string[], direction: "horizontal" | "vertical", statuses: ReadonlyArray<NonNullable<ChartPoint["status"]>> = [], wholeNumbers = false): Record<string, unknown> {
  const multi = chart.y.length > 1;
  // A count by status has no ticks between whole numbers (no "1.5 projects").
  const categoryChannel = { field: "category", type: "ordinal", sort: categories, title: null, axis: { labelAngle: layout.angle, labelExpr: SPLIT_LINES, labelLimit: 0 } };
  const valueChannel = { field: "value", type: "quantitative", title: chart.y_title ?? null, ...(statuses.length && wholeNumbers ? { axis: { tickMinStep: 1, format: ",d" } } : {}) };
  const legend = { labelExpr: SPLIT_LINES, labelLimit: 0, direction, rowPadding: 4 };
  const bySeries = { field: "series", type: "nominal", title: null, sort: seriesOrder, legend };
  const position = layout.horizontal ? { y: categoryChannel, x: valueChannel } : { x: categoryChannel, y: valueChannel };
  // A chart by status: each status in its own colour, the legend naming them in the scale's order.
  const labels = statuses.map((s) => s.label);
  const byStatus = { field: "status", type: "nominal", title: null, sort: labels, scale: { domain: labels, range: statuses.map((s) => s.colour) }, legend: { ...legend, direction: legendDirection(labels) } };
  const colour = multi ? { color: bySeries } : statuses.length ? { color: byStatus } : { color: { value: PALETTE[0] } };
  if (chart.mark === "bar" && multi) return { ...position, ...colour, [layout.horizontal ? "yOffset" : "xOffset"]: { field: "series", sort: seriesOrder } };
  if (chart.mark === "line" && multi) return { ...position, ...colour, shape: bySeries, strokeDash: bySeries };
  return { ...position, ...colour };
}

/**
 * A legend of short names reads across, under the chart; one with long names (or names in lines) is
 * a column, so that it is no wider than the chart and each name sits beside its own symbol.
 */
function legendDirection(series: readonly string[]): "horizontal" | "vertical" {
  return series.some((name) => name.includes("\n")) || series.join("").length > 60 ? "vertical" : "horizontal";
}

/** An authored spec's encoding with x and y exchanged, for a chart drawn with horizontal bars. */
function swapAxes(spec: Record<string, unknown>): Record<string, unknown> {
  const encoding = spec.encoding as Record<string, unknown> | undefined;
  if (!encoding) return spec;
  const { x, y, ...rest } = encoding;
  return { ...spec, encoding: { ...rest, ...(y === undefined ? {} : { x: y }), ...(x === undefined ? {} : { y: x }) } };
}

/** A merged spec is only a mapping to TypeScript; whether vega-lite accepts it is chartCompileProblems' question. */
function asSpec(spec: Record<string, unknown>): TopLevelSpec {
  return spec as unknown as TopLevelSpec;
}

/**
 * Everything wrong with a chart's spec, without drawing it (so `check` finds it): for a spec from a data
 * file, each setting outside the presentation allow-list; for any chart, a spec vega-lite or vega cannot
 * compile. Paths are inside the chart's `spec:`.
 */
export async function chartProblems(chart: ChartInput, points: ChartPoint[]): Promise<SpecProblem[]> {
  const refused = chart.spec && isAuthoredSpec(chart.spec) ? screenSpec(chart.spec).problems : [];
  return [...refused, ...(await compileOnce(chartSpec(chart, points)))];
}

/** vega's and vega-lite's versions, from their manifests (the packages load only when a chart is compiled or drawn; vega does not export its package.json). */
export const CHART_LIBRARY_VERSIONS = ["vega", "vega-lite"].map((name) => (JSON.parse(readFileSync(join(TOOL_ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version);

/**
 * Whether a spec compiles depends on its encodings, marks and settings, not on its data values: the
 * answer is remembered by the spec's shape (its values left out), so an archive's hundreds of charts of
 * the same few shapes compile a handful of times. A shape that compiled is also noted in the chart cache
 * (its key has vega's and vega-lite's versions), so a rebuild after an edit compiles none of the shapes it
 * has seen, and need not load vega at all when every chart's SVG is cached too (0.35 s of a rebuild of the
 * example). A shape that did not compile is compiled again, for its message.
 */
const compiled = new Map<string, Promise<SpecProblem[]>>();
let verdictDir: string | undefined;
let verdictsRead = true;
function compileOnce(spec: TopLevelSpec): Promise<SpecProblem[]> {
  const shape = JSON.stringify(spec, (key, value: unknown) => (key === "values" && Array.isArray(value) ? [] : value));
  const key = createHash("sha256").update(JSON.stringify([shape, CHART_LIBRARY_VERSIONS])).digest("hex");
  if (!compiled.has(key)) {
    const noted = verdictDir ? join(verdictDir, `${key}.compiles`) : undefined;
    // The first chart of a shape is compiled with its values, and kept for drawing: compiled once, not twice.
    compiled.set(key, noted && verdictsRead && existsSync(noted) ? Promise.resolve([]) : chartCompileProblems(spec, (runtime) => compiledForDrawing.set(specKey(spec), runtime)).then((problems) => {
      if (noted && problems.length === 0) writeFileSync(noted, "");
      return problems;
    }));
  }
  return compiled.get(key)!;
}

/** Specs the check compiled (parsed for vega), by specKey, until the render stage draws them: each is taken, not kept. */
const compiledForDrawing = new Map<string, Runtime>();
const specKey = (spec: TopLevelSpec) => createHash("sha256").update(JSON.stringify(spec)).digest("hex");

/** The check's compilation of this very spec, if it made one and no one has taken it yet. */
export function takeCompiled(spec: TopLevelSpec): Runtime | undefined {
  const key = specKey(spec);
  const runtime = compiledForDrawing.get(key);
  compiledForDrawing.delete(key);
  return runtime;
}

/**
 * Where the shapes known to compile are noted (the chart cache's folder), and whether the notes there are
 * read (not in a clean build, which still notes what it compiles). What this process knows is forgotten.
 */
export function noteCompiledShapesIn(dir: string | undefined, read = true): void {
  verdictDir = dir;
  verdictsRead = read;
  compiled.clear();
  compiledForDrawing.clear();
}

/** A spec that does not compile is a problem to report at the chart, not a stack trace from the build. */
export async function chartCompileProblems(spec: TopLevelSpec, keep?: (runtime: Runtime) => void): Promise<SpecProblem[]> {
  const [vega, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  try {
    // vega.parse as well: it is where a bad expression or scale reference is found. It loads nothing.
    const runtime = vega.parse(compile(spec, { logger: SILENT }).spec);
    keep?.(runtime);
    return [];
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0]!.slice(0, 300);
    return [{ path: [], message: `the chart cannot be drawn: its vega-lite spec does not compile (${reason})`, hint: "remove or correct the settings in the chart's `spec:`" }];
  }
}

/** vega-lite reports spec warnings on the console; keep them out of build output. */
export const SILENT: LoggerInterface = {
  level() {
    return SILENT;
  },
  error() {
    return this;
  },
  warn() {
    return this;
  },
  info() {
    return this;
  },
  debug() {
    return this;
  },
};

/**
 * A vega loader that reads nothing: data, images and links are all refused (and listed in `refused`, so the
 * render can fail), and whatever a spec names (a file, a web address) never reaches the page. A chart's
 * data are inline values. `sanitize` answers with an empty address rather than rejecting: vega's SVG
 * renderer reads the answer without a check, and a rejection would crash the process; vega treats an empty
 * address as nothing to load or link.
 */
export function nullLoader(refused: string[] = []): Loader {
  const refuse = (what: string) => (uri: string) => {
    refused.push(`${what} ${uri}`);
    return Promise.reject(new Error(`charts load nothing (refused ${what}: ${uri})`));
  };
  const sanitize = (uri: string) => {
    refused.push(`a link or image at ${uri}`);
    return Promise.resolve({ href: "" });
  };
  return { load: refuse("data from"), sanitize, http: refuse("over http"), file: refuse("the file") };
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
  const first = table.columns.find((c) => c.key === chart.y[0])!;
  const byStatus = statusSentence(points, (v) => (isNumeric(first) ? formatCell(v, first) : String(v)));
  return [...sentences.map((s) => s.charAt(0).toUpperCase() + s.slice(1)), ...(byStatus ? [byStatus] : [])].join(" ");
}

/** What a chart's colours say, in words: each status in the scale's order, with its categories. */
function statusSentence(points: readonly ChartPoint[], fmt: (value: number) => string): string | undefined {
  const statuses = statusesOf(points);
  if (statuses.length === 0) return undefined;
  // Bars that are the statuses (a count by status): each status with its figure.
  if (points.every((p) => p.category === p.status?.label)) return `By status: ${points.map((p) => `${p.category} ${fmt(p.value)}`).join(", ")}.`;
  const parts = statuses.map((s) => `${s.label}: ${points.filter((p) => p.status?.label === s.label).map((p) => p.category.slice(0, -` (${s.label})`.length)).join(", ")}`);
  return `Coloured by status: ${parts.join("; ")}.`;
}
