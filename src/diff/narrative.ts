/**
 * Narrative changes of one paper: paragraphs added, removed and changed (word by word), each located by
 * its generated paragraph number and section. A paragraph whose words stay but whose number moves is a
 * consequence of another change, and is listed apart as renumbered.
 */
import { diffArrays, diffWords } from "diff";
import type { NarrativeBlock } from "./body.ts";
import type { ParagraphChange, WordPart } from "./model.ts";

export interface NarrativeDiff {
  changes: ParagraphChange[];
  renumbered: string[];
}

/** Where a reader finds a block: "paragraph 4.2 (4. Financial position)". */
export function locate(block: NarrativeBlock): string {
  const section = block.section ? ` (${block.section})` : "";
  if (block.number) return `paragraph ${block.number}${section}`;
  return block.section ? `${block.section}, unnumbered block ${block.index}` : `opening text, block ${block.index}`;
}

/** How alike two texts are, 0 to 1, by shared words. */
export function similarity(a: string, b: string): number {
  const parts = diffWords(a, b);
  const kept = parts.filter((p) => !p.added && !p.removed).reduce((n, p) => n + p.value.length, 0);
  return (2 * kept) / Math.max(1, a.length + b.length);
}

export function wordParts(a: string, b: string): WordPart[] {
  return diffWords(a, b).map((p) => (p.added ? { text: p.value, change: "added" } : p.removed ? { text: p.value, change: "removed" } : { text: p.value }));
}

/**
 * Compare the blocks of two versions of a paper. `derived` marks every change as a consequence (the
 * paper's Markdown did not change, so only the values it quotes can have moved the words).
 */
export function diffNarrative(before: NarrativeBlock[], after: NarrativeBlock[], derived: boolean): NarrativeDiff {
  const changes: ParagraphChange[] = [];
  const renumbered: string[] = [];
  const hunks = diffArrays(before, after, { comparator: (a, b) => a.text === b.text });
  let ai = 0;
  let bi = 0;
  for (let h = 0; h < hunks.length; h++) {
    const hunk = hunks[h]!;
    if (!hunk.added && !hunk.removed) {
      for (let k = 0; k < hunk.count!; k++) {
        const a = before[ai + k]!;
        const b = after[bi + k]!;
        if (a.number && b.number && a.number !== b.number) renumbered.push(`${a.number} → ${b.number}`);
      }
      ai += hunk.count!;
      bi += hunk.count!;
      continue;
    }
    // A run of removals followed by additions: pair the alike ones up as changed paragraphs.
    const removed = hunk.removed ? before.slice(ai, ai + hunk.count!) : [];
    if (hunk.removed) ai += hunk.count!;
    const next = hunks[h + 1];
    let added: NarrativeBlock[] = [];
    if (hunk.added) {
      added = after.slice(bi, bi + hunk.count!);
      bi += hunk.count!;
    } else if (next?.added) {
      added = after.slice(bi, bi + next.count!);
      bi += next.count!;
      h++;
    }
    changes.push(...pairUp(removed, added, derived));
  }
  return { changes, renumbered };
}

function pairUp(removed: NarrativeBlock[], added: NarrativeBlock[], derived: boolean): ParagraphChange[] {
  const out: ParagraphChange[] = [];
  let r = 0;
  for (const block of added) {
    // Keep the order of the text: removals that match nothing come out before the next addition.
    let match = -1;
    for (let k = r; k < removed.length; k++) {
      if (similarity(removed[k]!.text, block.text) >= 0.5) {
        match = k;
        break;
      }
    }
    if (match >= 0) {
      for (; r < match; r++) out.push({ change: "removed", where: locate(removed[r]!), parts: [{ text: removed[r]!.text, change: "removed" }], derived });
      const old = removed[match]!;
      const where = old.number && block.number && old.number !== block.number ? `${locate(block)} (was ${old.number})` : locate(block);
      out.push({ change: "changed", where, parts: wordParts(old.text, block.text), derived });
      r = match + 1;
    } else {
      out.push({ change: "added", where: locate(block), parts: [{ text: block.text, change: "added" }], derived });
    }
  }
  for (; r < removed.length; r++) out.push({ change: "removed", where: locate(removed[r]!), parts: [{ text: removed[r]!.text, change: "removed" }], derived });
  return out;
}
