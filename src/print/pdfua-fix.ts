/**
 * Finishing Chromium's tagged PDFs as PDF/UA-1 (ISO 14289-1). Chromium already writes the structure
 * tree, /MarkInfo, /Lang, DisplayDocTitle, TH scopes, chart /Alt and link structure; what it leaves
 * out is added here, in one rewrite of the file that keeps every object (and object number) it wrote:
 *
 * - an XMP metadata stream (dc:title, dates and producer matching the Info dictionary, pdfuaid:part 1),
 *   with document and instance IDs derived from the PDF's own bytes, so the output stays reproducible;
 * - page content outside any marked content (the CSS page-margin boxes: running header and "Page N of
 *   M"; clipping paths and background boxes) marked as artifacts, headers and footers as pagination;
 * - a RoleMap for the PDF 2.0 types Chromium uses (Strong, Em), which PDF/UA-1 does not know;
 * - <figure> elements that only group a table or chart (no /Alt of their own) retagged as Div: a
 *   Figure needs alternative text, and alternative text would hide the table inside it;
 * - list items' content gathered in LBody (an LI holds only Lbl and LBody);
 * - a paper's first heading (the item title, h2 because the pack puts a cover h1 above it) as H1;
 * - link annotations described (/Contents: the link's text) and pages with annotations in
 *   structure tab order (/Tabs /S).
 *
 * The checker (src/a11y/pdfua.ts) verifies the result independently of this code.
 */
import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import { graphicsObjects, tokenizeContent, type Instruction } from "./pdf-content.ts";
import { decodeTextString, dict, isDict, isName, isRef, isString, name, PdfFile, ref, rewrite, str, textString, type PdfDict, type PdfRef, type PdfValue, type Replacement } from "./pdf-syntax.ts";
import { joinRuns, kidsOf, markedContentWithin, objectRefsOf, structElements, textByMcid, type StructElement } from "./pdf-tagged.ts";

/** `link`: what each link's address becomes (src/print/print.ts publicLink: the site's files at their public address). */
export function fixPdfUa(pdf: Uint8Array, options: { link?: (uri: string) => string } = {}): Uint8Array {
  const file = new PdfFile(Buffer.from(pdf).toString("latin1"));
  const edits = new Edits(file);
  const elements = structElements(file);
  markUntaggedContent(file, edits);
  mapNonStandardTypes(file, elements, edits);
  retagGroupingFigures(elements, edits);
  addListBodies(file, elements, edits);
  promoteFirstHeading(elements, edits);
  describeLinks(file, elements, edits, options.link ?? ((uri) => uri));
  setTabOrder(file, edits);
  const digest = createHash("sha256").update(pdf).digest();
  addMetadata(file, edits, digest);
  const trailer = dict([...file.trailer.map]);
  // The file's identifier, like the XMP IDs, comes from its content: same input, same bytes.
  trailer.map.set("ID", [str(digest.subarray(0, 16).toString("latin1")), str(digest.subarray(16, 32).toString("latin1"))]);
  // Structure tab order and the rest are PDF 1.5+ features; Skia labels its files 1.4.
  const header = file.header().replace(/^%PDF-1\.[0-6]/, "%PDF-1.7");
  return Buffer.from(rewrite(file, edits.replaced, trailer, header), "latin1");
}

/** Changes to a file's objects: copies of dictionaries made on first change, and new objects. */
class Edits {
  readonly replaced = new Map<number, Replacement>();
  private next: number;

  constructor(private readonly file: PdfFile) {
    this.next = file.size;
  }

  /** The dictionary of object `num`, to change in place (a copy of the file's, made once). */
  dict(num: number): PdfDict {
    const existing = this.replaced.get(num);
    if (existing && isDict(existing.value)) return existing.value;
    const original = this.file.object(num);
    // A stream's dictionary is never edited this way: the copy would be written without its data.
    if (!isDict(original) || this.file.stream(num)) throw new Error(`PDF: object ${num} is not a plain dictionary`);
    const copy = dict([...original.map]);
    this.replaced.set(num, { value: copy });
    return copy;
  }

