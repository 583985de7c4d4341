/**
 * Generated numbering: `## Heading` → "4. Heading", top-level paragraphs → "4.1." (as the paper sets),
 * `# Appendix: Title` → "Appendix 1: Title" (numbering stops inside appendices), every heading given its
 * level and id and listed. This is the one core pass over every token of a body, so it also has each token
 * checked by its extension (directives.ts, references.ts), and problems are reported in reading order.
 */
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { toLetters } from "../lib/format.ts";
import type { BodyEnv } from "./index.ts";
import { checkDirective } from "./directives.ts";
import { checkInline } from "./references.ts";

export function numberingRule(state: StateCore): void {
  const env = state.env as BodyEnv;
  const tokens = state.tokens;
  let section = 0;
  let paragraph = 0;
  let appendix = 0;
  let inAppendix = false;
  const lineOf = (token: Token) => (token.map ? token.map[0] + 1 : 1);

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    checkDirective(token, lineOf(token), env);
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
