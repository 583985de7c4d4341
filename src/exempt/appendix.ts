/**
 * Which parts of a paper's body are exempt, decided once, from markdown-it's own block tokens — the
 * parser that renders the body — never from a second reading of the text.
 *
 * An exempt appendix is a top-level `#` heading `Appendix: Title {exempt=3}` (or `{exempt=3,4}`), in any
 * heading form markdown-it accepts (ATX with up to three spaces of indent or closing hashes, setext). It
 * runs to the next top-level `#` heading or the end of the body. Anything else that looks like a marker
 * (`{exempt = 3}`, `{exempt=}`, a marker on a `##` heading, in a paragraph, a list, a quote or code) or an
 * appendix whose title calls itself exempt without a marker is an error: a hurried author's near-miss
 * must stop the build, not publish the appendix.
 *
 * From the same tokens: the tables, charts, values and paragraph ids used only inside exempt appendices
 * (exempt by placement), and every reference the public part makes, so a public reference into exempt
 * material is an error naming both places.
 *
 * For the public build the exempt lines are blanked before the body is parsed for rendering, so no
 * table, chart, figure number or CSV of them exists. Lines are blanked, not removed, so problems
 * elsewhere keep their line numbers.
 */
import type MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { fold } from "../lib/fold.ts";
import { appendixNotice } from "./wording.ts";

