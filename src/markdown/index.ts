/**
 * The Markdown dialect of papers: markdown-it plus
 *  - generated numbering: `## Heading` → "4. Heading", top-level paragraphs → "4.1." (per paper setting);
 *  - `# Appendix: Title` → "Appendix 1: Title" (numbering stops inside appendices);
 *  - `::: table id` / `::: chart id` on a line of their own embed a figure from the paper's data;
 *    `::: block id` a block of HTML a report kind renders (e.g. a progress table);
 *  - `::: callout` … `:::` a highlighted box;
 *  - `[@fig:id]`, `[@para:id]`, `[@value:key]`, `[@meeting:field]`, `[@committee:field]` references;
 *  - `{#id}` at the end of a paragraph names it for `[@para:id]`;
 *  - footnotes (markdown-it-footnote).
 * Anything that does not resolve is reported with its line; the Markdown never throws for content.
 *
 * This module parses: it leaves tokens whose references and embeds are resolved to model objects
 * (src/model/body.ts). The render stage (src/render/markdown.ts) turns them into HTML.
 *
 * Each extension is a file of its own: `directives.ts` (`:::` lines), `references.ts` (`[@type:id]`, and the
 * checks of images and links), `paragraph-ids.ts` (`{#id}`), `exempt-sections.ts` (exempt appendices) and
 * `numbering.ts` (sections, paragraphs, appendices, headings). This file puts them together in order and
 * holds what they share: the parser's types, parsing a body or a short text, and the plain text of either.
 */
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import footnote from "markdown-it-footnote";
import type { Embed, EmbedMeta, MarkdownText, RefMeta, Resolved } from "../model/body.ts";
import { directiveRule } from "./directives.ts";
import { columnOf, refRule } from "./references.ts";
import { paragraphIdRule } from "./paragraph-ids.ts";
import { exemptSectionsRule } from "./exempt-sections.ts";
import { numberingRule } from "./numbering.ts";

export type Numbering = "none" | "sections" | "paragraphs";

export interface Heading {
  level: number; // 2 = section or appendix, 3 = subheading
  id: string;
  number: string | null; // "4" for sections, "Appendix 1" for appendices
  text: string;
  appendix: boolean;
}

/** What the parser needs to know and fills in while it numbers a body. */
export interface BodyEnv {
  numbering: Numbering;
  appendixLabels: "numeric" | "alpha";
  /** Heading level of a section (2 on a paper page, 3 inside the pack). */
  sectionLevel: number;
  /** Prefix for generated ids, unique within the output document. */
  idPrefix: string;
  /** Resolve a reference; return null when it does not exist. */
  resolve(type: string, id: string): Resolved | null;
  /** A hint for a reference that resolves to nothing ("did you mean …"), where one can be given. */
  suggest?(type: string, id: string): string | undefined;
  /** The model object of an embedded figure or block; null when there is none (the caller reports it). */
  embed(kind: "table" | "chart" | "block", id: string): Embed | null;
  /** Report a problem at a 1-based line of the body. */
  report(line: number, column: number, rule: string, message: string, hint?: string): void;
  /** Filled in by parsing. */
  headings: Heading[];
  paragraphs: Map<string, string>;
  /** Ids of figures, in the order they are embedded. */
  embeds: Array<{ kind: "table" | "chart" | "block"; id: string }>;
}

export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
  md.use(footnote);
  md.block.ruler.before("fence", "pp_directive", directiveRule, { alt: ["paragraph"] });
  md.inline.ruler.before("link", "pp_ref", refRule);
  md.core.ruler.push("pp_paragraph_ids", paragraphIdRule);
  md.core.ruler.push("pp_exempt_sections", exemptSectionsRule);
  md.core.ruler.push("pp_numbering", numberingRule);

  // Links: an empty target is a content mistake (reported in the core rule); keep the text.
  return md;
}

/**
 * Parse a paper body: number it, check paragraph references (which need the whole body numbered first),
 * then resolve every reference and embed to what it stands for. The tokens are the body's model.
 */
export function parsePaperBody(md: MarkdownIt, body: string, env: BodyEnv): Token[] {
  const tokens = md.parse(body, env);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== "inline") continue;
    const line = tokens[i - 1]?.map ? tokens[i - 1]!.map![0] + 1 : 1;
    for (const child of token.children ?? []) {
      if (child.type !== "pp_ref") continue;
      const { type, id } = child.meta as RefMeta;
      if (type === "para" && !env.paragraphs.has(id)) {
        env.report(line, columnOf(token.content, child.content), "ref/unresolved", `'${child.content}' refers to nothing: no paragraph has the id '${id}'`, "end the paragraph you mean with {#" + id + "}");
      }
    }
  }
  resolveTokens(tokens, env);
  return tokens;
}

/** Parse short Markdown (agenda descriptions, notices, table cells) with the same references: inline, or block when it has several lines. */
export function parseMarkdown(md: MarkdownIt, text: string, env: BodyEnv, options: { inline: boolean }): MarkdownText {
  const tokens = options.inline ? md.parseInline(text, env) : md.parse(text, env);
  resolveTokens(tokens, env);
  return { tokens };
}

/** An environment that numbers nothing and resolves nothing (table cells), reporting to `report`. */
export function plainEnv(report: BodyEnv["report"] = () => {}, resolve: BodyEnv["resolve"] = () => null): BodyEnv {
  return {
    numbering: "none", appendixLabels: "numeric", sectionLevel: 2, idPrefix: "", headings: [], paragraphs: new Map(), embeds: [],
    report, resolve, embed: () => null,
  };
}

/** Each reference gets what it resolves to, each embed its model object, in reading order. */
function resolveTokens(tokens: Token[], env: BodyEnv): void {
  for (const token of tokens) {
    if (token.type === "pp_embed") {
      const meta = token.meta as EmbedMeta;
      meta.embed = env.embed(meta.kind, meta.id);
    }
    for (const child of token.children ?? []) {
      if (child.type !== "pp_ref") continue;
      const meta = child.meta as RefMeta;
      meta.found = env.resolve(meta.type, meta.id);
    }
  }
}

/** The words of parsed Markdown, without markup (for comparing and searching, never for printing). */
export function plainText(text: MarkdownText): string {
  const words: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.children) walk(token.children);
      else if (token.type === "text" || token.type === "code_inline" || token.type === "code_block" || token.type === "fence") words.push(token.content);
      else if (token.type === "pp_ref") words.push((token.meta as RefMeta).found?.text ?? "");
      else if (token.type === "softbreak" || token.type === "hardbreak" || token.nesting !== 0) words.push(" ");
    }
  };
  walk(text.tokens);
  return words.join("").replace(/\s+/g, " ").trim();
}

/** The references in parsed Markdown that resolved to nothing, as written ("[@fig:nowhere]"). */
export function unresolvedRefs(text: MarkdownText): string[] {
  const out: string[] = [];
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.children) walk(token.children);
      if (token.type === "pp_ref" && !(token.meta as RefMeta).found) out.push(token.content);
    }
  };
  walk(text.tokens);
  return out;
}
