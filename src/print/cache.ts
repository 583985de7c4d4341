/**
 * The print cache: a PDF is reprinted only when something it depends on changed. The key of a print
 * is a hash of its print document (the HTML, before page numbers are filled in) and of everything else
 * that can change the PDF: the assets it loads (CSS, fonts), the Chromium version, panelpress's
 * version and locked dependencies, the printing code itself, and the date stamped into the PDF.
 * Printing is deterministic (see reproducible.ts), so a cached PDF is the PDF a fresh print would make.
 *
 * A cached entry is verified, not trusted: its metadata is sealed (a digest of its own text, and the key
 * it was written under) and records the SHA-256 of the PDF. A PDF changed, truncated or copied from
 * another entry, or metadata damaged, is a miss, and the entry is removed. Files are written under a
 * temporary name and renamed into place, so a killed build never leaves a half-written entry.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, openSync, readFileSync, readSync, renameSync, rmSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PageRanges } from "./page-refs.ts";

export interface CachedPrint {
  /** The key the entry was written under: an entry copied to another key's name is not that key's. */
  key: string;
  /** SHA-256 of the PDF's bytes. */
  sha256: string;
  pages: number;
  ranges: Array<[string, [number, number]]>;
  /** Its paper bodies' landscape moves (the layout hint it leaves: see layoutHint()). */
  bodies?: BodyLayout[];
}

export interface PrintHit {
  /** The cached PDF (as verified when get() read it). */
  pdf: string;
  /** The verified bytes themselves: writing these, not copying `pdf`, leaves no window for a swap. */
  bytes: Buffer;
  pages: number;
  ranges: PageRanges;
  bodies?: BodyLayout[];
}

const PRINT_FORMAT = "panelpress-print/3";
const HINT_FORMAT = "panelpress-layout-hint/2";

/**
 * How a paper body printed (see layout.ts), by its key (paperBodies(): a hash of the body's HTML, of its
 * item's heading and cover sheet, and of the document's head): whether it has landscape pages, and its
 * landscape moves (`index` is the block's). A body in a layout hint printed with nothing too wide for
 * its page (only such prints leave one).
 */
export interface BodyLayout {
  sha256: string;
  landscape: boolean;
  moves: Array<{ index: number; page: string; drawing?: number }>;
}

export interface LayoutHint {
  ranges: PageRanges;
  /** Every paper body of the print, with its moves; a body without landscape pages never has moves. */
  bodies: BodyLayout[];
}

