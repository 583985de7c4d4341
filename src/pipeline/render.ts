/** Render: Eleventy writes the HTML site (and the print documents) from the built SiteView. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import panelpress, { type EleventyConfig } from "../site/plugin.ts";
import type { SiteView } from "../model/view.ts";
import type { Renderer } from "../site/nunjucks.ts";

const FONT_STYLES = ["400-normal", "400-italic", "600-normal", "700-normal"];
const FONT_FILES = FONT_STYLES.map((v) => `source-sans-3-latin-${v}.woff2`);
const fontSource = (root: string) => join(root, "node_modules", "@fontsource", "source-sans-3", "files");

/** The same typeface for print, as WOFF files fontconfig can install for Chromium (see src/print/print.ts). */
export function printFonts(root: string): string[] {
  return FONT_STYLES.map((v) => join(fontSource(root), `source-sans-3-latin-${v}.woff`));
}

export async function renderSite(options: {
  root: string;
  outDir: string;
  site: SiteView;
  renderer: Renderer;
  downloads: Map<string, string | Buffer>;
  /** Render the print documents (templates/pages/print-*.njk): only when something will print them. */
  printDocuments: boolean;
}): Promise<void> {
  const { root, outDir } = options;
  const fontDir = relative(process.cwd(), fontSource(root));
  const passthrough: Record<string, string> = {
    [relative(process.cwd(), join(root, "templates", "assets"))]: "assets",
    ...Object.fromEntries(FONT_FILES.map((f) => [join(fontDir, f), `assets/fonts/${f}`])),
  };
  const { default: Eleventy } = await import("@11ty/eleventy");
  // Eleventy globs relative to the working directory: absolute input paths find nothing.
  const input = relative(process.cwd(), join(root, "templates", "pages")) || ".";
  const eleventy = new Eleventy(input, relative(process.cwd(), outDir), {
    quietMode: true,
    configPath: join(root, ".eleventy.js"),
    config(eleventyConfig: EleventyConfig) {
      panelpress(eleventyConfig, { site: options.site, renderer: options.renderer, passthrough });
      if (!options.printDocuments) eleventyConfig.ignores.add(`${input}/print-*.njk`);
    },
  });
  await eleventy.write();
  for (const [path, content] of options.downloads) {
    const file = join(outDir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}
