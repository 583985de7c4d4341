/** Characters invisible in print that split a word for a naive reader: soft hyphen, zero-width and joiners. */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF\u034F\u180E]/g;

/** Text with compatibility forms folded (full-width braces, ligatures) and invisible characters removed. */
export function fold(text: string): string {
  return text.normalize("NFKC").replace(INVISIBLE, "");
}
