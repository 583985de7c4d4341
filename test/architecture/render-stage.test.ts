/**
 * HTML is made in one stage only. The build returns a typed model (src/model/), and only the render stage
 * (src/render/, the Eleventy plugin and filters in src/site/, driven by src/pipeline/render.ts) turns it into
 * HTML. Checked twice: statically (which modules may use the means of making HTML) and by running `check`
 * on the tests' main fixture with the renderer and the chart drawing made to fail if called.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { filesUnder } from "../../src/lib/files.ts";
import { fixturePath, ROOT } from "../helpers.ts";

vi.mock("../../src/site/nunjucks.ts", () => ({
  createRenderer: () => {
    throw new Error("check created a renderer");
  },
}));
vi.mock("../../src/render/charts.ts", () => ({
  setChartCache: () => {},
  drawChart: () => {
    throw new Error("check drew a chart");
  },
  renderChartSvg: () => {
    throw new Error("check drew a chart");
  },
}));

/** Modules of the render stage, and why anything else below may make markup. */
const RENDER_STAGE = [/^src\/render\//, /^src\/site\//, /^src\/pipeline\/render\.ts$/];
const OWN_DOCUMENTS = new Map([
  ["src/diff/render.ts", "the diff command's own report, not a page of the site"],
  ["src/serve/error-page.ts", "the preview server's page for a failed build"],
  ["src/serve/server.ts", "the preview server's reload script"],
  ["src/lib/html.ts", "defines escaping, for the render stage and the documents above"],
]);
/** The means of making HTML: escaping, markdown-it's renderer, Nunjucks, vega's SVG, and the render stage's own functions. */
const MAKES_HTML = [
  { what: "escapes HTML", pattern: /\bescapeHtml\(|utils\.escapeHtml/ },
  { what: "renders Markdown", pattern: /\.renderer\.render\(|\bmd\.render(Inline)?\(|\.renderInline\(/ },
  { what: "uses Nunjucks", pattern: /from "nunjucks"|\.renderString\(/ },
  { what: "draws SVG", pattern: /\.toSVG\(/ },
  { what: "calls the render stage", pattern: /\b(renderBody|renderTokens|renderMarkdown|renderKindBlock|drawCharts?|renderChartSvg|renderSite)\(/ },
];

describe("HTML is made in one stage", () => {
  it("no module outside the render stage has the means of making HTML (the driver only calls it)", () => {
    const offenders: string[] = [];
    for (const file of filesUnder(join(ROOT, "src")).filter((f) => f.endsWith(".ts"))) {
      const path = `src/${file}`;
      if (RENDER_STAGE.some((re) => re.test(path)) || OWN_DOCUMENTS.has(path)) continue;
      // Comments may name these functions; only code counts.
      const code = readFileSync(join(ROOT, path), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      for (const { what, pattern } of MAKES_HTML) {
        if (!pattern.test(code)) continue;
        // The driver (src/pipeline/index.ts) runs every stage in turn: it may call renderSite and nothing else of the stage.
        if (path === "src/pipeline/index.ts" && what === "calls the render stage" && !/\b(renderBody|renderTokens|renderMarkdown|renderKindBlock|drawCharts?|renderChartSvg)\(/.test(code)) continue;
        offenders.push(`${path} ${what}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("check builds the whole model without a renderer and without drawing a chart, and the model holds no HTML", async () => {
    const { check } = await import("../../src/pipeline/index.ts");
    const { problems, site } = await check(fixturePath("harrowdene"));
    expect(problems.errorCount).toBe(0);
    const papers = site.meetings.flatMap((m) => m.papers);
    expect(papers.length).toBeGreaterThan(3);
    expect(papers.some((p) => p.charts.length > 0)).toBe(true);
    // Markdown tokens hold text; tables hold cells; charts hold specs. None holds a tag.
    const json = JSON.stringify(site, (_key, value: unknown) => (typeof value === "function" ? undefined : value));
    const tags = [...json.matchAll(/<\/?(p|h[1-6]|table|tr|td|th|span|a|svg|figure|section|aside|div|ul|ol|li)\b[^>]*>/g)].map((m) => m[0]);
    expect(tags).toEqual([]);
    expect(relative(ROOT, fixturePath("harrowdene"))).toBe("test/fixtures/projects/harrowdene");
  });
});
