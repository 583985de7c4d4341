/**
 * Exempt text quoted in public papers: a content error `check` reports at both places, before any build.
 * (The leak check would also stop the build, but only after rendering and without saying where the
 * quote is written.) Every public paper of every meeting is searched for every meeting's exempt text.
 */
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { ExemptText, leakNeedles, locatedWords } from "./leak-check.ts";
import type { Problems } from "../content/problems.ts";

export interface Source {
  file: string;
  text: string;
}

export function checkQuotedExemptText(publicSources: Source[], exempt: ExemptText[], allowList: string, problems: Problems, root: string): void {
  const needles = leakNeedles(exempt.reduce((all, e) => all.merge(e), new ExemptText()), allowList);
  if (needles.size === 0) return;
  const sourceTexts = new Map<string, ReturnType<typeof locatedWords> & { text: string }>();
  const placeIn = (text: string, offset: number) => {
    const before = text.slice(0, offset).split("\n");
    return { line: before.length, column: before[before.length - 1]!.length + 1 };
  };
  for (const { file, text } of publicSources) {
    const located = locatedWords(text);
    const seen = new Set<string>();
    for (const { needle, index } of needles.findAt(located.words)) {
      if (seen.has(needle.phrase)) continue;
      seen.add(needle.phrase);
      let where = needle.source ?? "an exempt paper";
      if (needle.source) {
        if (!sourceTexts.has(needle.source)) {
          const sourceText = existsSync(needle.source) ? readFileSync(needle.source, "utf8") : "";
          sourceTexts.set(needle.source, { ...locatedWords(sourceText), text: sourceText });
        }
        const source = sourceTexts.get(needle.source)!;
        const hit = needles.findAt(source.words).find((f) => f.needle === needle);
        if (hit) {
          const at = placeIn(source.text, source.offsets[hit.index]!);
          where = `${relative(root, needle.source)}:${at.line}:${at.column}`;
        }
      }
      problems.error(file, placeIn(text, located.offsets[index]!), "exempt/quoted", `this public text repeats exempt material ("${needle.words.join(" ")}") from ${where}`, "exempt text cannot be quoted in a public paper: reword it here, or move this passage into the exempt material");
    }
  }
}
