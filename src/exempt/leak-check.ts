/**
 * The leak check of a public build: the second line of defence. (The first is that exempt material
 * never enters the public build's model: see appendix.ts and src/pipeline/paper.ts.)
 *
 * Every exempt phrase (exempt papers, exempt appendices, exempt tables) is searched for as runs of six
 * words, and every exempt value (an exempt cell, a value quoted only in exempt text) whole, however short,
 * across every file of the public output of every meeting: the text of HTML, XML, SVG, JSON, CSV and
 * text files, their attributes and comments, every PDF page's text (also with spacing removed, so
 * letter-spacing, a font change mid-word or a soft hyphen cannot split a word), every other string of a
 * PDF (link descriptions, alternate text, bookmarks, document information and metadata), and file names.
 * Any hit stops the build.
 *
 * Needles are dropped only when they are explicit public facts (the allow-list: committee data,
 * contacts, agenda titles, cover-sheet people, the statutory wording) — never because a public paper's
 * body also contains them. A paper that quotes exempt text is a content error found by `check`.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import yaml from "js-yaml";
import { decodeEntities } from "../lib/html.ts";
import { fold } from "../lib/fold.ts";
import { filesUnder } from "../lib/files.ts";
import { STATUTORY_WORDING } from "./wording.ts";
import type { AgendaItemView, MeetingView } from "../model/view.ts";
import { plainText } from "../markdown/index.ts";
import { openPdf } from "../lib/pdfjs.ts";
import { decodeTextString, isDict, isName, isString, PdfFile, type PdfValue } from "../print/pdf-syntax.ts";

/** Text as the leak check reads it: compatibility forms folded, invisible characters gone, quotes plain. */
export function normalise(text: string): string {
  return fold(text).replace(/[‘’ʼ]/g, "'").replace(/[“”]/g, '"').toLowerCase();
}

/** Letters and digits only: robust to markup, spacing, line breaks and quotes. */
export function fingerprint(text: string): string {
  return normalise(text).replace(/[^\p{L}\p{N}£%]/gu, "");
}

/** Words of a text, normalised: case, typographic quotes and punctuation do not matter. */
export function words(text: string): string[] {
  return wordsByTable(text) ?? wordsOfNormalised(text);
}

const WORD = /[\p{L}\p{N}£%]/u;

/** The long way, and the definition: normalise the whole text, then take its runs of letters, digits, £ and %. */
function wordsOfNormalised(text: string): string[] {
  return normalise(text).match(/[\p{L}\p{N}£%]+/gu) ?? [];
}

/**
 * How the shortcut reads each character of the blocks most English text is made of (Latin-1, Latin
 * Extended-A, General Punctuation, currency, letterlike symbols, arrows, mathematical and technical signs,
 * box drawing, shapes, dingbats). Within them no character combines with a neighbour, so NFKC works on
 * each alone: a word character NFKC and lower case leave one word character; a separator is anything
 * NFKC makes into separators only (a no-break space, an ellipsis); an invisible character is dropped.
 * Any other character (a ligature, a superscript, a combining mark, another script) is left to the long way.
 */
const enum CharKind {
  Other = 0,
  Word = 1,
  /** A word character lower case changes ("A", "É"). */
  Capital = 2,
  Separator = 3,
  Invisible = 4,
}
const SHORTCUT_BLOCKS: Array<[number, number]> = [[0x0000, 0x0180], [0x2000, 0x2070], [0x20a0, 0x20d0], [0x2100, 0x2150], [0x2190, 0x2400], [0x2500, 0x27c0]];
const CHAR_KINDS = (() => {
  const kinds = new Uint8Array(0x27c0);
  for (const [from, to] of SHORTCUT_BLOCKS) {
    for (let code = from; code < to; code++) {
      const char = String.fromCharCode(code);
      const folded = char.normalize("NFKC");
      if (fold(char) === "") kinds[code] = CharKind.Invisible;
      else if (folded === char && WORD.test(char) && char.toLowerCase().length === 1 && WORD.test(char.toLowerCase())) kinds[code] = char.toLowerCase() === char ? CharKind.Word : CharKind.Capital;
      else if (!/\p{M}/u.test(folded[0]!) && [...normalise(char)].every((c) => !WORD.test(c) && fold(c) !== "")) kinds[code] = CharKind.Separator;
    }
  }
  return kinds;
})();

