/**
 * Exempt appendices in the parsed body: `# Appendix: Title {exempt=3}` opens a marked section that runs to
 * the next appendix, with the banner that says which Schedule 12A paragraphs apply.
 */
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import { EXEMPT_MARKER } from "../exempt/appendix.ts";
import { appendixBanner } from "../exempt/wording.ts";
import type { ExemptSectionMeta } from "../model/body.ts";

/**
 * An exempt appendix (`# Appendix: Title {exempt=3}`) reaches the parser only in a restricted build (the
 * public body has it blanked out, see src/exempt/appendix.ts, which also refuses any malformed marker
 * before this runs): wrap it, up to the next appendix, in a marked section and drop the marker.
 */
export function exemptSectionsRule(state: StateCore): void {
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
