/**
 * Walking a tagged PDF (ISO 32000-1, 14.7–14.8): the structure tree with each element's standard
 * role (through the RoleMap), and the text each marked-content sequence of a page shows. Shared by
 * the post-processing that finishes our PDFs (pdfua-fix.ts) and the checker (src/a11y/pdfua.ts).
 */
import { graphicsObjects, parseToUnicode, shownStrings, splitCodes, TEXT_SHOWING, tokenizeContent, type ToUnicode } from "./pdf-content.ts";
import { isName, isRef, type PdfDict, type PdfObjects, type PdfValue } from "./pdf-syntax.ts";

/** The standard structure types of ISO 32000-1 (14.8.4), which PDF/UA-1 builds on. */
export const STANDARD_TYPES = new Set([
  "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct", "Private",
  "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot",
  "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP",
  "Figure", "Formula", "Form",
]);

export interface StructElement {
  /** The element's object number (Chromium writes every element as an indirect object). */
  num: number;
  dict: PdfDict;
  /** /S as written. */
  type: string;
  /** /S mapped through the RoleMap to a standard type, if it gets there. */
  role: string | undefined;
  parent: StructElement | undefined;
  depth: number;
}

export function roleMap(objects: PdfObjects): Map<string, string> {
  const root = objects.dictOf(objects.catalog.map.get("StructTreeRoot"));
  const map = new Map<string, string>();
  for (const [from, to] of objects.dictOf(root?.map.get("RoleMap"))?.map ?? []) if (isName(to)) map.set(from, to.name);
  return map;
}

/** Follow the RoleMap to a standard type; undefined for a type that never gets there (or a cycle). */
export function standardRole(type: string, map: Map<string, string>): string | undefined {
  const seen = new Set<string>();
  let current: string | undefined = type;
  // A standard type is taken as is: remapping one is itself a failure (02-004), checked separately.
  while (current !== undefined && !STANDARD_TYPES.has(current)) {
    if (seen.has(current)) return undefined;
    seen.add(current);
    current = map.get(current);
  }
  return current;
}

/** An element's kids (/K) as written: elements (references), MCIDs (numbers), MCR and OBJR dictionaries. */
export function kidsOf(objects: PdfObjects, element: PdfDict): PdfValue[] {
  return objects.arrayOf(element.map.get("K"));
}

export function isStructElem(objects: PdfObjects, kid: PdfValue): kid is { kind: "ref"; num: number; gen: number } {
  if (!isRef(kid)) return false;
  const d = objects.dictOf(kid);
  return !!d && (isName(d.map.get("Type"), "StructElem") || (!d.map.has("Type") && d.map.has("S")));
}

/** Every structure element, depth first in document (reading) order. */
export function structElements(objects: PdfObjects): StructElement[] {
  const root = objects.dictOf(objects.catalog.map.get("StructTreeRoot"));
  if (!root) return [];
  const map = roleMap(objects);
  const out: StructElement[] = [];
  const seen = new Set<number>();
  const walk = (kid: PdfValue, parent: StructElement | undefined, depth: number) => {
    if (!isStructElem(objects, kid) || seen.has(kid.num)) return;
    seen.add(kid.num);
    const dict = objects.dictOf(kid)!;
    const s = dict.map.get("S");
    const type = isName(s) ? s.name : "";
    const element: StructElement = { num: kid.num, dict, type, role: standardRole(type, map), parent, depth };
    out.push(element);
    for (const k of kidsOf(objects, dict)) walk(k, element, depth + 1);
  };
  for (const kid of kidsOf(objects, root)) walk(kid, undefined, 0);
  return out;
}

/** Marked content an element holds directly: MCIDs with the page each is on. */
function markedContentOf(objects: PdfObjects, element: PdfDict): Array<{ page: number | undefined; mcid: number }> {
  const page = isRef(element.map.get("Pg")) ? (element.map.get("Pg") as { num: number }).num : undefined;
  const out: Array<{ page: number | undefined; mcid: number }> = [];
  for (const kid of kidsOf(objects, element)) {
    if (typeof kid === "number") out.push({ page, mcid: kid });
    else if (!isRef(kid) || !isStructElem(objects, kid)) {
      const d = objects.dictOf(kid);
      const mcid = d?.map.get("MCID");
      if (d && isName(d.map.get("Type"), "MCR") && typeof mcid === "number") {
        const pg = d.map.get("Pg");
        out.push({ page: isRef(pg) ? pg.num : page, mcid });
      }
    }
  }
  return out;
}