  add(value: PdfValue, stream?: string): PdfRef {
    const num = this.next++;
    this.replaced.set(num, { value, ...(stream !== undefined ? { stream } : {}) });
    return ref(num);
  }

  setStream(num: number, value: PdfDict, stream: string): void {
    this.replaced.set(num, { value, stream });
  }
}

// ---------------------------------------------------------------------------------------------
// Artifacts

/**
 * Chromium tags what the document's DOM draws and nothing else: the page-margin boxes (running header,
 * page numbers) and some clips and box backgrounds are drawn outside any marked content, which PDF/UA
 * forbids (Matterhorn 01-005). Wrap each such graphics object as an artifact: text in the top or
 * bottom band of the page as a pagination header or footer, paths as plain artifacts. Untagged text
 * anywhere else is left alone, for the checker to report: it may be real content Chromium missed.
 */
function markUntaggedContent(file: PdfFile, edits: Edits): void {
  const done = new Set<number>();
  for (const page of file.pages()) {
    const box = file.resolve(page.dict.map.get("MediaBox"));
    const [bottom, top] = Array.isArray(box) && typeof box[1] === "number" && typeof box[3] === "number" ? [box[1], box[3]] : [0, 842];
    for (const content of file.arrayOf(page.dict.map.get("Contents"))) {
      if (!isRef(content) || done.has(content.num)) continue;
      done.add(content.num);
      const stream = file.stream(content.num);
      const text = file.streamData(content.num);
      if (!stream || text === undefined) continue;
      const marked = wrapUntagged(text, bottom, top);
      if (marked === text) continue;
      const streamDict = dict([...stream.dict.map].filter(([key]) => key !== "DecodeParms"));
      streamDict.map.set("Filter", name("FlateDecode"));
      edits.setStream(content.num, streamDict, deflateSync(Buffer.from(marked, "latin1")).toString("latin1"));
    }
  }
}

/** How far from the top or bottom edge a running header or footer sits: inside the page margins (print.css: 22 and 20 mm). */
const PAGINATION_BAND = (20 / 25.4) * 72;

/** Wrap the graphics objects of a content stream that sit outside marked content (see markUntaggedContent). */
export function wrapUntagged(content: string, bottom: number, top: number): string {
  const instructions = tokenizeContent(content);
  const inserts: Array<{ at: number; text: string }> = [];
  const origins = textOrigins(instructions);
  for (const object of graphicsObjects(instructions)) {
    if (object.marks.length > 0) continue;
    let open = "/Artifact BMC";
    if (object.kind === "text") {
      const y = origins.get(object.first);
      if (y === undefined) continue;
      if (y > top - PAGINATION_BAND) open = "/Artifact <</Type /Pagination /Subtype /Header>> BDC";
      else if (y < bottom + PAGINATION_BAND) open = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC";
      else continue;
    }
    inserts.push({ at: instructions[object.first]!.start, text: `${open}\n` }, { at: instructions[object.last]!.end, text: "\nEMC" });
  }
  if (inserts.length === 0) return content;
  const parts: string[] = [];
  let from = 0;
  for (const insert of inserts.sort((a, b) => a.at - b.at)) {
    parts.push(content.slice(from, insert.at), insert.text);
    from = insert.at;
  }
  parts.push(content.slice(from));
  return parts.join("");
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
}

/** For each BT: the page-space y of where its text starts (its first Tm or Td), following q/Q/cm. */
function textOrigins(instructions: Instruction[]): Map<number, number> {
  const origins = new Map<number, number>();
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  let openBT: number | undefined;
  // Operands are read only for the few operators that matter: parsing every path coordinate is slow.
  const numbers = (ins: Instruction) => ins.operands.filter((o): o is number => typeof o === "number");
  instructions.forEach((ins, i) => {
    switch (ins.op) {
      case "q":
        stack.push(ctm);
        break;
      case "Q":
        ctm = stack.pop() ?? IDENTITY;
        break;
      case "cm": {
        const m = numbers(ins);
        if (m.length === 6) ctm = multiply(m as Matrix, ctm);
        break;
      }
      case "BT":
        openBT = i;
        break;
      case "ET":
        openBT = undefined;
        break;
      case "Tm":
      case "Td":
      case "TD": {
        if (openBT === undefined || origins.has(openBT)) break;
        const m = numbers(ins);
        const [x, y] = ins.op === "Tm" ? [m[4], m[5]] : [m[0], m[1]];
        if (x !== undefined && y !== undefined) origins.set(openBT, x * ctm[1] + y * ctm[3] + ctm[5]);
      }
    }
  });
  return origins;
}