/**
 * words() the short way, for a text of the shortcut's characters only (else undefined): one pass, no
 * normalising of the whole text. test/pipeline/leak-check-speed.test.ts holds it to the long way.
 */
function wordsByTable(text: string): string[] | undefined {
  const out: string[] = [];
  let start = -1;
  // Whether the word so far has a capital (most have none: lower case is not needed) or an invisible character.
  let capital = false;
  let invisible = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const kind = code < CHAR_KINDS.length ? CHAR_KINDS[code]! : CharKind.Other;
    if (kind === CharKind.Word || kind === CharKind.Capital) {
      if (start < 0) start = i;
      if (kind === CharKind.Capital) capital = true;
    } else if (kind === CharKind.Separator) {
      if (start >= 0) out.push(wordAt(text, start, i, capital, invisible));
      start = -1;
      capital = invisible = false;
    } else if (kind === CharKind.Invisible) {
      // Dropped: the letters either side of a soft hyphen are one word.
      if (start >= 0) invisible = true;
    } else {
      return undefined;
    }
  }
  if (start >= 0) out.push(wordAt(text, start, text.length, capital, invisible));
  return out;
}

function wordAt(text: string, start: number, end: number, capital: boolean, invisible: boolean): string {
  const word = capital ? text.slice(start, end).toLowerCase() : text.slice(start, end);
  return invisible ? fold(word) : word;
}

const ASCII_WORD = /^[A-Za-z0-9]+$/;

