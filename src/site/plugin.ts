/**
 * The Eleventy plugin: gives the templates the built SiteView as global data and registers the
 * project's Nunjucks environment. Eleventy never reads content/ or data/ itself, so nothing
 * unvalidated can reach a page.
 */
import type { AgendaItemView, MeetingView, PaperView, SiteView } from "../model/view.ts";
import type { Renderer } from "./nunjucks.ts";
import { AUTOMATED_CHECKS } from "../a11y/checks.ts";

export interface EleventyConfig {
  ignores: { add(glob: string): void };
  addGlobalData(name: string, value: unknown): void;
  setLibrary(extension: string, library: unknown): void;
  addPassthroughCopy(paths: Record<string, string>): void;
  setQuietMode(quiet: boolean): void;
  setIncludesDirectory(dir: string): void;
  setLayoutsDirectory(dir: string): void;
  setUseTemplateCache(use: boolean): void;
}

/** The data of one paper page (the `papers` pagination). */
interface PaperEntry {
  meeting: MeetingView;
  item: AgendaItemView;
  paper: PaperView;
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
    options.site.meetings.flatMap((meeting): PaperEntry[] =>
      [...meeting.publicItems, ...meeting.exemptItems].flatMap((item) => (item.paper ? [{ meeting, item, paper: item.paper }] : [])),
    ),
  );
  // A paper page's breadcrumbs name its own meeting. (Computed here, not in the template's front matter:
  // Eleventy computed the nested template strings once for all paginated pages, so every paper linked to
  // the newest meeting.)
  eleventyConfig.addGlobalData("eleventyComputed", {
    breadcrumbs: (data: { entry?: PaperEntry; breadcrumbs?: unknown }) =>
      data.entry
        ? [{ url: "/", title: "Meetings" }, { url: data.entry.meeting.url, title: `${data.entry.meeting.committee.name}, ${data.entry.meeting.dateText}` }]
        : data.breadcrumbs,
  });
  eleventyConfig.setLibrary("njk", options.renderer.env);
  eleventyConfig.addPassthroughCopy(options.passthrough);
  eleventyConfig.setQuietMode(true);
  // Eleventy keeps layouts in a cache for the life of the process: `serve` and the tests build many
  // times in one process, and an edited layout must show the next time.
  eleventyConfig.setUseTemplateCache(false);
  // Input is templates/pages; components and layouts live beside it. (Eleventy never treats files in
  // these folders as pages; template includes resolve through the shared Nunjucks environment.)
  eleventyConfig.setIncludesDirectory("../components");
  eleventyConfig.setLayoutsDirectory("../layouts");
}
