/**
 * The leak check's shortcuts (made for the speed of a cold build) read text exactly as the long way does:
 * fold() skips NFKC for text NFKC leaves alone, and locatedWords() takes plain ASCII words as they are.
 */
import { describe, expect, it } from "vitest";
import { fold } from "../../src/lib/fold.ts";
import { locatedWords, markupTexts, words } from "../../src/exempt/leak-check.ts";
import { decodeEntities } from "../../src/lib/html.ts";

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

/** words() as it is defined: the whole text normalised, then its runs of letters, digits, £ and %. */
const slowWords = (text: string) =>
  slowFold(text).replace(/[‘’ʼ]/g, "'").replace(/[“”]/g, '"').toLowerCase().match(/[\p{L}\p{N}£%]+/gu) ?? [];

describe("words' shortcut", () => {
  // The blocks the shortcut reads itself, with a margin, and characters beyond it.
  const blocks = [[0, 0x200], [0x1ff0, 0x2080], [0x2090, 0x20e0], [0x20f0, 0x2160], [0x2180, 0x2410], [0x24f0, 0x27d0]].flatMap(([from, to]) => chars(from!, to!));
  const beyond = ["\u0301", "\u0327", "\u0308", "\uFB01", "\uFF5B", "\u1100\u1161", "\u0B47\u0B3E", "\u2126", "\u0130", "\u03A3", "\u02BC", "\uD83D\uDE00", "\u00C5\u030A", "\u2160", "\u2474"];

  it("reads each character, alone and inside a word, as the definition does", () => {
    for (const c of [...blocks, ...beyond]) {
      for (const text of [c, `ab${c}cd`, `AB${c}CD`, ` ${c} `, `£5${c}%`]) expect(words(text), JSON.stringify(text)).toEqual(slowWords(text));
    }
  });

  it("reads random strings of those characters as the definition does", () => {
    let seed = 22;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = [...blocks, ...beyond, "a", "E", "z", "7", " ", " ", "\n", "-", "\u00AD", "\u00A0"];
    for (let n = 0; n < 40_000; n++) {
      const text = Array.from({ length: 1 + random(10) }, () => alphabet[random(alphabet.length)]!).join("");
      expect(words(text), JSON.stringify(text)).toEqual(slowWords(text));
    }
  });

  it("reads real text as the definition does", () => {
    const text = "The Panel’s “overspend” of £1,234 – 5 % − 2.5% … see ¶ 4 → Chief Constable; CO\u00ADOPERATION, Ł ő ÆSIR ß © ™ ½ ﬁnal caf\u00E9 cafe\u0301";
    expect(words(text)).toEqual(slowWords(text));
    expect(words("ŁÓDŹ’s “Mínus” − 5")).toEqual(["łódź", "s", "mínus", "5"]);
  });
});

/** markupTexts as it was first written: each tag copied out and its attributes read in it, the text by a regular expression. */
function slowMarkupTexts(raw: string): string[] {
  const attributes: string[] = [];
  for (const tag of raw.matchAll(/<[A-Za-z][^>]*>/g)) {
    for (const attr of tag[0].matchAll(/[\w:-]+\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/g)) attributes.push(attr[2] ?? attr[3] ?? attr[4] ?? "");
  }
  const comments = [...raw.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => m[1]!);
  const text = raw.replace(/<!--[\s\S]*?-->/g, " ").replace(/<[^>]*>/g, " ");
  return [text, ...attributes, ...comments].map(decodeEntities);
}

describe("markupTexts, reading attributes in place", () => {
  it("reads what the long way reads, from well-formed and broken markup alike", () => {
    const cases = [
      '<a href="x" title="a b">c</a><!-- d -->',
      '<svg><path d="M1 2L3 4" fill=red/><text x=\'1\'>Exempt &amp; secret</text></svg>',
      '<a title="x>y">z</a>', "<a title='unclosed>text<b c=d>", '<p data-x = "1" data-y=\'2\' z=3>', "<p>a</p>< b>c<!-- <i title=\"t\"> -->",
      "text only &pound;5", "<a =x>", "<a b=>", "<!-- unclosed <a href=q>", "<a href=\"1\"", "<<a x=1>>", "<a x=\"&#39;q&#39;\">",
    ];
    for (const raw of cases) expect(markupTexts(raw), raw).toEqual(slowMarkupTexts(raw));
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = ["<", ">", "a", "B", "p", "!--", "-->", "--", '"', "'", "=", " ", "\n", "&amp;", "&#39;", "x", ":", "-", "_", "1", "/"];
    for (let n = 0; n < 30_000; n++) {
      const raw = Array.from({ length: 1 + random(30) }, () => alphabet[random(alphabet.length)]!).join("");
      expect(markupTexts(raw), raw).toEqual(slowMarkupTexts(raw));
    }
  });
});