// ---------------------------------------------------------------------------------------------
// The structure tree

/** PDF 2.0 types Chromium writes, and the PDF 1.7 type each stands for. */
const PDF2_TYPES: Record<string, string> = { Strong: "Span", Em: "Span", Sub: "Span", Title: "P", Aside: "Div", FENote: "Note", DocumentFragment: "Div" };

function mapNonStandardTypes(file: PdfFile, elements: StructElement[], edits: Edits): void {
  const missing = [...new Set(elements.filter((e) => e.role === undefined && PDF2_TYPES[e.type]).map((e) => e.type))].sort();
  const rootRef = file.catalog.map.get("StructTreeRoot");
  if (missing.length === 0 || !isRef(rootRef)) return;
  const root = edits.dict(rootRef.num);
  const roleMap = dict([...(file.dictOf(root.map.get("RoleMap"))?.map ?? [])]);
  for (const type of missing) roleMap.map.set(type, name(PDF2_TYPES[type]!));
  root.map.set("RoleMap", roleMap);
}

const BLOCK_TYPES = new Set(["Table", "Figure", "P", "Caption", "L", "H", "H1", "H2", "H3", "H4", "H5", "H6", "Div", "Sect", "Art", "BlockQuote", "TOC", "Index", "Formula"]);

/**
 * A Figure without alternative text that holds block structure (a table, a chart with its own
 * described image, paragraphs) is an HTML <figure> grouping them, not an image: it becomes a Div.
 */
function retagGroupingFigures(elements: StructElement[], edits: Edits): void {
  const hasBlockDescendant = new Set<number>();
  for (const element of elements) {
    if (!BLOCK_TYPES.has(element.role ?? "")) continue;
    for (let up = element.parent; up; up = up.parent) hasBlockDescendant.add(up.num);
  }
  for (const element of elements) {
    if (element.role !== "Figure" || element.dict.map.has("Alt") || element.dict.map.has("ActualText")) continue;
    if (hasBlockDescendant.has(element.num)) edits.dict(element.num).map.set("S", name("Div"));
  }
}

/** An LI holds a label (Lbl) and a body (LBody): Chromium puts the item's content straight into the LI. */
function addListBodies(file: PdfFile, elements: StructElement[], edits: Edits): void {
  const children = new Map<StructElement, Map<number, StructElement>>();
  for (const e of elements) if (e.parent) children.set(e.parent, (children.get(e.parent) ?? new Map()).set(e.num, e));
  for (const li of elements) {
    if (li.role !== "LI") continue;
    const kids = kidsOf(file, li.dict);
    const byNum = children.get(li) ?? new Map<number, StructElement>();
    const body = kids.filter((k) => !(isRef(k) && byNum.get(k.num)?.role === "Lbl"));
    // MCIDs straight in the LI would need the parent tree changed too: left for the checker to report.
    if (body.length === 0 || body.some((k) => !isRef(k) || !byNum.has(k.num))) continue;
    if (body.every((k) => isRef(k) && byNum.get(k.num)!.role === "LBody")) continue;
    const lbody = edits.add(dict([["Type", name("StructElem")], ["S", name("LBody")], ["P", ref(li.num)], ["K", body]]));
    for (const kid of body) if (isRef(kid)) edits.dict(kid.num).map.set("P", lbody);
    const firstBody = kids.indexOf(body[0]!);
    const rest = kids.filter((k) => !body.includes(k));
    edits.dict(li.num).map.set("K", [...rest.slice(0, firstBody), lbody, ...rest.slice(firstBody)]);
  }
}

/**
 * PDF/UA wants the first heading to be H1 (Matterhorn 14-002). A paper printed on its own opens with
 * its item title, an h2 in the shared print template because in the pack it sits under the cover's
 * h1; the paper's own headings are h2 and below. So a document with no H1 whose first heading is H2
 * gets that heading as H1, which is the outline the paper has.
 */
