import { describe, expect, it } from "vitest";
import { createMarkdown, parsePaperBody, type BodyEnv } from "../../src/markdown/index.ts";
import { renderTokens } from "../../src/render/markdown.ts";

/** Parse (the build) then render (the render stage); an embed renders as a stand-in figure naming its kind. */
function render(body: string, numbering: BodyEnv["numbering"] = "paragraphs") {
  const reports: Array<{ line: number; rule: string; message: string }> = [];
  const env: BodyEnv = {
    numbering, appendixLabels: "numeric", sectionLevel: 2, idPrefix: "", headings: [], paragraphs: new Map(), embeds: [],
    report: (line, _column, rule, message) => reports.push({ line, rule, message }),
    resolve: (type, id) => (type === "fig" && id === "known" ? { text: "Figure 1", href: "#fig-known" } : type === "para" ? (env.paragraphs.has(id) ? { text: `paragraph ${env.paragraphs.get(id)}` } : null) : null),
    embed: (kind, id) => (id === "known" ? { type: "block", block: { templates: "", name: kind, params: { id } } } : null),
  };
  const html = renderTokens(parsePaperBody(createMarkdown(), body, env), {
    embed: (embed) => (embed.type === "block" ? `<figure id="fig-${(embed.block.params as { id: string }).id}">${embed.block.name}</figure>` : ""),
  });
  return { html, env, reports };
}

describe("numbering", () => {
  const body = "## Purpose\n\nFirst.\n\n## Context\n\nOne.\n\n- a list\n\nTwo, see [@para:later]. {#two}\n\n### Detail\n\nThree. {#later}\n\n# Appendix: Data\n\nNot numbered.\n";
  it("numbers sections and paragraphs, never from the text", () => {
    const { html, env } = render(body);
    expect(html).toContain('<h2 id="section-1"><span class="number">1.</span> Purpose</h2>');
    expect(html).toContain('<span class="number">2.1.</span> One.');
    expect(html).toContain('<span class="number">2.2.</span> Two, see paragraph 2.3.');
    expect(html).toContain('<span class="number">2.3.</span> Three.');
    expect(html).toContain('<h2 id="appendix-1" class="appendix-heading">Appendix 1: Data</h2>');
    expect(html).toContain("<p>Not numbered.</p>");
    expect(env.paragraphs.get("two")).toBe("2.2");
  });
  it("numbers sections only", () => {
    const { html } = render(body, "sections");
    expect(html).toContain('<span class="number">2.</span> Context');
    expect(html).not.toContain("2.1.");
  });
  it("reports references that resolve to nothing, with their line", () => {
    const { reports } = render("## A\n\nSee [@fig:missing] and [@para:nowhere].\n\n::: table missing\n\n::: chartt x\n");
    expect(reports.map((r) => [r.rule, r.line]).sort()).toEqual([
      ["markdown/directive", 7],
      ["ref/unresolved", 3],
      ["ref/unresolved", 3],
    ]);
  });
  it("embeds figures and callouts", () => {
    const { html } = render("## A\n\n::: table known\n\n::: callout\nNote **this**.\n:::\n");
    expect(html).toContain('<figure id="fig-known">table</figure>');
    expect(html).toContain('<aside class="callout">');
    expect(html).toContain("<strong>this</strong>");
  });
  it("reports empty links and stray top-level headings", () => {
    const { reports } = render("# Not an appendix\n\n## A\n\nA [link]() here.\n");
    expect(reports.map((r) => r.rule).sort()).toEqual(["link/empty", "markdown/heading"]);
  });
});

describe("an author's links in a print document", () => {
  const tokens = () => {
    const env: BodyEnv = { numbering: "none", appendixLabels: "numeric", sectionLevel: 2, idPrefix: "", headings: [], paragraphs: new Map(), embeds: [], report: () => {}, resolve: () => null, embed: () => null };
    return parsePaperBody(createMarkdown(), '[minutes](../02-minutes/ "The minutes") [data](pay.csv?v=2#top) [site](/meetings/m/) [out](https://www.gov.uk/) [here](#top) [mail](mailto:a@b.uk)\n', env);
  };
  const links = (html: string) => [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);

  it("lead from the print document where they lead from the paper's page", () => {
    const html = renderTokens(tokens(), { embed: () => "", pageUrl: "/_print/m/pack.html", paperUrl: "/meetings/m/04-x/" });
    expect(links(html)).toEqual(["../../meetings/m/02-minutes/", "../../meetings/m/04-x/pay.csv?v=2#top", "/meetings/m/", "https://www.gov.uk/", "#top", "mailto:a@b.uk"]);
    expect(html).toContain('title="The minutes"');
  });

  it("are as written on the paper's own page", () => {
    const written = ["../02-minutes/", "pay.csv?v=2#top", "/meetings/m/", "https://www.gov.uk/", "#top", "mailto:a@b.uk"];
    expect(links(renderTokens(tokens(), { embed: () => "", pageUrl: "/meetings/m/04-x/", paperUrl: "/meetings/m/04-x/" }))).toEqual(written);
    expect(links(renderTokens(tokens(), { embed: () => "", pageUrl: "/meetings/m/04-x/" }))).toEqual(written);
  });
});
