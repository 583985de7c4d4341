/** `{#id}` at the end of a paragraph: the name `[@para:id]` refers to it by (numbering.ts gives it its number). */
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";

/** `text {#my-id}` at the end of a paragraph names it. */
export function paragraphIdRule(state: StateCore): void {
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
