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
 */
import MarkdownIt from "markdown-it";
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import footnote from "markdown-it-footnote";
import { toLetters } from "../lib/format.ts";
import { EXEMPT_MARKER } from "../exempt/appendix.ts";
import { appendixBanner } from "../exempt/wording.ts";
import type { Embed, EmbedMeta, ExemptSectionMeta, MarkdownText, RefMeta, Resolved } from "../model/body.ts";

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

const REF_TYPES = ["fig", "para", "value", "meeting", "committee"] as const;

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

/** The embed directive, `::: table|chart|block <id>` on a line of its own: the one definition of it. */
export const EMBED_LINE = /^\s*:::\s*(table|chart|block)\s+([A-Za-z0-9_-]+)\s*$/;

/** The ids a body places with `::: table <id>` or `::: chart <id>`, in order, each with its 1-based line. */
export function placedFigures(body: string): Array<{ kind: "table" | "chart"; id: string; line: number }> {
  return body.split("\n").flatMap((text, index) => {
    const match = EMBED_LINE.exec(text);
    return match && match[1] !== "block" ? [{ kind: match[1] as "table" | "chart", id: match[2]!, line: index + 1 }] : [];
  });
}

/** The 1-based line of the first `::: <kind> <id>` for that id (1 when there is none). */
export function embedLine(body: string, id: string): number {
  const index = body.split("\n").findIndex((text) => EMBED_LINE.exec(text)?.[2] === id);
  return index < 0 ? 1 : index + 1;
}

/** `::: table id`, `::: chart id` (one line) and `::: callout` … `:::` (a container). */
function directiveRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  const line = state.src.slice(start, state.eMarks[startLine]).trim();
  if (!line.startsWith(":::")) return false;
  const embed = EMBED_LINE.exec(line);
  if (embed) {
    if (silent) return true;
    const token = state.push("pp_embed", "", 0);
    token.info = `${embed[1]} ${embed[2]}`;
    token.meta = { kind: embed[1] as EmbedMeta["kind"], id: embed[2]! } satisfies EmbedMeta;
    token.map = [startLine, startLine + 1];
    state.line = startLine + 1;
    return true;
  }
  if (/^:::\s*callout\s*$/.test(line)) {
    let next = startLine + 1;
    while (next < endLine) {
      const text = state.src.slice(state.bMarks[next]! + state.tShift[next]!, state.eMarks[next]).trim();
      if (text === ":::") break;
      next++;
    }
    if (silent) return true;
    const open = state.push("pp_callout_open", "aside", 1);
    open.map = [startLine, next];
    const oldParent = state.parentType;
    const oldLineMax = state.lineMax;
    state.parentType = "blockquote" as typeof state.parentType;
    state.lineMax = next;
    state.md.block.tokenize(state, startLine + 1, next);
    state.parentType = oldParent;
    state.lineMax = oldLineMax;
    state.push("pp_callout_close", "aside", -1);
    state.line = Math.min(next + 1, endLine);
    return true;
  }
  if (silent) return false;
  // An unknown directive: keep it visible as text, and say so.
  const token = state.push("pp_bad_directive", "", 0);
  token.content = line;
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}

/** `[@type:id]` */
function refRule(state: StateInline, silent: boolean): boolean {
  const src = state.src.slice(state.pos);
  const match = /^\[@([a-z]+):([A-Za-z0-9_.-]+)\]/.exec(src);
  if (!match) return false;
  if (!silent) {
    const token = state.push("pp_ref", "", 0);
    token.meta = { type: match[1]!, id: match[2]! } satisfies RefMeta;
    token.content = match[0];
  }
  state.pos += match[0].length;
  return true;
}

/**
 * An exempt appendix (`# Appendix: Title {exempt=3}`) reaches the parser only in a restricted build (the
 * public body has it blanked out, see src/exempt/appendix.ts, which also refuses any malformed marker
 * before this runs): wrap it, up to the next appendix, in a marked section and drop the marker.
 */
