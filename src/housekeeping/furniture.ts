/**
 * Page furniture typed into a paper's text: the page numbers, running headers and references a source
 * PDF prints on every page, carried into the Markdown by copying. The build numbers pages and prints
 * headers itself, so such a line is always a leftover. Only unmistakable forms are matched: a line that is
 * nothing but "Page 14 of 33", "Page 3", "14 of 33" or "Agenda item 5", and "Page 14 of 33" run into a
 * sentence (capital P, a number of pages, no preposition before it). Prose such as "on page 3 of the plan"
 * or "see Page 14 of 33" is left alone.
 */
import { proseLines } from "./body-lines.ts";
import type { Finding } from "./finding.ts";

const ALONE = [
  /^page\s+\d+(\s+of\s+\d+)?$/i,
  /^\d+\s+of\s+\d+$/,
  /^agenda\s+item\s+\d+[a-z]?$/i,
];
/** "Page 14 of 33" inside a line, not after a word that makes it a cross-reference. */
const RUN_IN = /(?<!\b(?:see|on|at|in|to|from|of|and|or|also|cf\.)\s+)\bPage\s+\d+\s+of\s+\d+\b/g;

export function furnitureFindings(body: string): Finding[] {
  const findings: Finding[] = [];
  proseLines(body).forEach((text, index) => {
    const trimmed = text.trim().replace(/^[*_]+|[*_]+$/g, "").trim();
    if (ALONE.some((pattern) => pattern.test(trimmed))) {
      findings.push(finding(index + 1, text.indexOf(trimmed) + 1, trimmed));
      return;
    }
    for (const match of text.matchAll(RUN_IN)) {
      if (/^\s*$/.test(text.slice(0, match.index)) || /[.!?]\s+$/.test(text.slice(0, match.index))) continue; // a sentence that starts "Page 14 of 33 …" is about the page
      findings.push(finding(index + 1, match.index + 1, match[0]));
    }
  });
  return findings;
}

function finding(line: number, column: number, text: string): Finding {
  return { line, column, rule: "text/page-furniture", message: `'${text}' looks like page furniture (a page number or running header) copied from a printed source`, hint: "delete it: the build numbers the pages and prints the headers itself" };
}
