/**
 * A paper's body to HTML: its Markdown parts through src/render/markdown.ts, its figures through the shared
 * components (templates/components/data-table.njk, chart-figure.njk), its kind's blocks through the kind's
 * own templates. Charts are drawn beforehand (drawCharts), since drawing is asynchronous and templates are not.
 */
import type { BodyPart, Embed } from "../model/body.ts";
import type { ChartView, MeetingView } from "../model/view.ts";
import type { Renderer } from "../site/nunjucks.ts";
import type Token from "markdown-it/lib/token.mjs";
import type { EmbedMeta } from "../model/body.ts";
import { renderTokens } from "./markdown.ts";
import { renderKindBlock } from "./kind-blocks.ts";
import { drawChart } from "./charts.ts";

/** Each chart's SVG, by ChartView.key. */
export type ChartSvgs = ReadonlyMap<string, string>;

/** A paper's body as HTML for the page (or print document) at site path `pageUrl`; `paperUrl` is the paper's own page. */
export function renderBody(parts: BodyPart[], pageUrl: string, renderer: Renderer, svgs: ChartSvgs, paperUrl?: string): string {
  const embeds = { embed: (embed: Embed) => renderEmbed(embed, renderer, svgs, pageUrl), pageUrl, paperUrl };
  return parts.map((part) => (part.type === "block" ? renderKindBlock(part.block) : renderTokens(part.tokens, embeds))).join("");
}

function renderEmbed(embed: Embed, renderer: Renderer, svgs: ChartSvgs, pageUrl: string): string {
  switch (embed.type) {
    case "table": return renderer.component("data-table", { table: embed.table });
    case "chart": return renderer.component("chart-figure", { chart: embed.chart, svg: svgs.get(embed.chart.key) ?? "", pageUrl });
    case "block": return renderKindBlock(embed.block);
  }
}

/** Draw every chart the meetings' papers show, on their pages and in their packs. */
export async function drawCharts(meetings: MeetingView[]): Promise<Map<string, string>> {
  const svgs = new Map<string, string>();
  for (const chart of meetings.flatMap((m) => m.papers.flatMap((p) => [...chartsOf(p.body), ...chartsOf(p.packBody)]))) {
    svgs.set(chart.key, await drawChart(chart.drawing, chart.id));
  }
  return svgs;
}

function chartsOf(parts: BodyPart[]): ChartView[] {
  const tokens: Token[] = parts.flatMap((part) => (part.type === "markdown" ? part.tokens : []));
  return tokens.flatMap((token) => {
    const embed = token.type === "pp_embed" ? (token.meta as EmbedMeta).embed : undefined;
    return embed?.type === "chart" ? [embed.chart] : [];
  });
}