function promoteFirstHeading(elements: StructElement[], edits: Edits): void {
  const headings = elements.filter((e) => /^H[1-6]$/.test(e.role ?? ""));
  if (headings.some((h) => h.role === "H1") || headings[0]?.role !== "H2" || headings[0].type !== "H2") return;
  edits.dict(headings[0].num).map.set("S", name("H1"));
}

// ---------------------------------------------------------------------------------------------
// Annotations

/** Every link annotation gets /Contents (PDF/UA 7.18.5): the text of its Link element, else where it goes. */
function describeLinks(file: PdfFile, elements: StructElement[], edits: Edits, link: (uri: string) => string): void {
  const links = elements.filter((e) => e.role === "Link").map((link) => ({ annots: objectRefsOf(file, link.dict), content: markedContentWithin(file, link.dict) }));
  // Only the links' own text is decoded: the rest of each page's text is not needed.
  const wanted = new Map<number, Set<number>>();
  for (const { content } of links) for (const { page, mcid } of content) wanted.set(page, (wanted.get(page) ?? new Set()).add(mcid));
  const texts = new Map([...wanted].map(([page, mcids]) => [page, textByMcid(file, file.dictOf(ref(page)) ?? dict(), mcids)]));
  const described = new Map<number, string>();
  for (const { annots, content } of links) {
    const text = joinRuns(content.map(({ page, mcid }) => texts.get(page)?.get(mcid) ?? ""));
    if (text) for (const annot of annots) described.set(annot, text);
  }
  for (const page of file.pages()) {
    for (const annotRef of file.arrayOf(page.dict.map.get("Annots"))) {
      const annot = file.dictOf(annotRef);
      if (!isRef(annotRef) || !annot || !isName(annot.map.get("Subtype"), "Link")) continue;
      relink(file, edits, annotRef.num, annot, link);
      const contents = annot.map.get("Contents");
      if (isString(contents) && decodeTextString(contents).trim()) continue;
      const description = described.get(annotRef.num) ?? destinationOf(file, annot, link);
      edits.dict(annotRef.num).map.set("Contents", textString(description));
    }
  }
}

/** The link annotation's URI action, its address mapped by `link` (the action written inline or as an object of its own). */
function relink(file: PdfFile, edits: Edits, num: number, annot: PdfDict, link: (uri: string) => string): void {
  const actionValue = annot.map.get("A");
  const action = file.dictOf(actionValue);
  const uri = action?.map.get("URI");
  if (!action || !isString(uri)) return;
  const mapped = link(uri.bytes);
  if (mapped === uri.bytes) return;
  if (isRef(actionValue)) edits.dict(actionValue.num).map.set("URI", str(mapped));
  else edits.dict(num).map.set("A", dict([...action.map, ["URI", str(mapped)]]));
}

function destinationOf(file: PdfFile, annot: PdfDict, link: (uri: string) => string): string {
  const action = file.dictOf(annot.map.get("A"));
  const uri = action?.map.get("URI");
  if (isString(uri)) return link(uri.bytes).replace(/^mailto:/, "Email ");
  const dest = annot.map.get("Dest");
  if (isName(dest)) return `Go to ${dest.name.replace(/[-_]+/g, " ")}`;
  if (isString(dest)) return `Go to ${decodeTextString(dest).replace(/[-_]+/g, " ")}`;
  return "Link";
}

function setTabOrder(file: PdfFile, edits: Edits): void {
  for (const page of file.pages()) {
    if (file.arrayOf(page.dict.map.get("Annots")).length === 0 || isName(page.dict.map.get("Tabs"), "S")) continue;
    edits.dict(page.num).map.set("Tabs", name("S"));
  }
}

// ---------------------------------------------------------------------------------------------
// Catalog and metadata

