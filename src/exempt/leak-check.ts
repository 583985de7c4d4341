/**
 * The leak check of a public build. Every distinctive phrase of exempt material (exempt papers, exempt
 * appendices, exempt table cells) is searched for in every output file: the text of HTML pages, JSON,
 * CSV and XML, the text of every PDF page, and file names. Any hit stops the build. It cannot be
 * switched off for a public build.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { decodeEntities } from "../lib/html.ts";
import { filesUnder } from "../lib/files.ts";
import { STATUTORY_WORDING } from "./appendix.ts";
import type { AgendaItemView, MeetingView } from "../model/view.ts";

/** Letters and digits only, lower case, typographic variants folded: robust to markup, line breaks and quotes. */
export function fingerprint(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .toLowerCase()
    .replace(/[^a-z0-9£%]/g, "");
}

const MIN_LENGTH = 4; // fingerprint characters: "n/a" and the like say nothing

/** The sentences of a Markdown or YAML text, without markup. */
export function phrasesOf(text: string, kind: "markdown" | "yaml"): string[] {
  let prose: string[];
  if (kind === "yaml") {
    prose = [];
    const collect = (value: unknown): void => {
      if (typeof value === "string") prose.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    try {
      collect(yaml.load(text, { schema: yaml.CORE_SCHEMA }));
    } catch {
      prose = text.split("\n");
    }
  } else {
    prose = text
      .replace(/^---\n[\s\S]*?\n---\n/, (frontMatter) => frontMatter.split("\n").map((l) => l.replace(/^\s*[\w-]+:\s*/, "")).join("\n"))
      .split(/\n\s*\n/);
  }
  const phrases: string[] = [];
  for (const block of prose) {
    const plain = block
      .replace(/\[@[a-z]+:[^\]]+\]/g, " ")
      .replace(/\{#[^}]+\}|\{exempt=[^}]*\}/g, " ")
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/^\s*(#+|[-*+]|\d+\.|:::.*|>)\s*/gm, "")
      .replace(/[*_`]/g, "");
    for (const sentence of plain.split(/(?<=[.!?;:])\s+|\n/)) {
      const trimmed = sentence.trim();
      if (fingerprint(trimmed).length >= MIN_LENGTH) phrases.push(trimmed);
    }
  }
  return phrases;
}

export interface Leak {
  file: string;
  where: string;
  phrase: string;
}

/** Any run of this many consecutive words of exempt text found in the output is a leak. */
const WINDOW = 6;

/** Words of a text, normalised: case, typographic quotes and punctuation do not matter. */
export function words(text: string): string[] {
  return text.normalize("NFKC").replace(/[‘’]/g, "'").toLowerCase().match(/[a-z0-9£%]+/g) ?? [];
}

/** Runs of `size` words. */
function windows(tokens: string[], size: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i + size <= tokens.length; i++) out.push(tokens.slice(i, i + size));
  return out;
}

export interface Needle {
  words: string[];
  phrase: string;
}

/**
 * Needles indexed by their first word, so a text is searched in one pass over its words instead of
 * building every window of it: for each word, only the needles starting with it are compared.
 */
export class NeedleIndex {
  private readonly byFirst = new Map<string, Needle[]>();
  size = 0;

  static of(needles: Iterable<Needle>): NeedleIndex {
    const index = new NeedleIndex();
    for (const needle of needles) index.add(needle);
    return index;
  }

  /** Every needle, in a stable order (to store with a meeting's cached build). */
  list(): Needle[] {
    return [...this.byFirst.values()].flat();
  }

  /** A hash of what is searched for. */
  digest(): string {
    const hash = createHash("sha256");
    for (const needle of this.list()) hash.update(needle.words.join(" ")).update("\0");
    return hash.digest("hex");
  }

  add(needle: Needle): void {
    const first = needle.words[0]!;
    const list = this.byFirst.get(first) ?? [];
    if (list.some((n) => n.words.join(" ") === needle.words.join(" "))) return;
    list.push(needle);
    this.byFirst.set(first, list);
    this.size++;
  }

  /** Each needle found in the words, once. */
  find(words: string[]): Needle[] {
    const found = new Set<Needle>();
    for (let i = 0; i < words.length; i++) {
      const candidates = this.byFirst.get(words[i]!);
      if (!candidates) continue;
      for (const needle of candidates) {
        if (found.has(needle)) continue;
        let j = 1;
        while (j < needle.words.length && words[i + j] === needle.words[j]) j++;
        if (j === needle.words.length) found.add(needle);
      }
    }
    return [...found];
  }

  remove(needles: Needle[]): void {
    for (const needle of needles) {
      const list = this.byFirst.get(needle.words[0]!)!;
      this.byFirst.set(needle.words[0]!, list.filter((n) => n !== needle));
      this.size--;
    }
  }
}

/**
 * What to search for: every run of six words of each exempt phrase (a short exempt value whole), less
 * the runs that public sources also contain (a contact's name and role, the statutory wording).
 */
export function leakNeedles(phrases: Iterable<string>, publicText: string): NeedleIndex {
  const index = new NeedleIndex();
  for (const phrase of phrases) {
    const tokens = words(phrase);
    const size = Math.min(WINDOW, tokens.length);
    // Short phrases identify nothing ("sections", "All Essex") unless they carry a figure ("£212,400").
    if (size === 0 || (size < 3 && !/\d/.test(phrase))) continue;
    for (const run of windows(tokens, size)) index.add({ words: run, phrase });
  }
  index.remove(index.find(words(publicText)));
  return index;
}

/**
 * What the public may see of a meeting: the leak check ignores exempt text that is also here (a
 * contact's name, an exempt item's title, the statutory wording). The text of its public view without
 * markup, each paper once (a paper is in its agenda item and in `papers`; its pack body is its body again).
 */
export function publicTextOf(meeting: MeetingView | undefined): string {
  if (!meeting) return STATUTORY_WORDING;
  const items = (list: AgendaItemView[]) => list.map((item) => ({ ...item, paper: item.paper && { ...item.paper, packBodyHtml: "" } }));
  const view = JSON.stringify({ ...meeting, papers: [], publicItems: items(meeting.publicItems), exemptItems: items(meeting.exemptItems) });
  return `${STATUTORY_WORDING} ${decodeEntities(view.replace(/<[^>]+>/g, " "))}`;
}

/**
 * Search the output directory. `needlesFor` says what to look for in each file (by its path in the
 * output): a meeting's own pages are searched for that meeting's exempt text, pages shared by all
 * meetings for every meeting's; undefined skips a file (one already checked when it was built).
 * Reading a PDF's text is the slow part: with `verdicts`, a folder, a PDF found clean is remembered by
 * its bytes and the needles, and the same PDF searched for the same needles is not read again.
 */
export async function findLeaks(dir: string, needlesFor: (file: string) => NeedleIndex | undefined, verdicts?: string): Promise<Leak[]> {
  if (verdicts) mkdirSync(verdicts, { recursive: true });
  const leaks: Leak[] = [];
  const reported = new Set<string>();
  const scan = (needles: NeedleIndex, file: string, where: string, text: string) => {
    for (const needle of needles.find(words(text))) {
      if (reported.has(`${file}\u0000${needle.phrase}`)) continue;
      reported.add(`${file}\u0000${needle.phrase}`);
      leaks.push({ file, where, phrase: needle.phrase });
    }
  };
  for (const name of filesUnder(dir)) {
    const file = join(dir, name);
    const needles = needlesFor(name);
    if (!needles || needles.size === 0) continue;
    scan(needles, name, "file name", name.replace(/[-_/.]/g, " "));
    if (/\.(html|json|csv|xml|txt|svg|css)$/.test(file)) {
      const raw = readFileSync(file, "utf8");
      scan(needles, name, "text", decodeEntities(raw.replace(/<[^>]+>/g, " ")));
    } else if (file.endsWith(".pdf")) {
      const bytes = readFileSync(file);
      const verdict = verdicts && join(verdicts, createHash("sha256").update(bytes).update(needles.digest()).digest("hex"));
      if (verdict && existsSync(verdict)) continue;
      const found = leaks.length;
      const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs"); // loaded only when there are PDFs
      const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
      try {
        const pages: string[] = [];
        for (let n = 1; n <= doc.numPages; n++) {
          const content = await (await doc.getPage(n)).getTextContent();
          pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
        }
        // Whole document at once, so a run of words broken across pages is still found.
        scan(needles, name, "PDF text", pages.join(" "));
        const info = await doc.getMetadata();
        scan(needles, name, "PDF metadata", JSON.stringify(info.info ?? {}));
        const outline = (await doc.getOutline()) ?? [];
        scan(needles, name, "PDF bookmarks", JSON.stringify(outline.map((o) => [o.title, o.items.map((i) => i.title)])));
      } finally {
        await doc.destroy();
      }
      if (verdict && leaks.length === found) writeFileSync(verdict, "");
    }
  }
  return leaks;
}

