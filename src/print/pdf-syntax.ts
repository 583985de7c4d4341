/**
 * Just enough PDF syntax (ISO 32000-1, 7.2–7.5) to read and amend the files Chromium's Skia writes:
 * objects (parse and serialise), content-stream tokens, and a classic cross-reference table. Text is
 * handled as latin1 strings, one character per byte, so offsets into a string are offsets into the file.
 *
 * Deliberately small: no xref streams or object streams (Skia writes neither), no encryption. A file
 * using them is refused rather than half-read.
 */
import { inflateSync } from "node:zlib";

export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict;

export interface PdfName {
  readonly kind: "name";
  readonly name: string;
}

export interface PdfString {
  readonly kind: "string";
  /** The string's bytes, as latin1 characters. */
  readonly bytes: string;
}

export interface PdfRef {
  readonly kind: "ref";
  readonly num: number;
  readonly gen: number;
}

export interface PdfDict {
  readonly kind: "dict";
  /** Keys without the slash, in file order (serialising keeps that order, so output is stable). */
  readonly map: Map<string, PdfValue>;
}

/** A bare keyword in a content stream (an operator such as `BT` or `Tj`). */
export interface PdfOperator {
  readonly kind: "op";
  readonly op: string;
}

export const name = (value: string): PdfName => ({ kind: "name", name: value });
export const str = (bytes: string): PdfString => ({ kind: "string", bytes });
export const ref = (num: number, gen = 0): PdfRef => ({ kind: "ref", num, gen });
export const dict = (entries: Array<[string, PdfValue]> = []): PdfDict => ({ kind: "dict", map: new Map(entries) });

export function isName(value: PdfValue | undefined, expected?: string): value is PdfName {
  return typeof value === "object" && value !== null && !Array.isArray(value) && value.kind === "name" && (expected === undefined || value.name === expected);
}
export function isDict(value: PdfValue | undefined): value is PdfDict {
  return typeof value === "object" && value !== null && !Array.isArray(value) && value.kind === "dict";
}
export function isRef(value: PdfValue | undefined): value is PdfRef {
  return typeof value === "object" && value !== null && !Array.isArray(value) && value.kind === "ref";
}
export function isString(value: PdfValue | undefined): value is PdfString {
  return typeof value === "object" && value !== null && !Array.isArray(value) && value.kind === "string";
}

// ---------------------------------------------------------------------------------------------
// Lexing and parsing

const DELIMITERS = new Set(["(", ")", "<", ">", "[", "]", "{", "}", "/", "%"]);

/** Skip whitespace and comments. */
export function skipSpace(text: string, at: number): number {
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00) at++;
    else if (c === 0x25 /* % */) {
      while (at < text.length && text.charCodeAt(at) !== 0x0a && text.charCodeAt(at) !== 0x0d) at++;
    } else break;
  }
  return at;
}

function regularEnd(text: string, at: number): number {
  for (; at < text.length; at++) {
    const c = text.charCodeAt(at);
    // whitespace: NUL HT LF FF CR SP; delimiters: ( ) < > [ ] { } / %
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00) break;
    if (c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25) break;
  }
  return at;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

export interface Parsed<T> {
  value: T;
  end: number;
}

/**
 * Parse one value at `at` (after any whitespace). Indirect references (`12 0 R`) are recognised by
 * looking ahead, as a reader must. In a content stream a bare keyword comes back as an operator.
 */
