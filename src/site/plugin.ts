/**
 * The Eleventy plugin: gives the templates the built SiteView as global data and registers the
 * project's Nunjucks environment. Eleventy never reads content/ or data/ itself, so nothing
 * unvalidated can reach a page.
 */
import type { SiteView } from "../model/view.ts";
import type { Renderer } from "./nunjucks.ts";
import { AUTOMATED_CHECKS } from "../a11y/checks.ts";

interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  setLibrary(extension: string, library: unknown): void;
  addPassthroughCopy(paths: Record<string, string>): void;
  setQuietMode(quiet: boolean): void;
  setIncludesDirectory(dir: string): void;
  setLayoutsDirectory(dir: string): void;
}

export interface PluginOptions {
  site: SiteView;
  renderer: Renderer;
  /** Files copied as they are: source path (relative to the working directory) → output path. */
  passthrough: Record<string, string>;
}

export default function panelpress(eleventyConfig: EleventyConfig, options: PluginOptions): void {
  eleventyConfig.addGlobalData("site", options.site);
  eleventyConfig.addGlobalData("restrictedBuild", options.site.restricted);
  // The accessibility statement lists the checks the test suite makes (src/a11y/checks.ts).
  eleventyConfig.addGlobalData("accessibilityChecks", AUTOMATED_CHECKS);
  // One entry per paper page: the paper with its meeting and agenda item.
  eleventyConfig.addGlobalData(
    "papers",
    options.site.meetings.flatMap((meeting) =>
      [...meeting.publicItems, ...meeting.exemptItems].flatMap((item) => (item.paper ? [{ meeting, item, paper: item.paper }] : [])),
    ),
  );
  eleventyConfig.setLibrary("njk", options.renderer.env);
  eleventyConfig.addPassthroughCopy(options.passthrough);
  eleventyConfig.setQuietMode(true);
  // Input is templates/pages; components and layouts live beside it. (Eleventy never treats files in
  // these folders as pages; template includes resolve through the shared Nunjucks environment.)
  eleventyConfig.setIncludesDirectory("../components");
  eleventyConfig.setLayoutsDirectory("../layouts");
}