/** Words with where each starts in the text (for reporting a place). */
export function locatedWords(text: string): { words: string[]; offsets: number[] } {
  const out: string[] = [];
  const offsets: number[] = [];
  // Normalisation can change lengths; match on the original with the same classes, normalising each word.
  for (const match of text.matchAll(/[\p{L}\p{N}£%\u00AD\u200B-\u200D\u2060\uFEFF‘’']+/gu)) {
    // Most words are plain ASCII letters and digits: one word, in lower case (what words() would make of it).
    if (ASCII_WORD.test(match[0])) {
      out.push(match[0].toLowerCase());
      offsets.push(match.index);
      continue;
    }
    for (const word of words(match[0])) {
      out.push(word);
      offsets.push(match.index);
    }
  }
  return { words: out, offsets };
}

const MIN_PROSE = 4; // fingerprint characters: "n/a" and the like say nothing

/** The sentences of a Markdown or YAML text, without markup. */
export function phrasesOf(text: string, kind: "markdown" | "yaml"): string[] {
  let prose: string[];
  if (kind === "yaml") {
    prose = [];
    const collect = (value: unknown): void => {
      if (typeof value === "string") prose.push(value);
      else if (typeof value === "number") prose.push(String(value));
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    try {
      collect(yaml.load(text, { schema: yaml.CORE_SCHEMA }));
    } catch {
      prose = text.split("\n");
    }
    // Comments too: an author's note beside an exempt figure is exempt.
    prose.push(...text.split("\n").flatMap((line) => /(?:^|\s)#\s*(.*)$/.exec(line)?.[1] ?? []).filter((comment) => !comment.startsWith("yaml-language-server")));
  } else {
    prose = text
      .replace(/^---\n[\s\S]*?\n---\n/, (frontMatter) => frontMatter.split("\n").map((l) => l.replace(/^\s*[\w-]+:\s*/, "")).join("\n"))
      .split(/\n\s*\n/);
  }
  const phrases: string[] = [];
  for (const block of prose) {
    const plain = block
      // A short heading ("Purpose of Report") is the structure every paper shares, not exempt information.
      .replace(/^ {0,3}#{1,6}[ \t]+(.*)$/gm, (_line, title: string) => (words(title).length < WINDOW ? "" : title))
      .replace(/\[@[a-z]+:[^\]]+\]/g, " ")
      .replace(/\{#[^}]+\}|\{exempt=[^}]*\}/g, " ")
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/^\s*(#+|[-*+]|\d+\.|:::.*|>)\s*/gm, "")
      .replace(/[*_`]/g, "");
    for (const sentence of plain.split(/(?<=[.!?;:])\s+|\n/)) {
      const trimmed = sentence.trim();
      if (fingerprint(trimmed).length >= MIN_PROSE) phrases.push(trimmed);
    }
  }
  return phrases;
}

/** The exempt text a build met, with the file each piece came from. */
export class ExemptText {
  /** Sentences of exempt prose: searched as runs of words. */
  readonly prose = new Map<string, string>();
  /** Exempt values: searched whole, however short. */
  readonly values = new Map<string, string>();

  addProse(text: string, kind: "markdown" | "yaml", file: string): void {
    for (const phrase of phrasesOf(text, kind)) if (!this.prose.has(phrase)) this.prose.set(phrase, file);
  }

  addValue(value: string, file: string): void {
    if (value.trim() && !this.values.has(value)) this.values.set(value, file);
  }

  /** Take in another's text (the first file named for a phrase is kept). */
  merge(other: ExemptText): this {
    for (const [phrase, file] of other.prose) if (!this.prose.has(phrase)) this.prose.set(phrase, file);
    for (const [value, file] of other.values) if (!this.values.has(value)) this.values.set(value, file);
    return this;
  }

  get size(): number {
    return this.prose.size + this.values.size;
  }
}

export interface Leak {
  file: string;
  where: string;
  phrase: string;
}

/**
 * Any run of this many consecutive words of exempt text found in the output is a leak. Eight, not fewer:
 * papers of one body share phrases of six words ("the Panel is asked to note") without leaking anything.
 */
const WINDOW = 8;
/** A phrase shorter than that is searched whole if it has this many words, or a distinctive figure. */
const SHORT_PHRASE = 5;
/** Money, a percentage, a decimal or a number with thousands separators: not a year or an item number. */
const DISTINCTIVE_FIGURE = /[£$€]\s?\d|\d\.\d|\d{1,3}(?:,\d{3})+|\d\s?%|\d\s?per\s?cent/i;
/** A needle this long (letters and digits) is also searched for with all spacing removed. */
const MIN_GLUED = 8;

export interface Needle {
  words: string[];
  phrase: string;
  /** The file the exempt text came from (for reporting). */
  source?: string;
}

/**
 * Needles indexed by their first word and then their second, so a text is searched in one pass over its
 * words instead of building every window of it: at each word, only the needles that start with it and
 * with the word after it are compared. (By the first word alone, every "the" of every page met every
 * needle starting with "the" of every meeting: a cost that grew with the square of the archive.)
 */
export class NeedleIndex {
  private readonly byStart = new Map<string, { single: Needle[]; byNext: Map<string, Needle[]> }>();
  /** Every needle in the order added, and its place in that order (results are given in it). */
  private readonly order = new Map<Needle, number>();
  private readonly keys = new Set<string>();
  private added = 0;
  size = 0;

  static of(needles: Iterable<Needle>): NeedleIndex {
    const index = new NeedleIndex();
    for (const needle of needles) index.add(needle);
    return index;
  }

  /** Every needle, in a stable order (to store with a meeting's cached build). */
  list(): Needle[] {
    return [...this.order.keys()];
  }

  /** A hash of what is searched for. */
  digest(): string {
    const hash = createHash("sha256");
    for (const needle of [...this.keys].sort()) hash.update(needle).update("\0");
    return hash.digest("hex");
  }

  add(needle: Needle): void {
    const key = needle.words.join(" ");
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.order.set(needle, this.added++);
    const [first, second] = needle.words as [string, string | undefined];
    const start = this.byStart.get(first) ?? { single: [], byNext: new Map<string, Needle[]>() };
    this.byStart.set(first, start);
    if (second === undefined) start.single.push(needle);
    else if (start.byNext.has(second)) start.byNext.get(second)!.push(needle);
    else start.byNext.set(second, [needle]);
    this.size++;
    this.gluedKeys = undefined;
  }

  /** Each needle found in the words, with the index of its first occurrence (in the order of the words, then of the needles). */
  findAt(words: string[]): Array<{ needle: Needle; index: number }> {
    const found = new Map<Needle, number>();
    for (let i = 0; i < words.length; i++) {
      const start = this.byStart.get(words[i]!);
      if (!start) continue;
      for (const needle of start.single) if (!found.has(needle)) found.set(needle, i);
      const candidates = i + 1 < words.length ? start.byNext.get(words[i + 1]!) : undefined;
      if (!candidates) continue;
      for (const needle of candidates) {
        if (found.has(needle)) continue;
        let j = 2;
        while (j < needle.words.length && words[i + j] === needle.words[j]) j++;
        if (j === needle.words.length) found.set(needle, i);
      }
    }
    return [...found]
      .sort(([a, i], [b, j]) => i - j || this.order.get(a)! - this.order.get(b)!)
      .map(([needle, index]) => ({ needle, index }));
  }

  /** Each needle found in the words, once. */
  find(words: string[]): Needle[] {
    return this.findAt(words).map((f) => f.needle);
  }

  /** Each needle long enough to search without spacing, found in a text with all spacing removed. */
  findGlued(text: string): Needle[] {
    const glued = fingerprint(text);
    this.gluedKeys ??= this.list().flatMap((needle) => {
      const key = needle.words.join("");
      return key.length >= MIN_GLUED ? [{ needle, key }] : [];
    });
    return this.gluedKeys.filter(({ key }) => glued.includes(key)).map(({ needle }) => needle);
  }

  /** The needles long enough to search without spacing, joined: made once, on first use. */
  private gluedKeys?: Array<{ needle: Needle; key: string }>;

  remove(needles: Needle[]): void {
    for (const needle of needles) {
      if (!this.order.delete(needle)) continue;
      this.keys.delete(needle.words.join(" "));
      const [first, second] = needle.words as [string, string | undefined];
      const start = this.byStart.get(first)!;
      if (second === undefined) start.single = start.single.filter((n) => n !== needle);
      else start.byNext.set(second, start.byNext.get(second)!.filter((n) => n !== needle));
      this.size--;
      this.gluedKeys = undefined;
    }
  }
}

/**
 * What to search for: every run of six words of each exempt phrase (a shorter phrase whole, if it has
 * three words or a figure), every exempt value whole; less what the allow-list of explicit public facts
 * contains (a contact's name, an exempt item's title, the statutory wording).
 */
export function leakNeedles(exempt: ExemptText, allowList: string): NeedleIndex {
  const index = new NeedleIndex();
  for (const [phrase, source] of exempt.prose) {
    const tokens = words(phrase);
    const size = Math.min(WINDOW, tokens.length);
    // Short phrases identify nothing ("March 2023", "All Essex") unless they carry a figure ("£212,400").
    if (size === 0 || (size < SHORT_PHRASE && !DISTINCTIVE_FIGURE.test(phrase))) continue;
    for (let i = 0; i + size <= tokens.length; i++) index.add({ words: tokens.slice(i, i + size), phrase, source });
  }
  for (const [value, source] of exempt.values) {
    const tokens = words(value);
    // A value shorter than this ("Yes", "3") cannot be told apart from ordinary text.
    if (tokens.join("").length >= MIN_PROSE) index.add({ words: tokens, phrase: value, source });
  }
  index.remove(index.find(words(`${STATUTORY_WORDING} ${allowList}`)));
  return index;
}

/**
 * The explicit public facts of a meeting that exempt text may share without that being a leak: the
 * committee's and meeting's own data (name, venue, contact, notices), agenda titles (an exempt item's is
 * public by law), and the people on its papers' cover sheets. Never a paper's body, nor an agenda description.
 */
export function allowListOf(meeting: MeetingView | undefined): string {
  if (!meeting) return "";
  // People on cover sheets (an exempt paper's author and contacts are public officers) — not titles or text.
  const people = (i: AgendaItemView) => (i.paper ? [i.paper.author ?? "", JSON.stringify(i.paper.enquiries ?? []), i.paper.divisions ?? "", i.paper.forText ?? ""] : []);
  const facts = [
    JSON.stringify(meeting.committee), JSON.stringify(meeting.venue), JSON.stringify(meeting.contact), JSON.stringify(meeting.exemptNotice),
    ...meeting.notices.flatMap((n) => [n.heading, plainText(n.body)]), meeting.dateText, meeting.title,
    // Agenda titles are public (an exempt item's by law); a description is authored text like any paper's.
    ...meeting.items.map((i) => `${i.title} ${i.ref ?? ""}`),
    ...meeting.items.flatMap(people),
  ];
  return decodeEntities(facts.join(" ").replace(/<[^>]+>/g, " "));
}

/** A start tag: it ends at its first ">". */
const TAG = /<[A-Za-z][^>]*>/g;
/**
 * An attribute and its value (in group 1, 2 or 3), or the ">" that ends the tag. A value cannot hold ">"
 * (the tag ends there), so the attributes of a tag are read in the file itself, from where the tag starts
 * to its end, without copying the tag out first.
 */
const ATTRIBUTE = /[\w:-]+\s*=\s*(?:"([^">]*)"|'([^'>]*)'|([^\s>]+))|>/g;

/** The readable parts of markup: text between tags, attribute values and comments, each on its own. */
export function markupTexts(raw: string): string[] {
  const attributes: string[] = [];
  TAG.lastIndex = 0;
  for (let tag = TAG.exec(raw); tag; tag = TAG.exec(raw)) {
    ATTRIBUTE.lastIndex = tag.index;
    for (let attribute = ATTRIBUTE.exec(raw); attribute && attribute[0] !== ">"; attribute = ATTRIBUTE.exec(raw)) attributes.push(attribute[1] ?? attribute[2] ?? attribute[3]!);
  }
  const comments = [...raw.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => m[1]!);
  const text = withoutTags(raw.replace(/<!--[\s\S]*?-->/g, " "));
  return [text, ...attributes, ...comments].map(decodeEntities);
}

/** Markup with each tag (from "<" to the next ">") made a space: what `.replace(/<[^>]*>/g, " ")` makes, without a regular expression. */
function withoutTags(markup: string): string {
  const parts: string[] = [];
  let from = 0;
  for (let open = markup.indexOf("<"); open >= 0; open = markup.indexOf("<", from)) {
    const close = markup.indexOf(">", open + 1);
    if (close < 0) break;
    parts.push(markup.slice(from, open), " ");
    from = close + 1;
  }
  parts.push(markup.slice(from));
  return parts.join("");
}

/**
 * Search the output directory: every file, for every needle. Reading a PDF's text is the slow part:
 * with `verdicts`, a folder, a file found clean is remembered by its bytes and the needles, and the
 * same file searched for the same needles is not read again (unless `read` is false: a clean build
 * trusts no verdict it did not reach itself, but leaves its own for the next build).
 */
export async function findLeaks(dir: string, needles: NeedleIndex, verdicts?: { dir: string; read: boolean }): Promise<Leak[]> {
  if (verdicts) mkdirSync(verdicts.dir, { recursive: true });
  const leaks: Leak[] = [];
  if (needles.size === 0) return leaks;
  const digest = needles.digest();
  const reported = new Set<string>();
  const report = (file: string, where: string, found: Needle[]) => {
    for (const needle of found) {
      if (reported.has(`${file}\u0000${needle.phrase}`)) continue;
      reported.add(`${file}\u0000${needle.phrase}`);
      leaks.push({ file, where, phrase: needle.phrase });
    }
  };
  const scan = (file: string, where: string, text: string, glued = false) => {
    report(file, where, needles.find(words(text)));
    if (glued) report(file, where, needles.findGlued(text));
  };
  for (const name of filesUnder(dir)) {
    const file = join(dir, name);
    scan(name, "file name", name.replace(/[-_/.]/g, " "));
    const raw = readFileSync(file);
    // Pagefind writes its index (.pf_fragment, .pf_index, .pf_meta, .pf_filter) gzip-compressed: search
    // what a compressed file holds, never its compressed bytes, in which no phrase can be seen.
    const bytes = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
    const verdict = verdicts && join(verdicts.dir, createHash("sha256").update(bytes).update(digest).digest("hex"));
    if (verdict && verdicts.read && existsSync(verdict)) continue;
    const found = leaks.length;
    if (file.endsWith(".pdf")) {
      await scanPdf(bytes, (where, text, glued) => scan(name, where, text, glued));
    } else if (/\.(html?|xml|svg|atom|rss|ics)$/i.test(file)) {
      const texts = markupTexts(bytes.toString("utf8"));
      scan(name, "text", texts[0]!);
      scan(name, "attributes and comments", texts.slice(1).join("\n\n"));
    } else if (!/\.(woff2?|ttf|otf|png|jpe?g|gif|webp|ico)$/i.test(file)) {
      // JSON, CSV, CSS, JavaScript, text — and anything unknown — as text.
      scan(name, "text", bytes.toString("utf8"));
    }
    if (verdict && leaks.length === found) writeFileSync(verdict, "");
  }
  return leaks;
}

async function scanPdf(bytes: Buffer, scan: (where: string, text: string, glued: boolean) => void): Promise<void> {
  const strings = pdfStrings(bytes);
  const doc = await openPdf(bytes);
  try {
    const pages: string[] = [];
    const hidden: string[] = []; // text a reader's software reads but the page does not show (where pdf.js reads it)
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
      if (strings) continue;
      // Link descriptions (/Contents) and addresses, and the structure tree's alternate text (/Alt).
      for (const annotation of (await page.getAnnotations()) as Array<{ contentsObj?: { str?: string }; url?: string; unsafeUrl?: string }>) {
        hidden.push(annotation.contentsObj?.str ?? "", annotation.url ?? annotation.unsafeUrl ?? "");
      }
      hidden.push(...altTexts(await page.getStructTree()));
    }
    // Whole document at once, so a run of words broken across pages is still found; and glued, so
    // letter-spacing or a font change inside a word cannot split it.
    scan("PDF text", pages.join(" "), true);
    if (strings) {
      scan("PDF strings (link descriptions and addresses, alternate text, bookmarks, document information, names)", strings.strings.join("\n"), true);
      scan("PDF metadata", strings.metadata.join("\n"), false);
      return;
    }
    scan("PDF link descriptions and alternate text", hidden.join("\n"), true);
    const info = await doc.getMetadata();
    scan("PDF metadata", `${JSON.stringify(info.info ?? {})} ${info.metadata?.getRaw() ?? ""}`, false);
    const outline = (await doc.getOutline()) ?? [];
    const titles = (items: typeof outline): string[] => items.flatMap((o) => [o.title, ...titles(o.items)]);
    scan("PDF bookmarks", titles(outline).join("\n"), false);
  } finally {
    await doc.destroy();
  }
}

/**
 * What a PDF holds beyond its pages' text, read with panelpress's own PDF reader (src/print/pdf-syntax.ts):
 * every string, name and dictionary key of every object its cross-reference table lists, whatever refers
 * to it (link descriptions and addresses, alternate and actual text, bookmarks, the document information,
 * destination names), and its XMP metadata streams. More than pdf.js shows of them (it gives the
 * annotations of one intent and the /Alt of the structure tree only), and without pdf.js extracting each
 * page's text again for its links. Undefined when the reader cannot read the file (cross-reference
 * streams, updates, encryption, a metadata stream it cannot decode): then pdf.js reads what it shows.
 */
export function pdfStrings(bytes: Buffer): { strings: string[]; metadata: string[] } | undefined {
  const strings: string[] = [];
  const metadata: string[] = [];
  const walk = (value: PdfValue): void => {
    if (isString(value)) strings.push(decodeTextString(value));
    else if (isName(value)) strings.push(value.name);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (isDict(value)) {
      for (const [key, entry] of value.map) {
        strings.push(key);
        walk(entry);
      }
    }
  };
  try {
    const file = new PdfFile(bytes.toString("latin1"));
    for (const num of file.numbers()) {
      const value = file.object(num);
      walk(value);
      if (isDict(value) && isName(value.map.get("Type"), "Metadata")) {
        const data = file.streamData(num);
        if (data === undefined) return undefined;
        metadata.push(Buffer.from(data, "latin1").toString("utf8"));
      }
    }
  } catch {
    return undefined;
  }
  return { strings, metadata };
}

/** Every /Alt of a page's structure tree (pdf.js gives it as `alt` on each node). */
function altTexts(node: unknown): string[] {
  if (!node || typeof node !== "object") return [];
  const { alt, children } = node as { alt?: unknown; children?: unknown };
  return [...(typeof alt === "string" ? [alt] : []), ...(Array.isArray(children) ? children.flatMap(altTexts) : [])];
}