export class PrintCache {
  constructor(
    private readonly dir: string,
    /** Hash of everything but the document itself. */
    private readonly salt: string,
    /** False for a clean build: print everything afresh (and refresh the cache). */
    private readonly readable = true,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** `files`: a digest of the files the document itself loads beyond the assets (its images; see print.ts). */
  key(document: string, sections: string[], date: string, files = ""): string {
    return createHash("sha256").update(this.salt).update("\0").update(sections.join(",")).update("\0").update(date).update("\0").update(files).update("\0").update(document).digest("hex");
  }

  /**
   * How a document with page references came out when it was last printed (under this salt): its measured
   * page ranges and each paper body's landscape moves. A hint only: the printer starts from it and checks
   * the print against it (src/print/print.ts), so a stale hint costs a print, never a wrong PDF.
   */
  layoutHint(output: string, sections: string[]): LayoutHint | undefined {
    if (!this.readable) return undefined;
    const file = join(this.dir, "layout", `${this.hintKey(output, sections)}.json`);
    const text = readOrUndefined(file)?.toString("utf8");
    const body = text === undefined ? undefined : unseal(HINT_FORMAT, text);
    const value = body === undefined ? undefined : parseJson(body);
    if (isObject(value) && value.key === this.hintKey(output, sections) && isLayoutHintBody(value.hint)) return { ranges: new Map(value.hint.ranges), bodies: value.hint.bodies };
    if (text !== undefined) rmSync(file, { force: true }); // damaged or another key's: gone, so the next print replaces it
    return undefined;
  }

  rememberLayout(output: string, sections: string[], hint: LayoutHint): void {
    mkdirSync(join(this.dir, "layout"), { recursive: true });
    const key = this.hintKey(output, sections);
    const body = { key, hint: { ranges: [...hint.ranges], bodies: hint.bodies } };
    writeAtomically(join(this.dir, "layout", `${key}.json`), seal(HINT_FORMAT, JSON.stringify(body)));
  }

  private hintKey(output: string, sections: string[]): string {
    return createHash("sha256").update(this.salt).update("\0").update(output).update("\0").update(sections.join(",")).digest("hex");
  }

  get(key: string): PrintHit | undefined {
    if (!this.readable || !isHex64(key)) return undefined;
    const pdf = join(this.dir, `${key}.pdf`);
    const meta = readCachedPrint(join(this.dir, `${key}.json`), key);
    const bytes = readOrUndefined(pdf);
    if (meta === undefined || bytes === undefined) {
      // Half an entry (or a damaged one) is no entry: clear it so the reprint can take its place.
      if (meta !== undefined || bytes !== undefined) this.remove(key);
      return undefined;
    }
    if (sha256(bytes) !== meta.sha256) {
      this.remove(key);
      return undefined;
    }
    return { pdf, bytes, pages: meta.pages, ranges: new Map(meta.ranges), bodies: meta.bodies };
  }

  put(key: string, pdfFile: string, pages: number, ranges: PageRanges, bodies?: BodyLayout[]): void {
    if (!isHex64(key)) throw new Error(`print cache: '${key}' is not a key`);
    // Hash the bytes that are written, not the file again afterwards.
    const bytes = readFileSync(pdfFile);
    const meta: CachedPrint = { key, sha256: sha256(bytes), pages, ranges: [...ranges], ...(bodies ? { bodies } : {}) };
    // The PDF first: metadata naming a PDF that is not (yet) there is a miss, never a wrong hit.
    writeAtomically(join(this.dir, `${key}.pdf`), bytes);
    writeAtomically(join(this.dir, `${key}.json`), seal(PRINT_FORMAT, JSON.stringify(meta)));
  }

  private remove(key: string): void {
    for (const ext of [".json", ".pdf"]) rmSync(join(this.dir, `${key}${ext}`), { force: true });
  }
}

/** An entry's metadata, if it is intact, well formed and was written under this key. */
function readCachedPrint(file: string, key: string): CachedPrint | undefined {
  const text = readOrUndefined(file)?.toString("utf8");
  const body = text === undefined ? undefined : unseal(PRINT_FORMAT, text);
  if (body === undefined) return undefined;
  const meta = parseJson(body);
  return isCachedPrint(meta) && meta.key === key ? meta : undefined;
}

function isCachedPrint(value: unknown): value is CachedPrint {
  if (!isObject(value)) return false;
  const { key, sha256: digest, pages, ranges, bodies } = value;
  return typeof key === "string" && isHex64(digest) && isCount(pages) && Array.isArray(ranges) && ranges.every(isRange)
    && (bodies === undefined || (Array.isArray(bodies) && bodies.every(isBodyLayout)));
}

function isLayoutHintBody(value: unknown): value is { ranges: Array<[string, [number, number]]>; bodies: BodyLayout[] } {
  return isObject(value) && Array.isArray(value.ranges) && value.ranges.every(isRange) && Array.isArray(value.bodies) && value.bodies.every(isBodyLayout);
}

function isBodyLayout(value: unknown): value is BodyLayout {
  return isObject(value) && isHex64(value.sha256) && typeof value.landscape === "boolean" && Array.isArray(value.moves)
    && value.moves.every((m) => isObject(m) && isCount(m.index) && typeof m.page === "string" && (m.drawing === undefined || typeof m.drawing === "number"));
}

function isRange(value: unknown): value is [string, [number, number]] {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== "string") return false;
  const pair: unknown = value[1];
  return Array.isArray(pair) && pair.length === 2 && pair.every(isCount);
}

// ---- Shared by the caches (the meeting cache uses these too) ----

export function sha256(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** One buffer for reading files to hash: the caches hash every file of every kept meeting. */
const HASH_CHUNK = Buffer.allocUnsafe(1 << 20);

/**
 * The SHA-256 of a file's bytes, read through one shared buffer rather than into a buffer of its own: a
 * build of a large archive hashes every kept file (hundreds of thousands), and a buffer for each left the
 * process's memory fragmented and large. Throws as readFileSync does.
 */
export function sha256File(file: string): string {
  const fd = openSync(file, "r");
  try {
    const hash = createHash("sha256");
    for (let read; (read = readSync(fd, HASH_CHUNK, 0, HASH_CHUNK.length, null)) > 0;) hash.update(HASH_CHUNK.subarray(0, read));
    return hash.digest("hex");
  } finally {
    closeSync(fd);
  }
}

export function isHex64(value: unknown): value is string {
  return typeof value === "string" && /^[0-9a-f]{64}$/.test(value);
}

/**
 * A cache file's text with its format and a digest of itself, so that a truncated, damaged or
 * old-format file reads as nothing rather than as something wrong. (A digest, not a signature: it
 * catches damage and mix-ups, and cannot stop someone who can write the cache and recompute it.)
 */
export function seal(format: string, body: string): string {
  return `${JSON.stringify({ format, sha256: sha256(`${format}\0${body}`), body })}\n`;
}

/** The body of sealed text, if the format is this one and the digest matches. */
export function unseal(format: string, text: string): string | undefined {
  const envelope = parseJson(text);
  if (!isObject(envelope) || envelope.format !== format || typeof envelope.body !== "string") return undefined;
  return envelope.sha256 === sha256(`${format}\0${envelope.body}`) ? envelope.body : undefined;
}

/** Write a file under a temporary name beside it, then rename: readers see the old file or the whole new one. */
export function writeAtomically(file: string, data: Buffer | string): void {
  const temporary = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** A file's bytes, or undefined if it cannot be read (missing, a folder, unreadable). */
export function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}
