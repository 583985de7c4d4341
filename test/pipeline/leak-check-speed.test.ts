/**
 * The leak check's shortcuts (made for the speed of a cold build) read text exactly as the long way does:
 * fold() skips NFKC for text NFKC leaves alone, and locatedWords() takes plain ASCII words as they are.
 */
import { describe, expect, it } from "vitest";
import { fold } from "../../src/lib/fold.ts";
import { locatedWords, words } from "../../src/exempt/leak-check.ts";

const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF\u034F\u180E]/g;
const slowFold = (text: string) => text.normalize("NFKC").replace(INVISIBLE, "");
const chars = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => String.fromCharCode(from + i));

describe("fold's shortcut", () => {
  it("folds every pair of Latin-1 and General Punctuation characters, and their neighbours beyond, as NFKC does", () => {
    const near = [...chars(0, 0x100), ...chars(0x2000, 0x2070)];
    // Beyond the shortcut: combining marks, ligatures, full-width forms, Hangul jamo, an Indic vowel sign.
    const beyond = ["\u0301", "\u0327", "\uFB01", "\uFF5B", "\u1100\u1161", "\u0B47\u0B3E", "\u2126", "\u00C5\u030A"];
    for (const a of near) {
      for (const b of [...near, ...beyond]) expect(fold(a + b), JSON.stringify(a + b)).toBe(slowFold(a + b));
    }
  });

  it("is the long way on real text", () => {
    const text = "The Panel noted the £1,234 “overspend” – see ¶ 4… ﬁnal ﬁgures \uFF5Bnot\uFF5D cafe\u0301 co\u00ADoperation";
    expect(fold(text)).toBe(slowFold(text));
    expect(fold("plain text, £5 and ’quotes’ – dashes")).toBe(slowFold("plain text, £5 and ’quotes’ – dashes"));
  });
});

/** locatedWords as it was before the shortcut: every match through words(). */
function slowLocatedWords(text: string): { words: string[]; offsets: number[] } {
  const out: string[] = [];
  const offsets: number[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}£%\u00AD\u200B-\u200D\u2060\uFEFF‘’']+/gu)) {
    for (const word of words(match[0])) {
      out.push(word);
      offsets.push(match.index);
    }
  }
  return { words: out, offsets };
}

describe("locatedWords' shortcut", () => {
  it("gives the words and places the long way gives", () => {
    const text = "Exempt: the ﬁrm’s Bid of £212,400 (Appendix B) for 2024-25, CO\u00ADOPERATION and cafe\u0301 ÉTÉ 99% done.";
    const located = locatedWords(text);
    expect(located).toEqual(slowLocatedWords(text));
    expect(located.words.slice(0, 8)).toEqual(["exempt", "the", "firm", "s", "bid", "of", "£212", "400"]);
    expect(located.offsets.slice(0, 5)).toEqual([0, 8, 12, 12, 18]);
  });
});