function exemptSectionsRule(state: StateCore): void {
  const tokens = state.tokens;
  let open = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== "heading_open" || token.tag !== "h1") continue;
    const inline = tokens[i + 1]!;
    const match = EXEMPT_MARKER.exec(inline.content);
    if (open) {
      tokens.splice(i, 0, new state.Token("pp_exempt_close", "section", -1));
      open = false;
      i++;
    }
    if (!match) continue;
    const paragraphs = match[1]!.split(",").map((p) => p.trim()).filter(Boolean).map(Number);
    inline.content = inline.content.slice(0, match.index);
    const last = inline.children?.[inline.children.length - 1];
    if (last?.type === "text") last.content = last.content.replace(EXEMPT_MARKER, "");
    const start = new state.Token("pp_exempt_open", "section", 1);
    start.meta = { paragraphs, banner: appendixBanner(paragraphs) } satisfies ExemptSectionMeta;
    tokens.splice(i, 0, start);
    open = true;
    i++;
  }
  if (open) tokens.push(new state.Token("pp_exempt_close", "section", -1));
}

/** `text {#my-id}` at the end of a paragraph names it. */
function paragraphIdRule(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.type !== "paragraph_open") continue;
    const inline = tokens[i + 1];
    const last = inline?.children?.[inline.children.length - 1];
    if (!inline || !last || last.type !== "text") continue;
    const match = /\s*\{#([A-Za-z0-9_-]+)\}\s*$/.exec(last.content);
    if (!match) continue;
    last.content = last.content.slice(0, match.index);
    tokens[i]!.meta = { ...(tokens[i]!.meta ?? {}), paraId: match[1] };
  }
}

function numberingRule(state: StateCore): void {
  const env = state.env as BodyEnv;
  const tokens = state.tokens;
  let section = 0;
  let paragraph = 0;
  let appendix = 0;
  let inAppendix = false;
  const lineOf = (token: Token) => (token.map ? token.map[0] + 1 : 1);

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === "pp_bad_directive") {
      env.report(lineOf(token), 1, "markdown/directive", `'${token.content}' is not a directive`, "use '::: table <id>', '::: chart <id>', '::: block <id>' or '::: callout' … ':::'");
      token.type = "html_block";
      token.content = "";
    }
    if (token.type === "pp_embed") {
      const { kind, id } = token.meta as EmbedMeta;
      env.embeds.push({ kind, id });
    }
    if (token.type === "inline") checkInline(token, tokens[i - 1], env);

    if (token.type === "heading_open") {
      const inline = tokens[i + 1]!;
      const close = tokens[i + 2]!;
      const text = inline.content;
      const markdownLevel = Number(token.tag.slice(1));
      const appendixMatch = markdownLevel === 1 ? /^Appendix\s*:\s*(.+)$/i.exec(text) : null;
      if (markdownLevel === 1 && !appendixMatch) {
        env.report(lineOf(token), 1, "markdown/heading", "a '#' heading is only for appendices ('# Appendix: Title')", "use '##' for a section and '###' for a subheading");
      }
      if (appendixMatch) {
        inAppendix = true;
        appendix++;
        const label = `Appendix ${env.appendixLabels === "alpha" ? toLetters(appendix) : appendix}`;
        const id = `${env.idPrefix}appendix-${appendix}`;
        setText(inline, `${label}: ${appendixMatch[1]}`, state);
        setHeading(token, close, env.sectionLevel, id, "appendix-heading");
        env.headings.push({ level: 2, id, number: label, text: appendixMatch[1]!, appendix: true });
        continue;
      }
      if (markdownLevel === 2 && !inAppendix) {
        section++;
        paragraph = 0;
        const id = `${env.idPrefix}section-${section}`;
        if (env.numbering !== "none") prependNumber(inline, `${section}.`, state);
        setHeading(token, close, env.sectionLevel, id);
        env.headings.push({ level: 2, id, number: env.numbering === "none" ? null : String(section), text, appendix: false });
        continue;
      }
      const level = Math.min(6, env.sectionLevel + markdownLevel - 2);
      const id = `${env.idPrefix}${inAppendix ? `appendix-${appendix}` : `section-${section}`}-${slug(text)}`;
      setHeading(token, close, level, id);
      if (markdownLevel === 3) env.headings.push({ level: 3, id, number: null, text, appendix: inAppendix });
      continue;
    }

    if (token.type === "paragraph_open" && token.level === 0 && !token.hidden) {
      const paraId = (token.meta as { paraId?: string } | null)?.paraId;
      if (env.numbering === "paragraphs" && section > 0 && !inAppendix) {
        paragraph++;
        const number = `${section}.${paragraph}`;
        prependNumber(tokens[i + 1]!, `${number}.`, state);
        token.attrSet("class", "numbered");
        token.attrSet("id", `${env.idPrefix}para-${section}-${paragraph}`);
        if (paraId) {
          if (env.paragraphs.has(paraId)) env.report(lineOf(token), 1, "ref/duplicate-id", `paragraph id '${paraId}' is used twice`);
          env.paragraphs.set(paraId, number);
        }
      } else if (paraId) {
        env.report(lineOf(token), 1, "ref/unnumbered", `paragraph id '${paraId}' names a paragraph that has no number`, "paragraph ids need 'numbering: paragraphs' and a paragraph inside a numbered section");
      }
    }
  }
}