/** Annotations an element refers to through OBJR kids. */
export function objectRefsOf(objects: PdfObjects, element: PdfDict): number[] {
  const out: number[] = [];
  for (const kid of kidsOf(objects, element)) {
    const d = isStructElem(objects, kid) ? undefined : objects.dictOf(kid);
    const obj = d?.map.get("Obj");
    if (d && isName(d.map.get("Type"), "OBJR") && isRef(obj)) out.push(obj.num);
  }
  return out;
}

/** A page's content streams, decoded and joined (marked content never spans two streams of a page). */
export function pageContent(objects: PdfObjects, page: PdfDict): string {
  return objects
    .arrayOf(page.map.get("Contents"))
    .map((c) => (isRef(c) ? (objects.streamData(c.num) ?? "") : ""))
    .join("\n");
}

export interface PageFont {
  dict: PdfDict;
  toUnicode: ToUnicode | undefined;
  /** Bytes per code without a CMap: 2 for Type0 (Identity-H), 1 for simple fonts. */
  codeLength: number;
}

export function pageFonts(objects: PdfObjects, page: PdfDict): Map<string, PageFont> {
  const fonts = new Map<string, PageFont>();
  const resources = objects.dictOf(page.map.get("Resources"));
  for (const [key, value] of objects.dictOf(resources?.map.get("Font"))?.map ?? []) {
    const font = objects.dictOf(value);
    if (!font) continue;
    const cmapRef = font.map.get("ToUnicode");
    const cmap = isRef(cmapRef) ? objects.streamData(cmapRef.num) : undefined;
    fonts.set(key, { dict: font, toUnicode: cmap === undefined ? undefined : parseToUnicode(cmap), codeLength: isName(font.map.get("Subtype"), "Type0") ? 2 : 1 });
  }
  return fonts;
}

/**
 * The text each MCID of a page shows (only those in `wanted`, if given), through the fonts' ToUnicode
 * maps. Chromium writes a line, or a run of one style, per text object: runs are joined by joinRuns.
 */
export function textByMcid(objects: PdfObjects, page: PdfDict, wanted?: Set<number>): Map<number, string> {
  const fonts = pageFonts(objects, page);
  const instructions = tokenizeContent(pageContent(objects, page));
  const fontAt: Array<string | undefined> = [];
  let font: string | undefined;
  instructions.forEach((ins, i) => {
    if (ins.op === "Tf" && isName(ins.operands[0])) font = ins.operands[0].name;
    fontAt[i] = font;
  });
  const out = new Map<number, string>();
  for (const object of graphicsObjects(instructions)) {
    if (object.kind !== "text") continue;
    const mcid = [...object.marks].reverse().find((m) => m.mcid !== undefined)?.mcid;
    if (mcid === undefined || (wanted && !wanted.has(mcid))) continue;
    let text = "";
    for (let i = object.first; i <= object.last; i++) {
      const ins = instructions[i]!;
      if (!TEXT_SHOWING.has(ins.op)) continue;
      const used = fonts.get(fontAt[i] ?? "");
      // Without a ToUnicode map, a simple font's codes are read as Latin-1 (right for the ASCII of standard encodings).
      for (const shown of shownStrings(ins)) for (const code of splitCodes(shown, used?.toUnicode, used?.codeLength ?? 1)) text += used?.toUnicode ? (used.toUnicode.map.get(code) ?? "") : used?.codeLength === 1 ? code : "";
    }
    out.set(mcid, out.has(mcid) ? joinRuns([out.get(mcid)!, text]) : text);
  }
  return out;
}

/**
 * Join runs of text drawn separately (lines of a wrapped link, say) with a space, except where one
 * already has it or the line broke after a hyphen or slash ("brent-" "isherwood@…").
 */
export function joinRuns(runs: string[]): string {
  return runs
    .reduce((joined, run) => (!joined || !run || /[\s\-/]$/.test(joined) || /^\s/.test(run) ? joined + run : `${joined} ${run}`), "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The marked content of an element and everything in it, in order (pages by object number). */
export function markedContentWithin(objects: PdfObjects, element: PdfDict): Array<{ page: number; mcid: number }> {
  const out: Array<{ page: number; mcid: number }> = [];
  const walk = (dict: PdfDict, seen: Set<PdfDict>) => {
    if (seen.has(dict)) return;
    seen.add(dict);
    const own = new Map(markedContentOf(objects, dict).map((m) => [m.mcid, m]));
    for (const kid of kidsOf(objects, dict)) {
      if (isStructElem(objects, kid)) walk(objects.dictOf(kid)!, seen);
      else {
        const mcid = typeof kid === "number" ? kid : objects.dictOf(kid)?.map.get("MCID");
        const found = typeof mcid === "number" ? own.get(mcid) : undefined;
        if (found?.page !== undefined) out.push({ page: found.page, mcid: found.mcid });
      }
    }
  };
  walk(element, new Set());
  return out;
}
