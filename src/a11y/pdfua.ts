/**
 * A PDF/UA-1 checker for the machine-checkable failure conditions of the Matterhorn Protocol 1.1
 * that can apply to our PDFs. veraPDF, the usual checker, is Java and not installable here; this reads
 * the file through qpdf's JSON (an independent parser: the post-processing in src/print/pdfua-fix.ts
 * uses its own) and checks the objects, structure tree and page content with small pure functions.
 *
 * Covered (failure condition → what is checked):
 *
 * | Matterhorn      | Check                                                                                   |
 * |-----------------|-----------------------------------------------------------------------------------------|
 * | 01 (checkpoint) | the catalog has /StructTreeRoot and /MarkInfo << /Marked true >> (a tagged PDF)          |
 * | 01-003          | artifact content inside tagged (MCID) content                                            |
 * | 01-004          | tagged (MCID) content inside an Artifact sequence                                         |
 * | 01-005          | page content (text, paths incl. clips, images, shadings, XObjects) outside any marked    |
 * |                 | content, or tagged with an MCID the structure tree (ParentTree) does not reach            |
 * | 01-007          | /MarkInfo /Suspects true                                                                 |
 * | 02-001..02-004  | non-standard types not mapped to a standard one; circular mapping; standard type remapped |
 * | 06-001..06-003  | XMP metadata stream on the catalog; pdfuaid:part = 1; dc:title                            |
 * | (xmp-info)      | not Matterhorn: XMP title, dates and producer agree with the Info dictionary             |
 * | 07-001, 07-002  | ViewerPreferences /DisplayDocTitle present and true                                       |
 * | 09-004..09-008  | table, list, TOC, Ruby and Warichu elements nested as ISO 32000-1 Tables 333–338 allow    |
 * | 10-001          | a shown character code the font's /ToUnicode does not map                                 |
 * | 11-001..11-006  | natural language: a valid /Lang on the catalog (or none needed); malformed /Lang anywhere |
 * | 13-004          | Figure without /Alt or /ActualText                                                        |
 * | 14-002, 14-003  | first numbered heading is H1; no level skipped going down                                 |
 * | 14-006, 14-007  | more than one H in a node; H and Hn mixed                                                 |
 * | 15-003          | TH without /Scope in a table not organised with /Headers                                 |
 * | 17-002          | Formula without /Alt                                                                      |
 * | 19-003, 19-004  | Note without /ID; duplicate Note IDs                                                      |
 * | 20-001..20-003  | optional content configuration names; /AS in a configuration                              |
 * | 21-001          | file specification without /F and /UF                                                     |
 * | 26-001, 26-002  | encryption without /P, or without bit 10 (assistive technology access)                   |
 * | 28-002, 28-004  | annotations not in an Annot element; annotations (not Widget) with no /Contents or /Alt   |
 * | 28-007          | TrapNet annotation                                                                        |
 * | 28-008, 28-009  | page with annotations and no /Tabs, or /Tabs other than /S                               |
 * | 28-010, 28-011  | Widget not in a Form element; Link annotation not in a Link element                       |
 * | 28-012          | Link annotation without /Contents                                                        |
 * | 30-001          | reference XObject                                                                         |
 * | 31-004          | CIDFontType2 without a CIDToGIDMap stream or /Identity                                   |
 * | 31-009          | font used on a page without an embedded font program (Type 3 fonts are their own program) |
 * | 31-027          | Type 0 (Identity) or Type 3 font without /ToUnicode                                       |
 * | 31-028, 31-029  | ToUnicode values U+0000, or U+FEFF/U+FFFE, for codes shown                                |
 * | (pdf-syntax)    | not Matterhorn: qpdf reports damage (a PDF/UA file must be a conforming PDF)              |
 *
 * Not covered, machine-checkable in principle: 09-006 beyond parent/kid types; 15-005 (deriving each
 * cell's headers through spans); 16-002 (ListNumbering values); 25-001 (XFA dynamicRender; we never
 * write forms); 28-005/28-006/28-013..28-018 (forms, media, file-attachment and PrinterMark
 * annotations; none in our PDFs); 30-002 (form XObjects with MCIDs drawn twice; Skia draws none);
 * 31-001..31-003, 31-005..31-008, 31-010..31-026 (CMap registry/ordering/WMode, widths and cmap
 * subtables inside the embedded font programs, simple TrueType encodings); 11-002 only through
 * the catalog's /Lang (languages on spans are not matched against the text). Everything the protocol
 * marks as a human check (01-001/002/006, 03, 04, 05, 08, 09-001..003, 13-001..003/005..010, 14-001/
 * 004/005, 15-001/002/004, 16-001/003, 17-001, 18, 19-001/002, 22–24, 27, 28-001, 29) is not.
 */
import { execFile } from "node:child_process";
import { graphicsObjects, shownStrings, splitCodes, TEXT_SHOWING, tokenizeContent, type Instruction } from "../print/pdf-content.ts";
import { decodeTextString, dict, isDict, isName, isRef, isString, name, PdfObjects, ref, str, textString, type PdfDict, type PdfValue } from "../print/pdf-syntax.ts";
import { objectRefsOf, pageContent, pageFonts, roleMap, STANDARD_TYPES, standardRole, structElements, type StructElement } from "../print/pdf-tagged.ts";

