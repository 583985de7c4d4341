/**
 * Content streams (ISO 32000-1, 7.8.2 and 8.2): the operators of a page with their operands and
 * where each sits in the stream, which marked-content sequence (tagged or Artifact) each graphics
 * object falls in, and what text a font's codes stand for (its /ToUnicode CMap, 9.10.3).
 */
import { isName, isOperator, parseValue, skipSpace, type PdfValue } from "./pdf-syntax.ts";

export interface Instruction {
  readonly op: string;
  /** Parsed on first use: most operands (path coordinates) are never looked at. */
  readonly operands: PdfValue[];
  /** Where the first operand (or the operator, if none) starts. */
  readonly start: number;
  /** Just after the operator. */
  readonly end: number;
}

/**
 * The operators of a content stream, in order. An inline image (BI … ID … EI) is one "BI"
 * instruction. A hand-written scanner, since pages hold hundreds of thousands of operators.
 */
export function tokenizeContent(text: string): Instruction[] {
  const out: Instruction[] = [];
  const length = text.length;
  let start = -1;
  let at = 0;
  while (at < length) {
    const c = text.charCodeAt(at);
    if (c === 0x25) {
      // a comment, to the end of the line
      while (at < length && text.charCodeAt(at) !== 0x0a && text.charCodeAt(at) !== 0x0d) at++;
      continue;
    }
    if (isWhiteCode(c)) {
      at++;
      continue;
    }
    if (start < 0) start = at;
    if (c === 0x2f /* / */) at = regularEndCode(text, at + 1);
    else if (c === 0x28 /* ( */) at = skipLiteralString(text, at);
    else if (c === 0x3c /* < */) at = text.charCodeAt(at + 1) === 0x3c ? parseValue(text, at).end : text.indexOf(">", at) + 1 || length;
    else if (c === 0x5b /* [ */) at = parseValue(text, at).end;
    else if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) at = regularEndCode(text, at + 1);
    else if (c === 0x5d || c === 0x29 || c === 0x3e || c === 0x7b || c === 0x7d) at++; // stray delimiter: skipped
    else {
      const opEnd = regularEndCode(text, at + 1);
      const op = text.slice(at, opEnd);
      const end = op === "BI" ? inlineImageEnd(text, opEnd) : opEnd;
      out.push(new ParsedInstruction(text, op, start, at, end));
      start = -1;
      at = end;
    }
  }
  return out;
}

class ParsedInstruction implements Instruction {
  private parsed: PdfValue[] | undefined;

  constructor(
    private readonly text: string,
    readonly op: string,
    readonly start: number,
    private readonly opAt: number,
    readonly end: number,
  ) {}

  get operands(): PdfValue[] {
    if (!this.parsed) {
      const operands: PdfValue[] = [];
      let at = skipSpace(this.text, this.start);
      while (at < this.opAt) {
        const parsed = parseValue(this.text, at);
        if (!isOperator(parsed.value)) operands.push(parsed.value);
        at = skipSpace(this.text, parsed.end);
      }
      this.parsed = operands;
    }
    return this.parsed;
  }
}

function isWhiteCode(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
}

/** Past a run of regular characters (not whitespace, not a delimiter). */
function regularEndCode(text: string, at: number): number {
  for (; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (isWhiteCode(c) || c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d || c === 0x2f || c === 0x25) break;
  }
  return at;
}

function skipLiteralString(text: string, at: number): number {
  let depth = 0;
  for (; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === 0x5c) at++; // the escaped character is skipped with it
    else if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return at + 1;
  }
  return at;
}

/** Past "EI": the image data after "ID" is binary, and ends at whitespace + "EI" + whitespace. */
function inlineImageEnd(text: string, from: number): number {
  const id = /\sID\s/g;
  id.lastIndex = from - 1;
  const found = id.exec(text);
  if (!found) throw new Error("content stream: inline image without ID");
  const ei = /\sEI(?=\s|$)/g;
  ei.lastIndex = found.index + found[0].length;
  const end = ei.exec(text);
  if (!end) throw new Error("content stream: inline image without EI");
  return end.index + end[0].length;
}