export function parseValue(text: string, at: number): Parsed<PdfValue | PdfOperator> {
  at = skipSpace(text, at);
  const ch = text[at];
  if (ch === undefined) throw new PdfSyntaxError("unexpected end of data", at);
  if (ch === "/") {
    const end = regularEnd(text, at + 1);
    return { value: name(decodeName(text.slice(at + 1, end))), end };
  }
  if (ch === "(") return parseLiteralString(text, at);
  if (ch === "<") {
    if (text[at + 1] === "<") return parseDict(text, at);
    const close = text.indexOf(">", at);
    if (close < 0) throw new PdfSyntaxError("unterminated hex string", at);
    return { value: str(hexToBytes(text.slice(at + 1, close))), end: close + 1 };
  }
  if (ch === "[") {
    const items: PdfValue[] = [];
    let pos = skipSpace(text, at + 1);
    while (text[pos] !== "]") {
      if (pos >= text.length) throw new PdfSyntaxError("unterminated array", at);
      const item = parseValue(text, pos);
      if (isOperator(item.value)) throw new PdfSyntaxError(`unexpected '${item.value.op}' in an array`, pos);
      items.push(item.value);
      pos = skipSpace(text, item.end);
    }
    return { value: items, end: pos + 1 };
  }
  if (DELIMITERS.has(ch)) throw new PdfSyntaxError(`unexpected '${ch}'`, at);
  const end = regularEnd(text, at);
  const token = text.slice(at, end);
  if (NUMBER.test(token)) {
    // An unsigned integer may start an indirect reference, "num gen R": look ahead without slicing.
    if (isDigits(text, at, end)) {
      const genAt = skipSpace(text, end);
      const genEnd = regularEnd(text, genAt);
      if (genEnd > genAt && isDigits(text, genAt, genEnd)) {
        const rAt = skipSpace(text, genEnd);
        if (text.charCodeAt(rAt) === 0x52 /* R */ && regularEnd(text, rAt) === rAt + 1) {
          return { value: ref(Number(token), Number(text.slice(genAt, genEnd))), end: rAt + 1 };
        }
      }
    }
    return { value: Number(token), end };
  }
  if (token === "true") return { value: true, end };
  if (token === "false") return { value: false, end };
  if (token === "null") return { value: null, end };
  return { value: { kind: "op", op: token }, end };
}

export function isOperator(value: PdfValue | PdfOperator): value is PdfOperator {
  return typeof value === "object" && value !== null && !Array.isArray(value) && value.kind === "op";
}

/** Parse a value that must be a PDF object (not an operator). */
export function parseObject(text: string, at: number): Parsed<PdfValue> {
  const parsed = parseValue(text, at);
  if (isOperator(parsed.value)) throw new PdfSyntaxError(`unexpected keyword '${parsed.value.op}'`, at);
  return { value: parsed.value, end: parsed.end };
}

function parseDict(text: string, at: number): Parsed<PdfDict> {
  const map = new Map<string, PdfValue>();
  let pos = skipSpace(text, at + 2);
  while (!(text[pos] === ">" && text[pos + 1] === ">")) {
    if (pos >= text.length) throw new PdfSyntaxError("unterminated dictionary", at);
    const key = parseValue(text, pos);
    if (!isName(key.value as PdfValue)) throw new PdfSyntaxError("dictionary key is not a name", pos);
    const value = parseObject(text, key.end);
    map.set((key.value as PdfName).name, value.value);
    pos = skipSpace(text, value.end);
  }
  return { value: { kind: "dict", map }, end: pos + 2 };
}

const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", f: "\f", "(": "(", ")": ")", "\\": "\\" };

function parseLiteralString(text: string, at: number): Parsed<PdfString> {
  let out = "";
  let depth = 1;
  let pos = at + 1;
  while (pos < text.length) {
    const ch = text[pos]!;
    if (ch === "\\") {
      const next = text[pos + 1] ?? "";
      if (next in ESCAPES) {
        out += ESCAPES[next];
        pos += 2;
      } else if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(text.slice(pos + 1, pos + 4))![0];
        out += String.fromCharCode(parseInt(octal, 8) & 0xff);
        pos += 1 + octal.length;
      } else if (next === "\r") {
        pos += text[pos + 2] === "\n" ? 3 : 2; // a line continuation
      } else if (next === "\n") {
        pos += 2;
      } else {
        pos += 1; // an unknown escape: the backslash is ignored
      }
      continue;
    }
    if (ch === "(") depth++;
    if (ch === ")" && --depth === 0) return { value: str(out), end: pos + 1 };
    out += ch;
    pos++;
  }
  throw new PdfSyntaxError("unterminated string", at);
}

function hexToBytes(hex: string): string {
  const digits = hex.replace(/[^0-9a-fA-F]/g, "");
  const even = digits.length % 2 ? digits + "0" : digits;
  let out = "";
  for (let i = 0; i < even.length; i += 2) out += String.fromCharCode(parseInt(even.slice(i, i + 2), 16));
  return out;
}

function isDigits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return to > from;
}