function addMetadata(file: PdfFile, edits: Edits, digest: Buffer): void {
  const rootRef = file.trailer.map.get("Root");
  if (!isRef(rootRef)) throw new Error("PDF: the trailer has no /Root reference");
  const info = file.dictOf(file.trailer.map.get("Info"));
  const text = (key: string) => {
    const value = info?.map.get(key);
    return isString(value) ? decodeTextString(value) : undefined;
  };
  const catalog = edits.dict(rootRef.num);
  const lang = catalog.map.get("Lang");
  const xmp = xmpPacket({
    title: text("Title"),
    language: isString(lang) ? decodeTextString(lang) : undefined,
    created: xmpDate(text("CreationDate")),
    modified: xmpDate(text("ModDate")),
    creatorTool: text("Creator"),
    producer: text("Producer"),
    documentId: uuidFrom(digest, "document"),
    instanceId: uuidFrom(digest, "instance"),
  });
  // Uncompressed, so tools that scan for XMP without parsing the PDF find it too.
  catalog.map.set("Metadata", edits.add(dict([["Type", name("Metadata")], ["Subtype", name("XML")]]), Buffer.from(xmp, "utf8").toString("latin1")));
  // Marked only where there is a structure tree: an untagged file is not made to claim otherwise.
  if (file.dictOf(catalog.map.get("StructTreeRoot"))) {
    const mark = dict([...(file.dictOf(catalog.map.get("MarkInfo"))?.map ?? [])]);
    mark.map.set("Marked", true);
    catalog.map.set("MarkInfo", mark);
  }
  const viewer = dict([...(file.dictOf(catalog.map.get("ViewerPreferences"))?.map ?? [])]);
  viewer.map.set("DisplayDocTitle", true);
  catalog.map.set("ViewerPreferences", viewer);
}

interface XmpFields {
  title?: string;
  language?: string;
  created?: string;
  modified?: string;
  creatorTool?: string;
  producer?: string;
  documentId: string;
  instanceId: string;
}

function xmpPacket(fields: XmpFields): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const simple = (tag: string, value: string | undefined) => (value === undefined ? [] : [`   <${tag}>${esc(value)}</${tag}>`]);
  const lines = [
    `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>`,
    `<x:xmpmeta xmlns:x="adobe:ns:meta/">`,
    ` <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`,
    `  <rdf:Description rdf:about=""`,
    `    xmlns:dc="http://purl.org/dc/elements/1.1/"`,
    `    xmlns:xmp="http://ns.adobe.com/xap/1.0/"`,
    `    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"`,
    `    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"`,
    `    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">`,
    `   <dc:format>application/pdf</dc:format>`,
    ...(fields.title === undefined ? [] : [`   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${esc(fields.title)}</rdf:li></rdf:Alt></dc:title>`]),
    ...(fields.language === undefined ? [] : [`   <dc:language><rdf:Bag><rdf:li>${esc(fields.language)}</rdf:li></rdf:Bag></dc:language>`]),
    ...simple("xmp:CreateDate", fields.created),
    ...simple("xmp:ModifyDate", fields.modified),
    ...simple("xmp:MetadataDate", fields.modified),
    ...simple("xmp:CreatorTool", fields.creatorTool),
    ...simple("pdf:Producer", fields.producer),
    ...simple("xmpMM:DocumentID", fields.documentId),
    ...simple("xmpMM:InstanceID", fields.instanceId),
    `   <pdfuaid:part>1</pdfuaid:part>`,
    `  </rdf:Description>`,
    ` </rdf:RDF>`,
    `</x:xmpmeta>`,
    `<?xpacket end="r"?>`,
  ];
  return lines.join("\n");
}

/** D:YYYYMMDDHHmmSS+HH'mm' (the Info dictionary's form) → ISO 8601 (XMP's), the same instant. */
export function xmpDate(pdfDate: string | undefined): string | undefined {
  const m = pdfDate && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(pdfDate);
  if (!m) return undefined;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", s = "00", zone] = m;
  const tz = !zone || zone === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.replace(/'/g, "").slice(3, 5)}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${tz === "+00:00" ? "Z" : tz}`;
}

/** A UUID (RFC 9562 version 8: custom) from the file's digest, so the same bytes always get the same IDs. */
function uuidFrom(digest: Buffer, purpose: string): string {
  const bytes = createHash("sha256").update(purpose).update(digest).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
