/**
 * A paper's body as the build leaves it: Markdown tokens (markdown-it's, parsed and numbered) whose
 * references are resolved to text and whose embeds are resolved to model objects. No HTML: the render
 * stage (src/render/) turns it into HTML, once, for the page and again for the agenda pack.
 */
import type Token from "markdown-it/lib/token.mjs";
import type { ChartView, TableView } from "./view.ts";

/** A block a report kind draws with one of its own templates (src/kinds/<kind>/templates/<name>.njk). */
export interface KindBlock {
  /** The kind's templates folder (absolute). */
  templates: string;
  name: string;
  /** What the template prints: computed by the kind, never calculated in the template. */
  params: object;
}

/** What `::: table|chart|block <id>` stands for. */
export type Embed =
  | { type: "table"; table: TableView }
  | { type: "chart"; chart: ChartView }
  | { type: "block"; block: KindBlock };

/** A reference `[@type:id]` as found: the text it prints and where it links, or null (printed as missing). */
export interface Resolved {
  text: string;
  href?: string;
}

/** A `pp_ref` token's meta. */
export interface RefMeta {
  type: string;
  id: string;
  /** Set by the build once the whole body is numbered. */
  found?: Resolved | null;
}

/** A `pp_embed` token's meta. */
export interface EmbedMeta {
  kind: "table" | "chart" | "block";
  id: string;
  /** Set by the build: the figure or block (null when there is none, and the problem is reported). */
  embed?: Embed | null;
}

/** A `pp_exempt_open` token's meta (restricted builds only): the appendix's paragraphs and its banner. */
export interface ExemptSectionMeta {
  paragraphs: number[];
  banner: string;
}

/** Parsed Markdown: a body's block tokens, or one inline token (agenda descriptions, table cells). */
export interface MarkdownText {
  tokens: Token[];
}

/** A paper's body: Markdown parts and kind blocks, in order. */
export type BodyPart = { type: "markdown"; tokens: Token[] } | { type: "block"; block: KindBlock };