export interface PdfUaFinding {
  /** A Matterhorn failure condition ("06-002"), a checkpoint ("01"), or "xmp-info" / "pdf-syntax". */
  checkpoint: string;
  message: string;
  /** 1-based page number, where the finding is about a page. */
  page?: number;
}

/** Check a PDF file. Needs qpdf (`apt-get install qpdf`). */
export async function checkPdfUa(file: string): Promise<PdfUaFinding[]> {
  const { json, warnings } = await qpdfJson(file);
  const findings = checkObjects(QpdfObjects.from(json));
  return [...warnings.map((message) => ({ checkpoint: "pdf-syntax", message })), ...findings];
}

/** Every check, over a PDF's objects however they were read. */
export function checkObjects(objects: PdfObjects): PdfUaFinding[] {
  const pages = objects.pages();
  const pageNumber = new Map(pages.map((p, i) => [p.num, i + 1]));
  const elements = structElements(objects);
  const parentTree = readParentTree(objects);
  // Each page's operators, read once for the content, annotation and font checks.
  const content = pages.map((page) => tokenizeContent(pageContent(objects, page.dict)));
  return [
    ...checkTagged(objects),
    ...checkMetadata(objects),
    ...checkViewer(objects),
    ...checkLanguage(objects, elements),
    ...checkRoleMap(objects, elements),
    ...checkElements(elements),
    ...checkHeadings(elements),
    ...checkTables(objects, elements),
    ...checkContent(objects, pages, content, parentTree),
    ...checkAnnotations(objects, elements, pages, pageNumber, parentTree),
    ...checkFonts(objects, pages, content),
    ...checkOther(objects),
  ];
}

// ---------------------------------------------------------------------------------------------
// Reading through qpdf

