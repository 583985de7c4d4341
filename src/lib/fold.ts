/** Characters invisible in print that split a word for a naive reader: soft hyphen, zero-width and joiners. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF\u034F\u180E]/g;

/**
 * Characters NFKC leaves as they are, alone and beside each other: those of Latin-1 and of General
 * Punctuation that normalise to themselves (none of them combines with a neighbour). Text of these
 * only, as most of an English page is, needs no normalising: the leak check folds every page it reads.
 */
const STABLE = new RegExp(`^[${[...Array.from({ length: 0x100 }, (_, c) => c), ...Array.from({ length: 0x70 }, (_, c) => 0x2000 + c)]
  .filter((c) => String.fromCharCode(c).normalize("NFKC") === String.fromCharCode(c))
  .map((c) => `\\u${c.toString(16).padStart(4, "0")}`)
  .join("")}]*$`);

/** Text with compatibility forms folded (full-width braces, ligatures) and invisible characters removed. */
export function fold(text: string): string {
  return (STABLE.test(text) ? text : text.normalize("NFKC")).replace(INVISIBLE, "");
}