/** Operators that start a graphics object, and those that end one (8.2, figure 9). */
const PATH_START = new Set(["m", "re"]);
const PATH_END = new Set(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"]);
const SINGLE = new Set(["sh", "Do", "BI"]);

export interface GraphicsObject {
  kind: "text" | "path" | "shading" | "xobject" | "image";
  /** Index of its first and last instruction. */
  first: number;
  last: number;
  /** The marked-content sequences open around it, outermost first: their tags ("P", "Artifact", …) and MCIDs. */
  marks: Array<{ tag: string; mcid?: number }>;
}

/**
 * The graphics objects of a content stream and the marked content around each. A path that only
 * clips (ends in `n`) paints nothing, but is listed too: a checker can tell it apart by `n`.
 */
export function graphicsObjects(instructions: Instruction[]): GraphicsObject[] {
  const out: GraphicsObject[] = [];
  const marks: Array<{ tag: string; mcid?: number }> = [];
  let open: { kind: GraphicsObject["kind"]; first: number; marks: GraphicsObject["marks"] } | undefined;
  instructions.forEach((ins, i) => {
    if (ins.op === "BMC" || ins.op === "BDC") {
      const tag = ins.operands[0];
      const props = ins.operands[1];
      const mcid = props && typeof props === "object" && !Array.isArray(props) && props.kind === "dict" ? props.map.get("MCID") : undefined;
      marks.push({ tag: isName(tag) ? tag.name : "", ...(typeof mcid === "number" ? { mcid } : {}) });
      return;
    }
    if (ins.op === "EMC") {
      marks.pop();
      return;
    }
    if (open) {
      if ((open.kind === "text" && ins.op === "ET") || (open.kind === "path" && PATH_END.has(ins.op))) {
        out.push({ kind: open.kind, first: open.first, last: i, marks: open.marks });
        open = undefined;
      }
      return;
    }
    if (ins.op === "BT") open = { kind: "text", first: i, marks: [...marks] };
    else if (PATH_START.has(ins.op)) open = { kind: "path", first: i, marks: [...marks] };
    else if (SINGLE.has(ins.op)) out.push({ kind: ins.op === "sh" ? "shading" : ins.op === "Do" ? "xobject" : "image", first: i, last: i, marks: [...marks] });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// ToUnicode CMaps

export interface ToUnicode {
  /** Byte lengths of the codes, from the codespace ranges (1 or 2 for the fonts we meet). */
  codeLengths: number[];
  /** Code (as latin1 bytes) → Unicode text. */
  map: Map<string, string>;
}

/** Parse a ToUnicode CMap's codespace ranges, bfchar and bfrange sections. */
export function parseToUnicode(cmap: string): ToUnicode {
  const map = new Map<string, string>();
  const codeLengths = new Set<number>();
  const hex = (h: string) => h.replace(/\s/g, "");
  const bytesOf = (h: string) => Buffer.from(hex(h), "hex").toString("latin1");
  const utf16 = (h: string) => Buffer.from(hex(h), "hex").swap16().toString("utf16le");
  for (const section of cmap.matchAll(/begincodespacerange([\s\S]*?)endcodespacerange/g)) {
    for (const range of section[1]!.matchAll(/<([0-9a-fA-F\s]+)>\s*<([0-9a-fA-F\s]+)>/g)) codeLengths.add(hex(range[1]!).length / 2);
  }
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of section[1]!.matchAll(/<([0-9a-fA-F\s]+)>\s*<([0-9a-fA-F\s]*)>/g)) map.set(bytesOf(pair[1]!), safeUtf16(utf16, pair[2]!));
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of section[1]!.matchAll(/<([0-9a-fA-F\s]+)>\s*<([0-9a-fA-F\s]+)>\s*(<[0-9a-fA-F\s]*>|\[[^\]]*\])/g)) {
      const low = parseInt(hex(range[1]!), 16);
      const high = parseInt(hex(range[2]!), 16);
      const width = hex(range[1]!).length;
      const target = range[3]!;
      const codeAt = (code: number) => bytesOf(code.toString(16).padStart(width, "0"));
      if (target.startsWith("[")) {
        [...target.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach((dst, i) => {
          if (low + i <= high) map.set(codeAt(low + i), safeUtf16(utf16, dst[1]!));
        });
      } else {
        const base = hex(target.slice(1, -1));
        for (let code = low; code <= high && code - low < 65536; code++) {
          // The last byte of the destination counts up (9.10.3); a UTF-16 pair's low half included.
          const last = parseInt(base.slice(-2), 16) + (code - low);
          const prefix = base.slice(0, -2);
          const dst = last > 0xff ? (parseInt(base, 16) + (code - low)).toString(16).padStart(base.length, "0") : prefix + last.toString(16).padStart(2, "0");
          map.set(codeAt(code), safeUtf16(utf16, dst));
        }
      }
    }
  }
  return { codeLengths: codeLengths.size ? [...codeLengths].sort() : [1], map };
}

function safeUtf16(decode: (h: string) => string, h: string): string {
  return h.replace(/\s/g, "").length % 4 === 0 ? decode(h) : "";
}

/** Split a shown string into codes, using the codespace's byte lengths (the shortest that is mapped, else the longest). */
export function splitCodes(bytes: string, toUnicode: ToUnicode | undefined, fallbackLength: number): string[] {
  const codes: string[] = [];
  const lengths = toUnicode?.codeLengths ?? [fallbackLength];
  let at = 0;
  while (at < bytes.length) {
    const length = lengths.find((n) => toUnicode?.map.has(bytes.slice(at, at + n))) ?? lengths[lengths.length - 1]!;
    codes.push(bytes.slice(at, at + length));
    at += length;
  }
  return codes;
}

/** The strings a text-showing operator shows (Tj, ', ", TJ). */
export function shownStrings(ins: Instruction): string[] {
  const strings: string[] = [];
  const take = (value: PdfValue | undefined) => {
    if (value && typeof value === "object" && !Array.isArray(value) && value.kind === "string") strings.push(value.bytes);
  };
  if (ins.op === "Tj" || ins.op === "'") take(ins.operands[0]);
  else if (ins.op === '"') take(ins.operands[2]);
  else if (ins.op === "TJ" && Array.isArray(ins.operands[0])) ins.operands[0].forEach(take);
  return strings;
}

export const TEXT_SHOWING = new Set(["Tj", "'", '"', "TJ"]);