/** A valid marker at the end of an appendix heading's text: `{exempt=3}` or `{exempt=3,4}`. */
export const EXEMPT_MARKER = /\s*\{exempt=([1-7](?:\s*,\s*[1-7])*)\}$/;
/** Anything written as an attempt at a marker, valid or not. */
const MARKER_ATTEMPT = /\{\s*exempt\b/gi;
/** An appendix title that says it is exempt, which its author surely meant as a marker. */
const SAYS_EXEMPT = /\b(exempt|confidential|not\s+for\s+publication|schedule\s+12a)\b/i;

export interface ExemptAppendix {
  /** 0-based first line of the heading, and the line after the appendix ends. */
  start: number;
  end: number;
  /** 0-based line after the heading (a setext heading takes two lines). */
  bodyStart: number;
  title: string;
  paragraphs: number[];
}

/** A 1-based place in the body. */
export interface BodyPlace {
  line: number;
  column: number;
}

export interface BodyProblem extends BodyPlace {
  rule: string;
  message: string;
  hint?: string;
}

export interface Reference extends BodyPlace {
  type: string;
  id: string;
  text: string;
}

/** What the body makes exempt, and what its public part refers to. */
export interface ExemptPlan {
  appendices: ExemptAppendix[];
  /** Tables and charts placed only inside exempt appendices, with where. */
  figures: Map<string, BodyPlace>;
  /** Tables and charts placed in the public part, in order of placement. */
  publicFigures: string[];
  /** Values quoted only inside exempt appendices. */
  values: Map<string, BodyPlace>;
  /** Paragraph ids (`{#id}`) given inside exempt appendices. */
  paragraphIds: Map<string, BodyPlace>;
  /** References made outside exempt appendices. */
  publicReferences: Reference[];
  problems: BodyProblem[];
}

export const NO_EXEMPTION: ExemptPlan = { appendices: [], figures: new Map(), publicFigures: [], values: new Map(), paragraphIds: new Map(), publicReferences: [], problems: [] };

/** Read the body's block structure with the paper's own parser and decide what is exempt. */
export function planExemption(md: MarkdownIt, body: string): ExemptPlan {
  const source = body.replace(/\r\n?/g, "\n").replace(/\0/g, "\uFFFD"); // as markdown-it normalises it
  // Markers are looked for in text with compatibility forms folded and invisible characters removed, so
  // `{exe\u200Bmpt=3}` or full-width braces are read as the attempt at a marker they are.
  const lines = source.split("\n").map(fold);
  const tokens: Token[] = [];
  md.block.parse(source, md, {}, tokens);
  const problems: BodyProblem[] = [];
  const appendices: ExemptAppendix[] = [];
  const markerLines = new Set<number>();

  const topHeadings = tokens.flatMap((t, i) => (t.type === "heading_open" && t.tag === "h1" && t.level === 0 && t.map ? [i] : []));
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open" || !token.map) return;
    // An attempt is recognised in folded text ({exe\u200Bmpt=3}, full-width braces); a valid marker is plain ASCII.
    const text = tokens[i + 1]?.content ?? "";
    const folded = fold(text);
    const [start, bodyStart] = token.map as [number, number];
    const place = placeOf(lines, start, bodyStart, /\{\s*exempt/i);
    const attempt = /\{\s*exempt/i.test(folded);
    const appendixTitle = /^Appendix\s*:\s*(.*)$/is.exec(text)?.[1];
    if (!attempt) {
      if (token.tag === "h1" && appendixTitle !== undefined && SAYS_EXEMPT.test(fold(appendixTitle))) {
        problems.push({ ...placeOf(lines, start, bodyStart, SAYS_EXEMPT), rule: "exempt/unmarked", message: `the appendix '${appendixTitle.trim()}' calls itself exempt but has no {exempt=N} marker, so it would be published`, hint: "end the heading with the Schedule 12A paragraph(s): '# Appendix: Title {exempt=3}', or reword the title if it is public" });
      }
      return;
    }
    if (token.tag !== "h1" || token.level !== 0 || appendixTitle === undefined) {
      problems.push({ ...place, rule: "exempt/marker", message: token.tag !== "h1" || appendixTitle === undefined ? "only an appendix can be exempt: this heading is not '# Appendix: Title'" : "an exempt appendix heading must stand at the top level, not inside a list, quote or callout", hint: "write '# Appendix: Title {exempt=3}' on a line of its own, or move exempt material into an exempt paper" });
      markerLines.add(start);
      return;
    }
    const marker = EXEMPT_MARKER.exec(appendixTitle);
    const attempts = folded.match(MARKER_ATTEMPT)?.length ?? 0;
    for (let line = start; line < bodyStart; line++) markerLines.add(line);
    if (!marker || attempts !== 1) {
      problems.push({ ...place, rule: "exempt/marker", message: `'${/[{｛][^}｝]*[}｝]?/.exec(text.slice(Math.max(0, text.search(/[{｛]/))))?.[0] ?? "{exempt"}' is not a valid exempt marker`, hint: "write exactly {exempt=3} or {exempt=3,4} (Schedule 12A paragraphs 1 to 7, no spaces around '=') at the end of the heading" });
      return;
    }
    const next = topHeadings.find((h) => h > i);
    const end = next === undefined ? lines.length : tokens[next]!.map![0];
    const paragraphs = [...new Set(marker[1]!.split(",").map((p) => Number(p.trim())))].sort((a, b) => a - b);
    appendices.push({ start, end, bodyStart, title: appendixTitle.slice(0, marker.index).trim(), paragraphs });
  });

  // Any marker-like text the headings above did not account for (a paragraph, a list, code, a table).
  lines.forEach((text, line) => {
    if (markerLines.has(line)) return;
    for (const match of text.matchAll(MARKER_ATTEMPT)) {
      problems.push({ line: line + 1, column: match.index + 1, rule: "exempt/marker", message: "'{exempt…}' here marks nothing: only a '# Appendix: Title {exempt=N}' heading makes material exempt", hint: "put exempt material under an exempt appendix heading, or in an exempt paper" });
    }
  });

  const inExempt = (line: number) => appendices.some((a) => line >= a.start && line < a.end);
  const figures = new Map<string, BodyPlace>();
  const publicFigures: string[] = [];
  const values = new Map<string, BodyPlace>();
  const publicValues = new Set<string>();
  const paragraphIds = new Map<string, BodyPlace>();
  const publicReferences: Reference[] = [];
  tokens.forEach((token) => {
    if (!token.map) return;
    const first = token.map[0];
    if (token.type === "pp_embed") {
      const [kind, id] = token.info.split(" ") as [string, string];
      if (kind === "block") return;
      if (inExempt(first)) figures.set(id, figures.get(id) ?? { line: first + 1, column: 1 });
      else if (!publicFigures.includes(id)) publicFigures.push(id);
      return;
    }
    if (token.type !== "inline") return;
    const idMatch = /\{#([A-Za-z0-9_-]+)\}\s*$/.exec(token.content);
    if (idMatch && inExempt(first)) paragraphIds.set(idMatch[1]!, placeOf(lines, first, token.map[1], idMatch[0]));
    const children: Token[] = [];
    md.inline.parse(token.content, md, {}, children);
    for (const child of children) {
      if (child.type !== "pp_ref") continue;
      const { type, id } = child.meta as { type: string; id: string };
      const place = placeOf(lines, first, token.map[1], child.content);
      if (inExempt(first)) {
        if (type === "value" && !values.has(id)) values.set(id, place);
      } else {
        publicReferences.push({ ...place, type, id, text: child.content });
        if (type === "value") publicValues.add(id);
      }
    }
  });
  for (const id of publicFigures) figures.delete(id);
  for (const id of publicValues) values.delete(id);

  for (const ref of publicReferences) {
    const target = ref.type === "fig" ? figures.get(ref.id) : ref.type === "para" ? paragraphIds.get(ref.id) : undefined;
    if (target) problems.push({ ...ref, rule: "exempt/reference", message: `'${ref.text}' in public text refers to material inside the exempt appendix at line ${target.line}`, hint: "public text cannot point into exempt material: remove the reference, or place the material in the public part" });
  }
  return { appendices, figures, publicFigures, values, paragraphIds, publicReferences, problems };
}

/** Where in lines [from, to) a needle (text or pattern) first occurs, 1-based. */
function placeOf(lines: string[], from: number, to: number, needle: string | RegExp): BodyPlace {
  for (let line = from; line < Math.max(to, from + 1) && line < lines.length; line++) {
    const column = typeof needle === "string" ? lines[line]!.indexOf(needle) : lines[line]!.search(needle);
    if (column >= 0) return { line: line + 1, column: column + 1 };
  }
  return { line: from + 1, column: 1 };
}

/** The body as the public may see it, and the exempt lines it left out. */
export function publicBody(body: string, plan: ExemptPlan): { body: string; removed: string[] } {
  const lines = body.split("\n");
  const removed: string[] = [];
  // Last first, so a notice spliced into an empty appendix does not move the ones above it.
  for (const appendix of [...plan.appendices].reverse()) {
    removed.push(...lines.slice(appendix.bodyStart, appendix.end));
    for (let i = appendix.start; i < appendix.end; i++) lines[i] = "";
    lines[appendix.start] = `# Appendix: ${appendix.title}`;
    const noticeLine = `*${appendixNotice(appendix.paragraphs)}*`;
    if (appendix.start + 2 < appendix.end) lines[appendix.start + 2] = noticeLine;
    else lines.splice(appendix.start + 1, 0, "", noticeLine);
  }
  return { body: lines.join("\n"), removed };
}
