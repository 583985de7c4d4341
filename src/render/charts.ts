/**
 * Charts drawn to SVG: the render stage draws every chart of the model (a ChartView's `drawing`, a
 * vega-lite spec with its title and summary) before the templates print them.
 */
import type { TopLevelSpec } from "vega-lite";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { escapeHtml } from "../lib/html.ts";
import { CHART_LIBRARY_VERSIONS, noteCompiledShapesIn, nullLoader, SILENT, takeCompiled } from "../charts/chart.ts";
import type { ChartDrawing } from "../model/view.ts";

/**
 * Rendered charts are cached by content: the same spec, labels and vega versions always draw the same
 * SVG, so a rebuild (or the same chart in another meeting) reuses it. The pipeline sets the folder.
 * The SVG goes into the page as markup, so a cached file is used only if it matches the digest recorded
 * when it was written (`<key>.sha256`, over key and SVG): a changed, truncated or swapped file is redrawn.
 */
let svgCacheDir: string | undefined;
let svgCacheRead = true;
const memory = new Map<string, string>();
/**
 * The chart cache's folder, for the SVGs drawn and the spec shapes that compile (none: nothing kept). With
 * `read` false (a clean build) nothing kept is used, but what is drawn and compiled is kept for the next build.
 */
export function setChartCache(dir: string | undefined, read = true): void {
  // Another folder is another cache: start it clean rather than serve what this process drew for the last one.
  if (dir !== svgCacheDir || !read) memory.clear();
  svgCacheDir = dir;
  svgCacheRead = read;
  if (dir) mkdirSync(dir, { recursive: true });
  noteCompiledShapesIn(dir, read);
}

/** The digest recorded beside a cached SVG. The key is in it, so a file copied from another chart's entry fails. */
export function cacheDigest(key: string, svg: Buffer): string {
  return createHash("sha256").update(`${key}\n`).update(svg).digest("hex");
}

/** A cached SVG, if there is one whose bytes match the digest recorded with it. */
function readCached(dir: string, key: string): string | undefined {
  try {
    const svg = readFileSync(join(dir, `${key}.svg`));
    const recorded = readFileSync(join(dir, `${key}.sha256`), "utf8").trim();
    return recorded === cacheDigest(key, svg) ? svg.toString("utf8") : undefined;
  } catch {
    return undefined;
  }
}

/** SVG first, digest last, each by rename: an interrupted write leaves an entry that does not verify. */
function writeCached(dir: string, key: string, svg: string): void {
  const bytes = Buffer.from(svg, "utf8");
  const put = (name: string, data: string | Buffer) => {
    const temp = join(dir, `${name}.${process.pid}.tmp`);
    writeFileSync(temp, data);
    renameSync(temp, join(dir, name));
  };
  put(`${key}.svg`, bytes);
  put(`${key}.sha256`, `${cacheDigest(key, bytes)}\n`);
}

export async function renderChartSvg(spec: TopLevelSpec, label: { title: string; description: string; id: string }): Promise<string> {
  const key = createHash("sha256").update(JSON.stringify([spec, label, CHART_LIBRARY_VERSIONS])).digest("hex");
  const cached = memory.get(key) ?? (svgCacheDir && svgCacheRead ? readCached(svgCacheDir, key) : undefined);
  if (cached !== undefined) {
    memory.set(key, cached);
    return cached;
  }
  const svg = await drawChartSvg(spec, label);
  memory.set(key, svg);
  if (svgCacheDir) writeCached(svgCacheDir, key, svg);
  return svg;
}

async function drawChartSvg(spec: TopLevelSpec, label: { title: string; description: string; id: string }): Promise<string> {
  const [vega, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  const runtime = takeCompiled(spec) ?? vega.parse(compile(spec, { logger: SILENT }).spec);
  const refused: string[] = [];
  // A refused load only makes vega warn and draw without it; the refusals are checked below instead.
  const view = new vega.View(runtime, { renderer: "none", loader: nullLoader(refused), logLevel: vega.Error });
  const svg = await view.toSVG().finally(() => view.finalize());
  if (refused.length > 0) throw new Error(`chart '${label.id}' tried to load ${refused.join(", ")}: charts take their data only from their table, and load nothing`);
  // Inside role="img" the chart is one image, named once: vega's own ARIA roles on marks (graphics-symbol)
  // would each need a name of their own (axe: svg-img-alt), so they are removed.
  return svg
    .replace(/ (?:role|aria-roledescription|aria-label)="[^"]*"/g, "")
    .replace(/^<svg /, `<svg role="img" aria-labelledby="${label.id}-title ${label.id}-desc" `)
    .replace(/(<svg[^>]*>)/, `$1<title id="${label.id}-title">${escapeHtml(label.title)}</title><desc id="${label.id}-desc">${escapeHtml(label.description)}</desc>`);
}

/** A drawing's SVG, its ids made those of the figure that shows it (a chart drawn once shows on the page and in the pack). */
export async function drawChart(drawing: ChartDrawing, figureId: string): Promise<string> {
  const svg = await renderChartSvg(drawing.spec, { id: drawing.id, title: drawing.title, description: drawing.description });
  return svg.replaceAll(`${drawing.id}-`, `${figureId}-chart-`);
}
