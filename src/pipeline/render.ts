/** Render: Eleventy writes the HTML site (and the print documents) from the built SiteView; the only stage that makes HTML. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import panelpress, { type EleventyConfig } from "../site/plugin.ts";
import type { SiteView } from "../model/view.ts";
import { createRenderer } from "../site/nunjucks.ts";
import { drawCharts, renderBody } from "../render/body.ts";

const FONT_STYLES = ["400-normal", "400-italic", "600-normal", "700-normal"];
const FONT_FILES = FONT_STYLES.map((v) => `source-sans-3-latin-${v}.woff2`);
const fontSource = (root: string) => join(root, "node_modules", "@fontsource", "source-sans-3", "files");

/** The same typeface for print, as WOFF files fontconfig can install for Chromium (see src/print/print.ts). */
export function printFonts(root: string): string[] {
  return FONT_STYLES.map((v) => join(fontSource(root), `source-sans-3-latin-${v}.woff`));
}

/** What printing measured, for the pages that show it: page ranges in the pack, and each PDF's facts. */
export interface Printed {
  /** Meeting id → agenda item anchor → its pages in the pack ("14 - 72"). */
  ranges: Record<string, Record<string, string>>;
  /** A PDF's site path → "PDF, 19 pages, 1.2 MB". */
  pdfs: Record<string, string>;
}

export const NOTHING_PRINTED: Printed = { ranges: {}, pdfs: {} };

/**
 * Render the site from the model with Eleventy, in one of two passes: the print documents
 * (templates/pages/print-*.njk), which the printer measures, then the pages, which show what it measured.
 */
export async function renderSite(options: {
  root: string;
  outDir: string;
  site: SiteView;
  documents: "print" | "pages";
  printed?: Printed;
  /** Data downloads and images written beside the papers (before printing: the print documents show the images). */
  downloads?: Map<string, string | Buffer>;
}): Promise<void> {
  const { root, outDir } = options;
  const renderer = createRenderer(root);
  // Charts are drawn first (drawing is asynchronous; templates are not); a paper's body prints with
  // `| body(page.url)`, and in a print document `| body(page.url, paper.url)`.
  const svgs = await drawCharts(options.site.meetings);
  renderer.env.addFilter("body", (parts: Parameters<typeof renderBody>[0], pageUrl: string, paperUrl?: string) => renderBody(parts, pageUrl, renderer, svgs, paperUrl));
  const fontDir = relative(process.cwd(), fontSource(root));
  const passthrough: Record<string, string> = {
    [relative(process.cwd(), join(root, "templates", "assets"))]: "assets",
    ...Object.fromEntries(FONT_FILES.map((f) => [join(fontDir, f), `assets/fonts/${f}`])),
  };
  // Eleventy registers a module-resolution hook, to reload a changed ESM data file in its --watch mode, which
  // panelpress never uses; on Node 20 that hook sends every later import of the process through a loader
  // thread (about 0.15 s of a cold build). Its own switch turns it off.
  process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
  const { default: Eleventy } = await import("@11ty/eleventy");
  // Eleventy globs relative to the working directory: absolute input paths find nothing.
  const input = relative(process.cwd(), join(root, "templates", "pages")) || ".";
  const isPrintDocument = (file: string) => file.startsWith("print-");
  const skipped = readdirSync(join(root, "templates", "pages")).filter((file) => isPrintDocument(file) !== (options.documents === "print"));
  const eleventy = new Eleventy(input, relative(process.cwd(), outDir), {
    quietMode: true,
    // The project's own Eleventy configuration, if it has one (panelpress's plugin sets all it needs).
    ...(existsSync(join(root, ".eleventy.js")) ? { configPath: join(root, ".eleventy.js") } : {}),
    config(eleventyConfig: EleventyConfig) {
      panelpress(eleventyConfig, { site: options.site, renderer, passthrough, printed: options.printed ?? NOTHING_PRINTED });
      for (const file of skipped) eleventyConfig.ignores.add(`${input}/${file}`);
    },
  });
  // Its "Wrote N files" line is printed even in quiet mode; the build reports what it made itself.
  eleventy.disableLogger();
  await eleventy.write();
  for (const [path, content] of options.downloads ?? []) {
    const file = join(outDir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}