async function qpdfJson(file: string): Promise<{ json: unknown; warnings: string[] }> {
  return new Promise((resolve, reject) => {
    execFile(
      "qpdf",
      ["--json", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", file],
      { maxBuffer: 1 << 30, encoding: "utf8" },
      (error, stdout, stderr) => {
        // Exit status 3 is "warnings": the JSON is still there, and the warnings are findings.
        const code = (error as { code?: unknown } | null)?.code;
        if (code === "ENOENT") {
          reject(new Error("the PDF/UA check needs qpdf: install it (apt-get install qpdf)"));
          return;
        }
        if (error && code !== 3) {
          reject(new Error(`qpdf could not read ${file}: ${stderr.trim() || error.message}`));
          return;
        }
        try {
          resolve({ json: JSON.parse(stdout), warnings: stderr.split("\n").map((l) => l.trim()).filter(Boolean) });
        } catch (parseError) {
          reject(parseError as Error);
        }
      },
    );
  });
}

/** The objects of qpdf's JSON (version 2): names "/N", strings "u:text" or "b:hex", references "n g R". */
export class QpdfObjects extends PdfObjects {
  private constructor(
    readonly trailer: PdfDict,
    private readonly objects: Map<number, PdfValue>,
    private readonly streams: Map<number, { dict: PdfDict; data: string | undefined }>,
  ) {
    super();
  }

  static from(json: unknown): QpdfObjects {
    const sections = (json as { qpdf?: unknown }).qpdf;
    const table = Array.isArray(sections) ? (sections[1] as Record<string, { value?: unknown; stream?: { dict?: unknown; data?: unknown } }>) : undefined;
    if (!table) throw new Error("qpdf JSON: no object table (qpdf 11 or later is needed)");
    const objects = new Map<number, PdfValue>();
    const streams = new Map<number, { dict: PdfDict; data: string | undefined }>();
    let trailer: PdfDict = dict();
    for (const [key, entry] of Object.entries(table)) {
      if (key === "trailer") {
        const value = fromJson(entry.value);
        if (isDict(value)) trailer = value;
        continue;
      }
      const m = /^obj:(\d+) \d+ R$/.exec(key);
      if (!m) continue;
      const num = Number(m[1]);
      if (entry.stream) {
        const streamDict = fromJson(entry.stream.dict ?? {});
        const d = isDict(streamDict) ? streamDict : dict();
        // qpdf drops /Filter from the dictionary of data it decoded: a filter left means undecoded data.
        const data = typeof entry.stream.data === "string" && !d.map.has("Filter") ? Buffer.from(entry.stream.data, "base64").toString("latin1") : undefined;
        streams.set(num, { dict: d, data });
        objects.set(num, d);
      } else objects.set(num, fromJson(entry.value));
    }
    return new QpdfObjects(trailer, objects, streams);
  }

  object(num: number): PdfValue {
    return this.objects.get(num) ?? null;
  }

  streamData(num: number): string | undefined {
    return this.streams.get(num)?.data;
  }

  streamDict(num: number): PdfDict | undefined {
    return this.streams.get(num)?.dict;
  }

  /** Every object number (the checks that look for a kind of object anywhere in the file). */
  numbers(): number[] {
    return [...this.objects.keys()];
  }
}

function fromJson(value: unknown): PdfValue {
  if (value === null || typeof value === "boolean" || typeof value === "number") return value;
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === "string") {
    if (value.startsWith("/")) return name(value.slice(1));
    if (value.startsWith("u:")) return textString(value.slice(2));
    if (value.startsWith("b:")) return str(Buffer.from(value.slice(2), "hex").toString("latin1"));
    const r = /^(\d+) (\d+) R$/.exec(value);
    if (r) return ref(Number(r[1]), Number(r[2]));
    return str(value);
  }
  if (typeof value === "object") return dict(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k.replace(/^\//, ""), fromJson(v)]));
  return null;
}

// ---------------------------------------------------------------------------------------------
// Document level

function checkTagged(objects: PdfObjects): PdfUaFinding[] {
  const findings: PdfUaFinding[] = [];
  const catalog = objects.catalog;
  if (!objects.dictOf(catalog.map.get("StructTreeRoot"))) findings.push({ checkpoint: "01", message: "the document is not tagged: the catalog has no /StructTreeRoot" });
  const markInfo = objects.dictOf(catalog.map.get("MarkInfo"));
  if (markInfo?.map.get("Marked") !== true) findings.push({ checkpoint: "01", message: "the catalog's /MarkInfo does not say /Marked true" });
  if (markInfo?.map.get("Suspects") === true) findings.push({ checkpoint: "01-007", message: "/MarkInfo /Suspects is true" });
  return findings;
}

const NS_PDFUAID = "http://www.aiim.org/pdfua/ns/id/";
const NS_DC = "http://purl.org/dc/elements/1.1/";
const NS_XMP = "http://ns.adobe.com/xap/1.0/";
const NS_PDF = "http://ns.adobe.com/pdf/1.3/";

function checkMetadata(objects: PdfObjects): PdfUaFinding[] {
  const metadata = objects.catalog.map.get("Metadata");
  const data = isRef(metadata) ? objects.streamData(metadata.num) : undefined;
  if (data === undefined) return [{ checkpoint: "06-001", message: "the catalog has no XMP metadata stream (/Metadata)" }];
  const xmp = Buffer.from(data, "latin1").toString("utf8");
  const findings: PdfUaFinding[] = [];
  const part = xmpProperty(xmp, NS_PDFUAID, "part");
  if (part === undefined) findings.push({ checkpoint: "06-002", message: "the XMP metadata has no PDF/UA identifier (pdfuaid:part)" });
  else if (part.trim() !== "1") findings.push({ checkpoint: "06-002", message: `the XMP metadata says pdfuaid:part ${part.trim()}, not 1` });
  const title = xmpProperty(xmp, NS_DC, "title");
  if (!title?.trim()) findings.push({ checkpoint: "06-003", message: "the XMP metadata has no dc:title" });
  // Not a Matterhorn condition, but a file whose two metadata records disagree tells two stories.
  const info = objects.dictOf(objects.trailer.map.get("Info"));
  const infoText = (key: string) => {
    const v = info?.map.get(key);
    return isString(v) ? decodeTextString(v) : undefined;
  };
  const pairs: Array<[string, string | undefined, string | undefined]> = [
    ["Title / dc:title", infoText("Title"), title?.trim()],
    ["Producer / pdf:Producer", infoText("Producer"), xmpProperty(xmp, NS_PDF, "Producer")?.trim()],
    ["CreationDate / xmp:CreateDate", isoOf(infoText("CreationDate")), isoOf(xmpProperty(xmp, NS_XMP, "CreateDate")?.trim())],
    ["ModDate / xmp:ModifyDate", isoOf(infoText("ModDate")), isoOf(xmpProperty(xmp, NS_XMP, "ModifyDate")?.trim())],
  ];
  for (const [what, inInfo, inXmp] of pairs) {
    if (inInfo !== undefined && inInfo !== inXmp) findings.push({ checkpoint: "xmp-info", message: `Info and XMP disagree on ${what}: '${inInfo}' and '${inXmp ?? "(none)"}'` });
  }
  return findings;
}

/**
 * The text of an XMP property in a namespace, whatever prefix the packet binds it to: as an element
 * (its text, or its first rdf:li) or as an attribute of rdf:Description.
 */
export function xmpProperty(xmp: string, namespace: string, local: string): string | undefined {
  const prefixes = [...xmp.matchAll(/xmlns:([\w.-]+)\s*=\s*["']([^"']*)["']/g)].filter((m) => m[2] === namespace).map((m) => m[1]!);
  for (const prefix of prefixes) {
    const element = new RegExp(`<${prefix}:${local}(?:\\s[^>]*)?>([\\s\\S]*?)</${prefix}:${local}>`).exec(xmp);
    if (element) {
      const li = /<rdf:li(?:\s[^>]*)?>([\s\S]*?)<\/rdf:li>/.exec(element[1]!);
      return unescapeXml(li ? li[1]! : element[1]!);
    }
    const attribute = new RegExp(`\\s${prefix}:${local}\\s*=\\s*"([^"]*)"`).exec(xmp) ?? new RegExp(`\\s${prefix}:${local}\\s*=\\s*'([^']*)'`).exec(xmp);
    if (attribute) return unescapeXml(attribute[1]!);
  }
  return undefined;
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, "&");
}

/** A PDF date (D:…) or XMP date as an instant, for comparing the two forms. */
function isoOf(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const pdf = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(date);
  const text = pdf ? `${pdf[1]}-${pdf[2] ?? "01"}-${pdf[3] ?? "01"}T${pdf[4] ?? "00"}:${pdf[5] ?? "00"}:${pdf[6] ?? "00"}${!pdf[7] || pdf[7] === "Z" ? "Z" : `${pdf[7].slice(0, 3)}:${pdf[7].replace(/'/g, "").slice(3, 5)}`}` : date;
  const time = Date.parse(text);
  return Number.isNaN(time) ? date : new Date(time).toISOString();
}

function checkViewer(objects: PdfObjects): PdfUaFinding[] {
  const prefs = objects.dictOf(objects.catalog.map.get("ViewerPreferences"));
  const display = prefs?.map.get("DisplayDocTitle");
  if (display === undefined) return [{ checkpoint: "07-001", message: "the catalog's /ViewerPreferences has no /DisplayDocTitle" }];
  if (display !== true) return [{ checkpoint: "07-002", message: "/ViewerPreferences /DisplayDocTitle is not true" }];
  return [];
}

/** BCP 47 in outline: a primary language, then subtags (RFC 5646's full grammar is not needed to catch a missing or mangled tag). */
const LANGUAGE_TAG = /^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/;

function checkLanguage(objects: PdfObjects, elements: StructElement[]): PdfUaFinding[] {
  const findings: PdfUaFinding[] = [];
  const lang = objects.catalog.map.get("Lang");
  const catalogLang = isString(lang) ? decodeTextString(lang).trim() : "";
  if (!catalogLang) {
    // Without a document language, each kind of text that exists has none.
    findings.push({ checkpoint: "11-001", message: "the catalog has no /Lang: the language of the page content cannot be determined" });
    if (elements.some((e) => e.dict.map.has("Alt") || e.dict.map.has("ActualText") || e.dict.map.has("E"))) findings.push({ checkpoint: "11-002", message: "no /Lang for the Alt, ActualText and E texts" });
    if (objects.dictOf(objects.catalog.map.get("Outlines"))) findings.push({ checkpoint: "11-003", message: "no /Lang for the outline (bookmark) titles" });
    const annotated = objects.pages().some((p) => objects.arrayOf(p.dict.map.get("Annots")).some((a) => objects.dictOf(a)?.map.has("Contents")));
    if (annotated) findings.push({ checkpoint: "11-004", message: "no /Lang for the annotations' /Contents" });
    if (objects.catalog.map.has("Metadata")) findings.push({ checkpoint: "11-006", message: "no /Lang for the document metadata" });
  } else if (!LANGUAGE_TAG.test(catalogLang)) {
    findings.push({ checkpoint: "11-001", message: `the catalog's /Lang '${catalogLang}' is not a language tag` });
  }
  for (const element of elements) {
    const own = element.dict.map.get("Lang");
    if (isString(own) && decodeTextString(own).trim() && !LANGUAGE_TAG.test(decodeTextString(own).trim())) findings.push({ checkpoint: "11-001", message: `a ${element.type} element's /Lang '${decodeTextString(own)}' is not a language tag` });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// The structure tree

function checkRoleMap(objects: PdfObjects, elements: StructElement[]): PdfUaFinding[] {
  const findings: PdfUaFinding[] = [];
  const map = roleMap(objects);
  for (const [from] of map) if (STANDARD_TYPES.has(from)) findings.push({ checkpoint: "02-004", message: `the standard type ${from} is remapped` });
  const reported = new Set<string>();
  for (const element of elements) {
    if (element.role !== undefined || reported.has(element.type)) continue;
    reported.add(element.type);
    const cycle = mapsInCircle(element.type, map);
    findings.push(cycle ? { checkpoint: "02-003", message: `the RoleMap maps ${element.type} in a circle` } : { checkpoint: "02-001", message: `the structure type ${element.type || "(none)"} is not standard and the RoleMap does not map it to a standard type` });
  }
  return findings;
}

function mapsInCircle(type: string, map: Map<string, string>): boolean {
  const seen = new Set<string>();
  for (let current: string | undefined = type; current !== undefined; current = map.get(current)) {
    if (seen.has(current)) return true;
    seen.add(current);
  }
  return false;
}

function nonEmpty(value: PdfValue | undefined): boolean {
  return isString(value) && decodeTextString(value).trim() !== "";
}

/** What each kind of element may hold and sit in (ISO 32000-1 Tables 333–338, as PDF/UA-1 applies them). */
const KIDS: Record<string, { checkpoint: string; kids?: RegExp; parents?: RegExp }> = {
  Table: { checkpoint: "09-004", kids: /^(TR|THead|TBody|TFoot|Caption)$/ },
  TR: { checkpoint: "09-004", kids: /^(TH|TD)$/, parents: /^(Table|THead|TBody|TFoot)$/ },
  THead: { checkpoint: "09-004", kids: /^TR$/, parents: /^Table$/ },
  TBody: { checkpoint: "09-004", kids: /^TR$/, parents: /^Table$/ },
  TFoot: { checkpoint: "09-004", kids: /^TR$/, parents: /^Table$/ },
  TH: { checkpoint: "09-004", parents: /^TR$/ },
  TD: { checkpoint: "09-004", parents: /^TR$/ },
  L: { checkpoint: "09-005", kids: /^(L|LI|Caption)$/ },
  LI: { checkpoint: "09-005", kids: /^(Lbl|LBody)$/, parents: /^L$/ },
  LBody: { checkpoint: "09-005", parents: /^LI$/ },
  TOC: { checkpoint: "09-006", kids: /^(TOC|TOCI|Caption)$/ },
  TOCI: { checkpoint: "09-006", parents: /^TOC$/ },
  Ruby: { checkpoint: "09-007", kids: /^(RB|RT|RP)$/ },
  RB: { checkpoint: "09-007", parents: /^Ruby$/ },
  RT: { checkpoint: "09-007", parents: /^Ruby$/ },
  RP: { checkpoint: "09-007", parents: /^Ruby$/ },
  Warichu: { checkpoint: "09-008", kids: /^(WT|WP)$/ },
  WT: { checkpoint: "09-008", parents: /^Warichu$/ },
  WP: { checkpoint: "09-008", parents: /^Warichu$/ },
};

function checkElements(elements: StructElement[]): PdfUaFinding[] {
  const findings: PdfUaFinding[] = [];
  const nesting = new Tally();
  const children = childrenOf(elements);
  const noteIds = new Map<string, number>();
  const counts = new Map<string, number>();
  const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const element of elements) {
    const role = element.role ?? "";
    if (role === "Figure" && !nonEmpty(element.dict.map.get("Alt")) && !nonEmpty(element.dict.map.get("ActualText"))) count("13-004");
    if (role === "Formula" && !nonEmpty(element.dict.map.get("Alt"))) count("17-002");
    if (role === "Note") {
      const id = element.dict.map.get("ID");
      if (!isString(id) || !id.bytes) count("19-003");
      else noteIds.set(id.bytes, (noteIds.get(id.bytes) ?? 0) + 1);
    }
    const rule = KIDS[role];
    if (!rule) continue;
    const parentRole = element.parent?.role ?? "";
    if (rule.parents && !rule.parents.test(parentRole)) nesting.add(rule.checkpoint, `${role} element(s) inside ${parentRole || "the structure root"}`);
    const kids = (children.get(element) ?? []).map((k) => k.role ?? k.type);
    const wrong = rule.kids ? [...new Set(kids.filter((k) => !rule.kids!.test(k)))] : [];
    if (wrong.length) nesting.add(rule.checkpoint, `${role} element(s) holding ${wrong.join(", ")}`);
    if (role === "L" && kids.indexOf("Caption") > 0) nesting.add("09-005", "list(s) whose Caption is not the first kid");
    if (role === "Table") {
      for (const part of ["THead", "TFoot"]) if (kids.filter((k) => k === part).length > 1) nesting.add("09-004", `table(s) with more than one ${part}`);
      if ((kids.includes("THead") || kids.includes("TFoot")) && !kids.includes("TBody")) nesting.add("09-004", "table(s) with a THead or TFoot but no TBody");
    }
  }
  findings.push(...nesting.findings());
  for (const [id, n] of noteIds) if (n > 1) findings.push({ checkpoint: "19-004", message: `${n} Note elements share the ID '${id}'` });
  const messages: Record<string, string> = { "13-004": "Figure element(s) without alternative text (/Alt or /ActualText)", "17-002": "Formula element(s) without /Alt", "19-003": "Note element(s) without an /ID" };
  for (const [checkpoint, n] of counts) findings.push({ checkpoint, message: `${n} ${messages[checkpoint]}` });
  return findings;
}

/** Findings of one kind counted, not listed one by one: a long document repeats the same fault hundreds of times. */
class Tally {
  private readonly counts = new Map<string, { checkpoint: string; message: string; n: number }>();

  add(checkpoint: string, message: string): void {
    const key = `${checkpoint}\0${message}`;
    const entry = this.counts.get(key) ?? { checkpoint, message, n: 0 };
    entry.n++;
    this.counts.set(key, entry);
  }

  findings(): PdfUaFinding[] {
    return [...this.counts.values()].map(({ checkpoint, message, n }) => ({ checkpoint, message: `${n} ${message}` }));
  }
}

function childrenOf(elements: StructElement[]): Map<StructElement, StructElement[]> {
  const children = new Map<StructElement, StructElement[]>();
  for (const e of elements) if (e.parent) children.set(e.parent, [...(children.get(e.parent) ?? []), e]);
  return children;
}

function checkHeadings(elements: StructElement[]): PdfUaFinding[] {
  const findings: PdfUaFinding[] = [];
  const numbered = elements.filter((e) => /^H[1-6]$/.test(e.role ?? ""));
  const plain = elements.filter((e) => e.role === "H");
  if (numbered.length && plain.length) findings.push({ checkpoint: "14-007", message: "the document uses both H and H1–H6 headings" });
  if (numbered.length && numbered[0]!.role !== "H1") findings.push({ checkpoint: "14-002", message: `the first heading is ${numbered[0]!.role}, not H1` });
  numbered.forEach((heading, i) => {
    const level = Number(heading.role!.slice(1));
    const previous = i === 0 ? 1 : Number(numbered[i - 1]!.role!.slice(1));
    if (i > 0 && level > previous + 1) findings.push({ checkpoint: "14-003", message: `heading level skipped: H${previous} is followed by H${level}` });
  });
  const hParents = new Map<StructElement | undefined, number>();
  for (const h of plain) hParents.set(h.parent, (hParents.get(h.parent) ?? 0) + 1);
  for (const n of hParents.values()) if (n > 1) findings.push({ checkpoint: "14-006", message: "a node holds more than one H element" });
  return findings;
}

/** A /A entry's attribute dictionaries (with or without revision numbers in the array). */
function attributes(objects: PdfObjects, element: PdfDict): PdfDict[] {
  return objects.arrayOf(element.map.get("A")).map((a) => objects.dictOf(a)).filter((a): a is PdfDict => a !== undefined);
}

function tableAttribute(objects: PdfObjects, element: PdfDict, key: string): PdfValue | undefined {
  return attributes(objects, element).find((a) => isName(a.map.get("O"), "Table") && a.map.has(key))?.map.get(key);
}

function checkTables(objects: PdfObjects, elements: StructElement[]): PdfUaFinding[] {
  const tableOf = (e: StructElement) => {
    for (let up = e.parent; up; up = up.parent) if (up.role === "Table") return up;
    return undefined;
  };
  const cells = new Map<StructElement, StructElement[]>();
  for (const e of elements) {
    if (e.role !== "TH" && e.role !== "TD") continue;
    const table = tableOf(e);
    if (table) cells.set(table, [...(cells.get(table) ?? []), e]);
  }
  let missing = 0;
  for (const tableCells of cells.values()) {
    if (tableCells.some((c) => tableAttribute(objects, c.dict, "Headers") !== undefined)) continue; // organised by Headers and IDs
    missing += tableCells.filter((c) => c.role === "TH" && !isName(tableAttribute(objects, c.dict, "Scope"))).length;
  }
  return missing ? [{ checkpoint: "15-003", message: `${missing} TH cell(s) without /Scope in tables not organised with /Headers` }] : [];
}

// ---------------------------------------------------------------------------------------------
// Page content

/** The parent tree (14.7.4.4): a number tree from StructParent(s) keys to elements. */
function readParentTree(objects: PdfObjects): Map<number, PdfValue> {
  const root = objects.dictOf(objects.catalog.map.get("StructTreeRoot"));
  const tree = new Map<number, PdfValue>();
  const walk = (node: PdfDict | undefined, depth: number) => {
    if (!node || depth > 32) return;
    const nums = objects.arrayOf(node.map.get("Nums"));
    for (let i = 0; i + 1 < nums.length; i += 2) if (typeof nums[i] === "number") tree.set(nums[i] as number, nums[i + 1]!);
    for (const kid of objects.arrayOf(node.map.get("Kids"))) walk(objects.dictOf(kid), depth + 1);
  };
  walk(objects.dictOf(root?.map.get("ParentTree")), 0);
  return tree;
}

function checkContent(objects: PdfObjects, pages: Array<{ num: number; dict: PdfDict }>, content: Instruction[][], parentTree: Map<number, PdfValue>): PdfUaFinding[] {
  const findings: PdfUaFinding[] = [];
  pages.forEach((page, index) => {
    const key = page.dict.map.get("StructParents");
    const mcidParents = typeof key === "number" ? objects.arrayOf(parentTree.get(key)) : [];
    const untagged = new Map<string, number>();
    const unreached = new Set<number>();
    let artifactInTagged = 0;
    let taggedInArtifact = 0;
    for (const object of graphicsObjects(content[index]!)) {
      if (object.marks.length === 0) {
        untagged.set(object.kind, (untagged.get(object.kind) ?? 0) + 1);
        continue;
      }
      const artifactAt = object.marks.findIndex((m) => m.tag === "Artifact");
      const mcidAt = object.marks.findIndex((m) => m.mcid !== undefined);
      if (artifactAt >= 0 && mcidAt >= 0) {
        if (mcidAt < artifactAt) artifactInTagged++;
        else taggedInArtifact++;
        continue;
      }
      if (artifactAt >= 0) continue;
      const mcid = [...object.marks].reverse().find((m) => m.mcid !== undefined)?.mcid;
      if (mcid === undefined) untagged.set(`${object.kind} (marked, no MCID)`, (untagged.get(`${object.kind} (marked, no MCID)`) ?? 0) + 1);
      else if (!isRef(mcidParents[mcid])) unreached.add(mcid);
    }
    const pageNo = index + 1;
    if (untagged.size) findings.push({ checkpoint: "01-005", page: pageNo, message: `content neither tagged nor an artifact: ${[...untagged].map(([kind, n]) => `${n} ${kind}`).join(", ")}` });
    if (unreached.size) findings.push({ checkpoint: "01-005", page: pageNo, message: `${unreached.size} MCID(s) the structure tree does not reach (no parent tree entry)` });
    if (artifactInTagged) findings.push({ checkpoint: "01-003", page: pageNo, message: `${artifactInTagged} artifact(s) inside tagged content` });
    if (taggedInArtifact) findings.push({ checkpoint: "01-004", page: pageNo, message: `${taggedInArtifact} tagged item(s) inside an artifact` });
  });
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Annotations

function checkAnnotations(objects: PdfObjects, elements: StructElement[], pages: Array<{ num: number; dict: PdfDict }>, pageNumber: Map<number, number>, parentTree: Map<number, PdfValue>): PdfUaFinding[] {
  const findings: PdfUaFinding[] = [];
  // Which element holds each annotation: through /StructParent, or an OBJR naming it.
  const holder = new Map<number, PdfDict>();
  for (const element of elements) for (const annot of objectRefsOf(objects, element.dict)) holder.set(annot, element.dict);
  const map = roleMap(objects);
  const roleOf = (element: PdfDict | undefined) => {
    const s = element?.map.get("S");
    return isName(s) ? standardRole(s.name, map) : undefined;
  };
  for (const page of pages) {
    const annots = objects.arrayOf(page.dict.map.get("Annots"));
    const pageNo = pageNumber.get(page.num);
    const counted = new Map<string, number>();
    const count = (checkpoint: string) => counted.set(checkpoint, (counted.get(checkpoint) ?? 0) + 1);
    for (const annotRef of annots) {
      const annot = objects.dictOf(annotRef);
      if (!annot) continue;
      const subtype = isName(annot.map.get("Subtype")) ? (annot.map.get("Subtype") as { name: string }).name : "";
      if (subtype === "Popup") continue; // a popup belongs to its parent annotation
      const flags = typeof annot.map.get("F") === "number" ? (annot.map.get("F") as number) : 0;
      const key = annot.map.get("StructParent");
      const element = objects.dictOf(typeof key === "number" ? parentTree.get(key) : undefined) ?? (isRef(annotRef) ? holder.get(annotRef.num) : undefined);
      const role = roleOf(element);
      if (subtype === "TrapNet") count("28-007");
      if (subtype === "PrinterMark" || flags & 2 /* Hidden */) continue;
      if (subtype === "Link") {
        if (role !== "Link") count("28-011");
        if (!nonEmpty(annot.map.get("Contents"))) count("28-012");
      } else if (subtype === "Widget") {
        if (role !== "Form") count("28-010");
      } else if (role !== "Annot") count("28-002");
      if (subtype !== "Widget" && !nonEmpty(annot.map.get("Contents")) && !nonEmpty(element?.map.get("Alt"))) count("28-004");
    }
    const tabs = page.dict.map.get("Tabs");
    if (annots.length && tabs === undefined) count("28-008");
    else if (annots.length && !isName(tabs, "S")) count("28-009");
    const messages: Record<string, string> = {
      "28-002": "annotation(s) not inside an Annot structure element",
      "28-004": "annotation(s) with neither /Contents nor /Alt on their structure element",
      "28-007": "TrapNet annotation(s)",
      "28-008": "annotations, but no /Tabs on the page",
      "28-009": "annotations, and /Tabs is not /S",
      "28-010": "widget annotation(s) not inside a Form structure element",
      "28-011": "link annotation(s) not inside a Link structure element",
      "28-012": "link annotation(s) without /Contents",
    };
    for (const [checkpoint, n] of counted) findings.push({ checkpoint, page: pageNo, message: checkpoint === "28-008" || checkpoint === "28-009" ? messages[checkpoint]! : `${n} ${messages[checkpoint]}` });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Fonts

function checkFonts(objects: PdfObjects, pages: Array<{ num: number; dict: PdfDict }>, content: Instruction[][]): PdfUaFinding[] {
  const findings: PdfUaFinding[] = [];
  const reportedFonts = new Set<string>();
  pages.forEach((page, index) => {
    const fonts = pageFonts(objects, page.dict);
    const instructions = content[index]!;
    let font: string | undefined;
    const unmapped = new Map<string, number>();
    const badValues = { zero: 0, bom: 0 };
    for (const ins of instructions) {
      if (ins.op === "Tf" && isName(ins.operands[0])) {
        font = ins.operands[0].name;
        const used = fonts.get(font);
        const id = `${font}:${used ? fontName(used.dict) : "?"}`;
        if (used && !reportedFonts.has(id)) {
          reportedFonts.add(id);
          findings.push(...fontProblems(objects, used.dict, index + 1));
        }
        continue;
      }
      if (!TEXT_SHOWING.has(ins.op) || font === undefined) continue;
      const used = fonts.get(font);
      if (!used?.toUnicode) continue; // reported as 31-027 above
      for (const shown of shownStrings(ins)) {
        for (const code of splitCodes(shown, used.toUnicode, used.codeLength)) {
          const text = used.toUnicode.map.get(code);
          if (text === undefined) unmapped.set(fontName(used.dict), (unmapped.get(fontName(used.dict)) ?? 0) + 1);
          else if (text.includes("\0")) badValues.zero++;
          else if (/[\ufeff\ufffe]/.test(text)) badValues.bom++;
        }
      }
    }
    for (const [fontLabel, n] of unmapped) findings.push({ checkpoint: "10-001", page: index + 1, message: `${n} character code(s) in ${fontLabel} with no Unicode mapping` });
    if (badValues.zero) findings.push({ checkpoint: "31-028", page: index + 1, message: `${badValues.zero} character(s) mapped to U+0000` });
    if (badValues.bom) findings.push({ checkpoint: "31-029", page: index + 1, message: `${badValues.bom} character(s) mapped to U+FEFF or U+FFFE` });
  });
  return findings;
}

function fontName(font: PdfDict): string {
  const base = font.map.get("BaseFont");
  return isName(base) ? base.name : isName(font.map.get("Subtype")) ? `(${(font.map.get("Subtype") as { name: string }).name} font)` : "(font)";
}

function fontProblems(objects: PdfObjects, font: PdfDict, page: number): PdfUaFinding[] {
  const findings: PdfUaFinding[] = [];
  const subtype = isName(font.map.get("Subtype")) ? (font.map.get("Subtype") as { name: string }).name : "";
  const label = fontName(font);
  const descendant = subtype === "Type0" ? objects.dictOf(objects.arrayOf(font.map.get("DescendantFonts"))[0]) : undefined;
  if (subtype !== "Type3") {
    const descriptor = objects.dictOf((descendant ?? font).map.get("FontDescriptor"));
    if (!descriptor || !["FontFile", "FontFile2", "FontFile3"].some((k) => descriptor.map.has(k))) findings.push({ checkpoint: "31-009", page, message: `the font ${label} is not embedded` });
  }
  if (descendant && isName(descendant.map.get("Subtype"), "CIDFontType2")) {
    const map = descendant.map.get("CIDToGIDMap");
    if (!isName(map, "Identity") && !(isRef(map) && objects.streamDict(map.num))) findings.push({ checkpoint: "31-004", page, message: `the CID font ${label} has no CIDToGIDMap (a stream or /Identity)` });
  }
  const identity = subtype === "Type0" && (isName(font.map.get("Encoding"), "Identity-H") || isName(font.map.get("Encoding"), "Identity-V"));
  const differences = objects.dictOf(font.map.get("Encoding"))?.map.has("Differences") ?? false;
  if (!font.map.has("ToUnicode") && (identity || (subtype === "Type3" && !differences))) findings.push({ checkpoint: "31-027", page, message: `the font ${label} has no /ToUnicode map` });
  return findings;
}

// ---------------------------------------------------------------------------------------------
// Everything else: optional content, embedded files, encryption, reference XObjects

function checkOther(objects: PdfObjects): PdfUaFinding[] {
  const findings: PdfUaFinding[] = [];
  const oc = objects.dictOf(objects.catalog.map.get("OCProperties"));
  if (oc) {
    const d = objects.dictOf(oc.map.get("D"));
    if (!nonEmpty(d?.map.get("Name"))) findings.push({ checkpoint: "20-002", message: "the default optional content configuration has no /Name" });
    objects.arrayOf(oc.map.get("Configs")).forEach((c) => {
      if (!nonEmpty(objects.dictOf(c)?.map.get("Name"))) findings.push({ checkpoint: "20-001", message: "an optional content configuration has no /Name" });
    });
    for (const config of [d, ...objects.arrayOf(oc.map.get("Configs")).map((c) => objects.dictOf(c))]) if (config?.map.has("AS")) findings.push({ checkpoint: "20-003", message: "an optional content configuration has an /AS entry" });
  }
  const encrypt = objects.dictOf(objects.trailer.map.get("Encrypt"));
  if (encrypt) {
    const p = encrypt.map.get("P");
    if (typeof p !== "number") findings.push({ checkpoint: "26-001", message: "the file is encrypted and its encryption dictionary has no /P" });
    else if ((p & 512) === 0) findings.push({ checkpoint: "26-002", message: "the file is encrypted without permission for assistive technology (bit 10 of /P)" });
  }
  if (objects instanceof QpdfObjects) {
    for (const num of objects.numbers()) {
      const d = objects.dictOf(ref(num));
      if (!d) continue;
      if ((isName(d.map.get("Type"), "Filespec") || d.map.has("EF")) && (!d.map.has("F") || !d.map.has("UF"))) findings.push({ checkpoint: "21-001", message: `the file specification ${num} lacks /F or /UF` });
      if (isName(d.map.get("Subtype"), "Form") && d.map.has("Ref")) findings.push({ checkpoint: "30-001", message: `the form XObject ${num} is a reference XObject` });
    }
  }
  return findings;
}

/** Findings counted by checkpoint (for reports). */
export function countByCheckpoint(findings: PdfUaFinding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.checkpoint, (counts.get(f.checkpoint) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

