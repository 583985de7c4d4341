/**
 * The `:::` directives of the Markdown dialect: `::: table <id>`, `::: chart <id>` and `::: block <id>` on a
 * line of their own embed a figure from the paper's data or a block a report kind makes; `::: callout` …
 * `:::` is a highlighted box; any other `:::` line is an unknown directive, reported and left out. The embed
 * line is defined once here (EMBED_LINE), and what reads a body's placements without parsing it uses it too.
 */
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";
import type Token from "markdown-it/lib/token.mjs";
import type { EmbedMeta } from "../model/body.ts";
import type { BodyEnv } from "./index.ts";

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
export function directiveRule(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
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

/** In the core pass (numbering.ts): an unknown directive is reported and prints nothing; an embed is recorded. */
export function checkDirective(token: Token, line: number, env: BodyEnv): void {
  if (token.type === "pp_bad_directive") {
    env.report(line, 1, "markdown/directive", `'${token.content}' is not a directive`, "use '::: table <id>', '::: chart <id>', '::: block <id>' or '::: callout' … ':::'");
    token.type = "html_block";
    token.content = "";
  }
  if (token.type === "pp_embed") {
    const { kind, id } = token.meta as EmbedMeta;
    env.embeds.push({ kind, id });
  }
}
