/**
 * Markdown to HTML: the rules for the tokens of panelpress's dialect (src/markdown/index.ts parses them,
 * with references and embeds already resolved). This is where Markdown becomes HTML, and the only place.
 */
import MarkdownIt from "markdown-it";
import footnote from "markdown-it-footnote";
import type Token from "markdown-it/lib/token.mjs";
import type { Embed, EmbedMeta, ExemptSectionMeta, MarkdownText, RefMeta } from "../model/body.ts";
import { relativeTo } from "../lib/html.ts";

/** What rendering needs from outside Markdown: the HTML of an embedded figure or block, and the page it is for. */
export interface EmbedRenderer {
  embed(embed: Embed): string;
  /** The site path of the page (or print document) the HTML goes into: site paths in it are made relative to it. */
  pageUrl?: string;
  /**
   * The site path of the paper's own page, which an author's relative links are written against: in a print
   * document (another folder) they are made to lead where they lead from the paper's page.
   */
  paperUrl?: string;
}

// The same options as the parser's (src/markdown/index.ts): the renderer reads them too.
const md = new MarkdownIt({ html: false, linkify: false, typographer: true }).use(footnote);
const escape = md.utils.escapeHtml;

md.renderer.rules.pp_embed = (tokens, idx, _options, env: EmbedRenderer) => {
  const { embed } = tokens[idx]!.meta as EmbedMeta;
  return embed ? env.embed(embed) : "";
};
md.renderer.rules.pp_exempt_open = (tokens, idx) => {
  const { paragraphs, banner } = tokens[idx]!.meta as ExemptSectionMeta;
  return `<section class="exempt-material" data-schedule-12a="${paragraphs.join(",")}">\n<p class="exempt-banner">${escape(banner)}</p>\n`;
};
md.renderer.rules.pp_exempt_close = () => "</section>\n";
md.renderer.rules.pp_callout_open = () => '<aside class="callout">\n';
md.renderer.rules.pp_callout_close = () => "</aside>\n";
md.renderer.rules.pp_ref = (tokens, idx) => {
  const { type, id, found } = tokens[idx]!.meta as RefMeta;
  if (!found) return `<span class="ref-missing">[${escape(`${type}:${id}`)}]</span>`;
  const text = escape(found.text);
  return found.href ? `<a href="${escape(found.href)}">${text}</a>` : text;
};
// An image beside a paper is named by its site path (src/markdown/references.ts): written relative to the
// page it is shown on, like every other link of the site, so the site works from a sub-folder or file://.
md.renderer.rules.image = (tokens, idx, options, env: EmbedRenderer, self) => {
  const token = tokens[idx]!;
  const alt = self.renderInlineAsText(token.children ?? [], options, env);
  const attrs = (token.attrs ?? []).map(([name, value]) => [name, name === "alt" ? alt : name === "src" && /^\/(?!\/)/.test(value) && env.pageUrl ? relativeTo(value, env.pageUrl) : value] as const);
  return `<img${attrs.map(([name, value]) => ` ${name}="${escape(value)}"`).join("")}>`;
};
md.renderer.rules.link_open = (tokens, idx, options, env: EmbedRenderer, self) => {
  const token = tokens[idx]!;
  const href = token.attrGet("href");
  const moved = href !== null && env.paperUrl && env.pageUrl && env.paperUrl !== env.pageUrl ? fromPaperPage(href, env.paperUrl, env.pageUrl) : href;
  // The tokens are shared by the page and the print documents: rendered with the new address, never changed.
  if (moved === href) return self.renderToken(tokens, idx, options);
  return `<a${(token.attrs ?? []).map(([name, value]) => ` ${name}="${escape(name === "href" ? moved! : value)}"`).join("")}>`;
};
md.renderer.rules.pp_number = (tokens, idx) => `<span class="number">${escape(tokens[idx]!.content)}</span> `;

/** A link relative to the paper's page (not an address, a site path or a fragment), as written from `pageUrl`. */
function fromPaperPage(href: string, paperUrl: string, pageUrl: string): string {
  if (/^(?:[a-z][a-z0-9+.-]*:|\/|#)/i.test(href)) return href;
  const url = new URL(href, `https://site.invalid${paperUrl}`);
  return `${relativeTo(url.pathname, pageUrl)}${url.search}${url.hash}`;
}

const NO_EMBEDS: EmbedRenderer = { embed: () => "" };

/** The HTML of parsed Markdown: a body's tokens (with its embeds drawn by `embeds`), or short text. */
export function renderTokens(tokens: Token[], embeds: EmbedRenderer = NO_EMBEDS): string {
  return md.renderer.render(tokens, md.options, embeds);
}

/** The HTML of short Markdown (a notice, an agenda description, a table cell). */
export function renderMarkdown(text: MarkdownText): string {
  return renderTokens(text.tokens);
}