function decodeName(raw: string): string {
  if (!raw.includes("#")) return raw;
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export class PdfSyntaxError extends Error {
  constructor(message: string, readonly at: number) {
    super(`${message} (at byte ${at})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Serialising

export function serialize(value: PdfValue): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") return formatNumber(value);
  if (Array.isArray(value)) return `[${value.map(serialize).join(" ")}]`;
  switch (value.kind) {
    case "name":
      return `/${encodeName(value.name)}`;
    case "string":
      // Printable ASCII as a literal string; anything else (UTF-16 text, binary IDs) as hex, which no reader can mangle.
      return /^[\x20-\x7e]*$/.test(value.bytes) ? `(${value.bytes.replace(/[()\\]/g, (ch) => `\\${ch}`)})` : `<${Buffer.from(value.bytes, "latin1").toString("hex")}>`;
    case "ref":
      return `${value.num} ${value.gen} R`;
    case "dict":
      return `<<${[...value.map].map(([key, v]) => `/${encodeName(key)} ${serialize(v)}`).join("\n")}>>`;
  }
}

/** PDF has no exponent notation. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a PDF number: ${n}`);
  if (Number.isInteger(n)) return String(n);
  const plain = String(n);
  return /e/i.test(plain) ? n.toFixed(10).replace(/0+$/, "").replace(/\.$/, "") : plain;
}

function encodeName(raw: string): string {
  return raw.replace(/[^!-~]|[#()<>[\]{}/%]/g, (ch) => `#${ch.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** A text string for a PDF (7.9.2.2): PDFDocEncoding's ASCII subset as is, anything else UTF-16BE with a BOM. */
export function textString(text: string): PdfString {
  if (/^[\x20-\x7e]*$/.test(text)) return str(text);
  let bytes = "\xfe\xff";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += String.fromCharCode(code >> 8, code & 0xff);
  }
  return str(bytes);
}

/** Decode a text string: UTF-16BE (with BOM), UTF-8 (with BOM, PDF 2.0) or PDFDocEncoding (close enough to latin1 for our titles). */
export function decodeTextString(value: PdfString): string {
  const b = value.bytes;
  if (b.startsWith("\xfe\xff")) {
    let out = "";
    for (let i = 2; i + 1 < b.length; i += 2) out += String.fromCharCode((b.charCodeAt(i) << 8) | b.charCodeAt(i + 1));
    return out;
  }
  if (b.startsWith("\xef\xbb\xbf")) return Buffer.from(b.slice(3), "latin1").toString("utf8");
  return b;
}

// ---------------------------------------------------------------------------------------------
// The file: objects located through the cross-reference table

interface Located {
  num: number;
  gen: number;
  /** Where "num gen obj" starts. */
  start: number;
  /** Where the object's value starts. */
  valueAt: number;
}

export interface PdfStream {
  dict: PdfDict;
  /** The stream's raw (still encoded) bytes. */
  data: string;
}

/**
 * A PDF's objects, however they were read (this file's own reader, or qpdf's JSON): what the
 * structure and content walks need, and nothing about where the bytes sit.
 */
export abstract class PdfObjects {
  abstract readonly trailer: PdfDict;
  abstract object(num: number): PdfValue;
  /** A stream's decoded data (latin1), or undefined if it is not a stream or uses a filter we do not read. */
  abstract streamData(num: number): string | undefined;
  /** A stream's dictionary. */
  abstract streamDict(num: number): PdfDict | undefined;

  /** Follow a reference (once; a chain of references is not valid PDF). */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return isRef(value) ? this.object(value.num) : value;
  }

  dictOf(value: PdfValue | undefined): PdfDict | undefined {
    const resolved = this.resolve(value);
    return isDict(resolved) ? resolved : undefined;
  }

  /** An array entry, resolved; a single value stands for an array of one. */
  arrayOf(value: PdfValue | undefined): PdfValue[] {
    const resolved = this.resolve(value);
    return resolved === undefined || resolved === null ? [] : Array.isArray(resolved) ? resolved : [value!];
  }

  /** The catalog (document root). */
  get catalog(): PdfDict {
    const root = this.dictOf(this.trailer.map.get("Root"));
    if (!root) throw new Error("PDF: no catalog");
    return root;
  }

  /** Page objects in page order (following the page tree). */
  pages(): Array<{ num: number; dict: PdfDict }> {
    const out: Array<{ num: number; dict: PdfDict }> = [];
    const walk = (node: PdfValue | undefined, seen: Set<number>) => {
      if (!isRef(node) || seen.has(node.num)) return;
      seen.add(node.num);
      const d = this.dictOf(node);
      if (!d) return;
      if (isName(d.map.get("Type"), "Pages") || d.map.has("Kids")) {
        for (const kid of this.arrayOf(d.map.get("Kids"))) walk(kid, seen);
      } else out.push({ num: node.num, dict: d });
    };
    walk(this.catalog.map.get("Pages"), new Set());
    return out;
  }
}

export class PdfFile extends PdfObjects {
  readonly trailer: PdfDict;
  private readonly located = new Map<number, Located>();
  private readonly cache = new Map<number, PdfValue>();
  private readonly decoded = new Map<number, string | undefined>();

  constructor(readonly text: string) {
    super();
    const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-1024));
    if (!startxref) throw new Error("PDF: no startxref at the end of the file");
    let at = Number(startxref[1]);
    if (!text.startsWith("xref", at)) throw new Error("PDF: not a classic cross-reference table (xref streams are not supported)");
    at = skipSpace(text, at + 4);
    for (;;) {
      const head = /^(\d+)\s+(\d+)/.exec(text.slice(at, at + 40));
      if (!head) break;
      const first = Number(head[1]);
      const count = Number(head[2]);
      at = skipSpace(text, at + head[0].length);
      for (let i = 0; i < count; i++) {
        const entry = /^(\d{10}) (\d{5}) ([nf])/.exec(text.slice(at, at + 20));
        if (!entry) throw new Error(`PDF: bad cross-reference entry at byte ${at}`);
        if (entry[3] === "n") this.located.set(first + i, this.locate(first + i, Number(entry[2]), Number(entry[1])));
        at += 20;
      }
      at = skipSpace(text, at);
    }
    if (!text.startsWith("trailer", at)) throw new Error("PDF: no trailer after the cross-reference table");
    const trailer = parseObject(text, at + 7).value;
    if (!isDict(trailer)) throw new Error("PDF: the trailer is not a dictionary");
    if (trailer.map.has("Prev") || trailer.map.has("Encrypt") || trailer.map.has("XRefStm")) throw new Error("PDF: updated, encrypted or hybrid files are not supported");
    this.trailer = trailer;
  }

  private locate(num: number, gen: number, offset: number): Located {
    const head = /^(\d+)\s+(\d+)\s+obj\b/.exec(this.text.slice(offset, offset + 40));
    if (!head || Number(head[1]) !== num || Number(head[2]) !== gen) throw new Error(`PDF: object ${num} is not at byte ${offset}`);
    return { num, gen, start: offset, valueAt: offset + head[0].length };
  }

  /** Just after the object's "endobj" (a stream's length may be another object, hence not found while locating). */
  private end(located: Located): number {
    const value = parseObject(this.text, located.valueAt);
    let at = skipSpace(this.text, value.end);
    if (this.text.startsWith("stream", at)) {
      const length = isDict(value.value) ? this.resolve(value.value.map.get("Length")) : undefined;
      if (typeof length !== "number") throw new Error(`PDF: stream ${located.num} has no length`);
      at = skipSpace(this.text, streamDataStart(this.text, at) + length);
      if (!this.text.startsWith("endstream", at)) throw new Error(`PDF: stream ${located.num} is not as long as its /Length`);
      at = skipSpace(this.text, at + "endstream".length);
    }
    if (!this.text.startsWith("endobj", at)) throw new Error(`PDF: object ${located.num} does not end with endobj`);
    return at + "endobj".length;
  }

  /** Object numbers, in the order the objects appear in the file. */
  numbers(): number[] {
    return [...this.located.values()].sort((a, b) => a.start - b.start).map((l) => l.num);
  }

  /** Everything before the first object: the header and its binary comment. */
  header(): string {
    let first = Infinity;
    for (const l of this.located.values()) first = Math.min(first, l.start);
    return Number.isFinite(first) ? this.text.slice(0, first) : "%PDF-1.4\n";
  }

  has(num: number): boolean {
    return this.located.has(num);
  }

  /** One more than the highest object number in use. */
  get size(): number {
    const declared = this.trailer.map.get("Size");
    let size = typeof declared === "number" ? declared : 0;
    for (const num of this.located.keys()) size = Math.max(size, num + 1);
    return size;
  }

  object(num: number): PdfValue {
    if (!this.cache.has(num)) {
      const located = this.located.get(num);
      this.cache.set(num, located ? parseObject(this.text, located.valueAt).value : null);
    }
    return this.cache.get(num)!;
  }

  stream(num: number): PdfStream | undefined {
    const located = this.located.get(num);
    const dictValue = this.object(num);
    if (!located || !isDict(dictValue)) return undefined;
    const after = skipSpace(this.text, parseObject(this.text, located.valueAt).end);
    if (!this.text.startsWith("stream", after)) return undefined;
    const length = this.resolve(dictValue.map.get("Length"));
    if (typeof length !== "number") throw new Error(`PDF: stream ${num} has no length`);
    const dataAt = streamDataStart(this.text, after);
    return { dict: dictValue, data: this.text.slice(dataAt, dataAt + length) };
  }

  /** The original bytes of an object, "num gen obj" to "endobj". */
  source(num: number): string {
    const located = this.located.get(num);
    if (!located) throw new Error(`PDF: no object ${num}`);
    return this.text.slice(located.start, this.end(located));
  }

  streamDict(num: number): PdfDict | undefined {
    return this.stream(num)?.dict;
  }

  /** Decoded once: the structure walk and the content rewrite read the same pages. */
  streamData(num: number): string | undefined {
    if (!this.decoded.has(num)) {
      const found = this.stream(num);
      this.decoded.set(num, found ? decodeStream(found.dict, found.data) : undefined);
    }
    return this.decoded.get(num);
  }
}

/** Decode a stream's data (FlateDecode or none; anything else is not ours to read). */
export function decodeStream(dictionary: PdfDict, data: string): string | undefined {
  const filter = dictionary.map.get("Filter");
  const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
  if (filters.length === 0) return data;
  if (filters.length === 1 && isName(filters[0], "FlateDecode") && !dictionary.map.has("DecodeParms")) return inflateSync(Buffer.from(data, "latin1")).toString("latin1");
  return undefined;
}

function streamDataStart(text: string, streamKeywordAt: number): number {
  let at = streamKeywordAt + "stream".length;
  if (text[at] === "\r") at++;
  if (text[at] === "\n") at++;
  return at;
}

// ---------------------------------------------------------------------------------------------
// Writing: the same objects, some replaced, some added, under a rebuilt cross-reference table

export interface Replacement {
  /** The object's new value. */
  value: PdfValue;
  /** Present for a stream: its (already encoded) data; the dictionary's /Length is set to match. */
  stream?: string;
}

/**
 * Write the file again: untouched objects byte for byte, in their original order; replaced objects in
 * their place; new objects at the end; then one cross-reference table for all of them. Object numbers
 * never change, so every reference in the file stays valid.
 */
export function rewrite(file: PdfFile, replaced: Map<number, Replacement>, trailer: PdfDict, header: string = file.header()): string {
  const chunks: string[] = [header];
  let offset = header.length;
  const offsets = new Map<number, number>();
  const emit = (num: number, body: string) => {
    offsets.set(num, offset);
    const chunk = `${body}\n`;
    chunks.push(chunk);
    offset += chunk.length;
  };
  for (const num of file.numbers()) {
    const replacement = replaced.get(num);
    emit(num, replacement ? objectText(num, replacement) : file.source(num));
  }
  const added = [...replaced.keys()].filter((num) => !file.has(num)).sort((a, b) => a - b);
  for (const num of added) emit(num, objectText(num, replaced.get(num)!));
  const size = Math.max(file.size, ...added.map((n) => n + 1));
  let xref = `xref\n0 ${size}\n`;
  for (let num = 0; num < size; num++) {
    const at = offsets.get(num);
    xref += at === undefined ? `0000000000 ${num === 0 ? "65535" : "00000"} f \n` : `${String(at).padStart(10, "0")} 00000 n \n`;
  }
  const finalTrailer = dict([...trailer.map].filter(([key]) => key !== "Size" && key !== "Prev"));
  finalTrailer.map.set("Size", size);
  chunks.push(`${xref}trailer\n${serialize(finalTrailer)}\nstartxref\n${offset}\n%%EOF\n`);
  return chunks.join("");
}

function objectText(num: number, replacement: Replacement): string {
  if (replacement.stream === undefined) return `${num} 0 obj\n${serialize(replacement.value)}\nendobj`;
  if (!isDict(replacement.value)) throw new Error(`PDF: stream ${num} needs a dictionary`);
  const streamDict = dict([...replacement.value.map]);
  streamDict.map.set("Length", replacement.stream.length);
  return `${num} 0 obj\n${serialize(streamDict)}\nstream\n${replacement.stream}\nendstream\nendobj`;
}