function checkInline(inline: Token, parent: Token | undefined, env: BodyEnv): void {
  const line = parent?.map ? parent.map[0] + 1 : 1;
  for (const child of inline.children ?? []) {
    if (child.type === "pp_ref") {
      const { type, id } = child.meta as RefMeta;
      const column = columnOf(inline.content, child.content);
      if (!(REF_TYPES as readonly string[]).includes(type)) {
        env.report(line, column, "ref/unknown-type", `'${child.content}' is not a kind of reference`, `use one of: ${REF_TYPES.map((t) => `[@${t}:…]`).join(", ")}`);
      } else if (type !== "para" && !env.resolve(type, id)) {
        // Paragraph references resolve after numbering; they are checked when rendered (see renderPaperBody).
        env.report(line, column, "ref/unresolved", `'${child.content}' refers to nothing: there is no ${type} '${id}'`, type === "fig" ? "use the id of a table or chart in this paper's data file" : undefined);
      }
    }
    if (child.type === "image") {
      const src = child.attrGet("src") ?? "";
      // Images must be files of the project: a remote image would be fetched by every reader's browser
      // (and is never fetched by the printer); an absolute or escaping path points outside the project.
      if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//")) {
        env.report(line, 1, "image/remote", `the image '${src}' is not a file of the project`, "download it into the project and refer to it by a relative path");
      } else if (src.startsWith("/") || src.split("/").includes("..")) {
        env.report(line, 1, "image/outside", `the image '${src}' points outside the paper's folder`, "put the image beside the paper and refer to it by a relative path");
      } else {
        // A file beside the paper: copied into the build, and pointed at where it is published.
        const found = env.resolve("image", src);
        if (found?.href) child.attrSet("src", found.href);
        else env.report(line, 1, "image/missing", `the image '${src}' is not a PNG, JPEG or SVG file in the paper's folder`, "put the image file beside the paper (content/meetings/<date>/papers/) and check the name's spelling");
      }
    }
    if (child.type === "link_open") {
      const href = child.attrGet("href") ?? "";
      if (href.trim() === "") env.report(line, 1, "link/empty", "a link has an empty target", "write the address inside the brackets: [text](https://…)");
    }
  }
}

function columnOf(haystack: string, needle: string): number {
  const index = haystack.indexOf(needle);
  return index < 0 ? 1 : index + 1;
}

function setHeading(open: Token, close: Token, level: number, id: string, className?: string): void {
  open.tag = `h${level}`;
  close.tag = `h${level}`;
  open.attrSet("id", id);
  if (className) open.attrSet("class", className);
}

function setText(inline: Token, text: string, state: StateCore): void {
  const token = new state.Token("text", "", 0);
  token.content = text;
  inline.children = [token];
  inline.content = text;
}

function prependNumber(inline: Token, number: string, state: StateCore): void {
  const token = new state.Token("pp_number", "", 0);
  token.content = number;
  inline.children = [token, ...(inline.children ?? [])];
}

export function slug(text: string): string {
  return text.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "heading";
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
