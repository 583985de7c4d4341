/**
 * PDF/UA-1: every PDF a build prints passes the Matterhorn checks of src/a11y/pdfua.ts, claims PDF/UA-1
 * in its XMP metadata and keeps its structure tree. And the checker does fail what it should.
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkPdfUa, type PdfUaFinding } from "../../src/a11y/pdfua.ts";
import { fixPdfUa, wrapUntagged, xmpDate } from "../../src/print/pdfua-fix.ts";
import { isRef, PdfFile } from "../../src/print/pdf-syntax.ts";
import { joinRuns } from "../../src/print/pdf-tagged.ts";
import { filesUnder } from "../../src/lib/files.ts";
import { sharedBuild } from "../helpers.ts";

const format = (findings: PdfUaFinding[]) => findings.map((f) => `${f.checkpoint}${f.page ? ` p${f.page}` : ""}: ${f.message}`).join("\n");

/** A PDF made of the given objects (numbered from 1), with a correct cross-reference table. */
function pdfOf(objects: string[], trailer: string): Buffer {
  let text = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  text += `trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, "latin1");
}

const stream = (content: string) => `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
const INFO = "<< /Title (A minimal file) /Producer (hand) /CreationDate (D:20240314000000Z) /ModDate (D:20240314000000Z) >>";
const FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

/** A minimal, valid, untagged PDF with one line of text and no metadata. */
function minimalPdf(): Buffer {
  return pdfOf(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      stream("BT /F1 12 Tf 72 400 Td (Hello) Tj ET"),
      FONT,
      INFO,
    ],
    "/Root 1 0 R /Info 6 0 R",
  );
}

/**
 * A tagged PDF with Chromium's faults: no XMP, an untagged running footer, a paper's first heading H2,
 * a list item without LBody, a link annotation without /Contents on a page without /Tabs, and a
 * picture (a leaf Figure) without alternative text, which no post-processing can supply.
 */
function taggedPdf(): Buffer {
  return pdfOf(
    [
      "<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 7 0 R /MarkInfo << /Marked true >> /Lang (en-GB) /ViewerPreferences << /DisplayDocTitle true >> >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> /StructParents 0 /Annots [14 0 R] >>",
      stream(
        [
          "/H2 <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (Title) Tj ET EMC",
          "/Figure <</MCID 1>> BDC 72 500 100 100 re f EMC",
          "/Lbl <</MCID 2>> BDC BT /F1 12 Tf 72 400 Td (1.) Tj ET EMC",
          "/NonStruct <</MCID 3>> BDC BT /F1 12 Tf 90 400 Td (Item) Tj ET EMC",
          "/Link <</MCID 4>> BDC BT /F1 12 Tf 72 300 Td (Read more) Tj ET EMC",
          "BT /F1 10 Tf 72 30 Td (Page 1) Tj ET",
        ].join("\n"),
      ),
      FONT,
      INFO,
      "<< /Type /StructTreeRoot /K 8 0 R /ParentTree 15 0 R /ParentTreeNextKey 2 >>",
      "<< /Type /StructElem /S /Document /P 7 0 R /K [9 0 R 10 0 R 11 0 R 13 0 R] >>",
      "<< /Type /StructElem /S /H2 /P 8 0 R /Pg 3 0 R /K 0 >>",
      "<< /Type /StructElem /S /Figure /P 8 0 R /Pg 3 0 R /K 1 >>",
      "<< /Type /StructElem /S /L /P 8 0 R /K 12 0 R >>",
      "<< /Type /StructElem /S /LI /P 11 0 R /K [16 0 R 17 0 R] >>",
      "<< /Type /StructElem /S /Link /P 8 0 R /Pg 3 0 R /K [4 << /Type /OBJR /Obj 14 0 R >>] >>",
      "<< /Type /Annot /Subtype /Link /Rect [72 295 150 315] /Border [0 0 0] /A << /S /URI /URI (https://example.org/) >> /StructParent 1 >>",
      "<< /Nums [0 [9 0 R 10 0 R 16 0 R 17 0 R 13 0 R] 1 13 0 R] >>",
      "<< /Type /StructElem /S /Lbl /P 12 0 R /Pg 3 0 R /K 2 >>",
      "<< /Type /StructElem /S /NonStruct /P 12 0 R /Pg 3 0 R /K 3 >>",
    ],
    "/Root 1 0 R /Info 6 0 R",
  );
}

async function findingsOf(pdf: Uint8Array): Promise<PdfUaFinding[]> {
  const file = join(mkdtempSync(join(tmpdir(), "panelpress-pdfua-")), "test.pdf");
  writeFileSync(file, pdf);
  return checkPdfUa(file);
}

describe("the PDF/UA checker", () => {
  it("flags a PDF without XMP metadata, tags or a language", async () => {
    const checkpoints = new Set((await findingsOf(minimalPdf())).map((f) => f.checkpoint));
    for (const expected of ["06-001", "01", "01-005", "07-001", "11-001"]) expect(checkpoints, expected).toContain(expected);
  });

  it("flags Chromium's faults in a tagged PDF, and the post-processing mends all but the one it cannot", async () => {
    const before = await findingsOf(taggedPdf());
    const checkpoints = new Set(before.map((f) => f.checkpoint));
    for (const expected of ["06-001", "01-005", "14-002", "09-005", "28-008", "28-012", "28-004", "13-004", "31-009"]) expect(checkpoints, `${expected}\n${format(before)}`).toContain(expected);

    const fixed = fixPdfUa(taggedPdf());
    const after = await findingsOf(fixed);
    // The picture needs words only its author can give; the test file's Helvetica is not embedded.
    expect(after.map((f) => f.checkpoint).sort(), format(after)).toEqual(["13-004", "31-009"]);
    const text = Buffer.from(fixed).toString("latin1");
    expect(text).toContain("/Contents (Read more)");
    const page = new PdfFile(text).pages()[0]!;
    const contents = page.dict.map.get("Contents");
    expect(new PdfFile(text).streamData(isRef(contents) ? contents.num : -1)).toContain("/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nBT /F1 10 Tf 72 30 Td (Page 1) Tj ET\nEMC");
    expect(text.startsWith("%PDF-1.7\n")).toBe(true);
    expect(Buffer.from(fixPdfUa(taggedPdf())).equals(Buffer.from(fixed))).toBe(true); // reproducible
  });

  it("finds the metadata the post-processing adds, and still reports untagged body text", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "panelpress-pdfua-")), "fixed.pdf");
    writeFileSync(file, fixPdfUa(minimalPdf()));
    const findings = await checkPdfUa(file);
    const checkpoints = new Set(findings.map((f) => f.checkpoint));
    for (const gone of ["06-001", "06-002", "06-003", "07-001", "xmp-info", "pdf-syntax"]) expect(checkpoints, format(findings)).not.toContain(gone);
    // Text in the middle of the page is not a running header: marking it as an artifact would hide it.
    expect(checkpoints).toContain("01-005");
    expect(execFileSync("pdfinfo", ["-meta", file], { encoding: "utf8" })).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">A minimal file</rdf:li>');
  });

  it("marks untagged header and footer text and paths as artifacts, and nothing tagged", () => {
    const content = [
      "BT 1 0 0 1 50 820 Tm (header) Tj ET",
      "/P <</MCID 0>> BDC BT 1 0 0 1 50 400 Tm (body) Tj ET EMC",
      "0 0 10 10 re W n",
      "BT 50 400 Td (stray) Tj ET",
      "q 1 0 0 1 0 -800 cm BT 1 0 0 1 50 820 Tm (footer) Tj ET Q",
    ].join("\n");
    const wrapped = wrapUntagged(content, 0, 842);
    expect(wrapped).toContain("/Artifact <</Type /Pagination /Subtype /Header>> BDC\nBT 1 0 0 1 50 820 Tm (header) Tj ET\nEMC");
    expect(wrapped).toContain("/Artifact BMC\n0 0 10 10 re W n\nEMC");
    expect(wrapped).toContain("/Artifact <</Type /Pagination /Subtype /Footer>> BDC\nBT 1 0 0 1 50 820 Tm (footer) Tj ET\nEMC");
    expect(wrapped).toContain("/P <</MCID 0>> BDC BT 1 0 0 1 50 400 Tm (body) Tj ET EMC");
    expect(wrapped).toContain("\nBT 50 400 Td (stray) Tj ET\n"); // left for the checker
  });

  it("describes a link wrapped over two lines by its whole text", () => {
    expect(joinRuns(["pippa.brent-", "isherwood@example.org"])).toBe("pippa.brent-isherwood@example.org");
    expect(joinRuns(["Read the", "report"])).toBe("Read the report");
    expect(joinRuns(["Figure ", "", " 3"])).toBe("Figure 3");
  });

  it("writes XMP dates as the same instants as the Info dictionary's", () => {
    expect(xmpDate("D:20221208000000+00'00'")).toBe("2022-12-08T00:00:00Z");
    expect(xmpDate("D:20240314093000+01'00'")).toBe("2024-03-14T09:30:00+01:00");
    expect(xmpDate("D:2024")).toBe("2024-01-01T00:00:00Z");
    expect(xmpDate(undefined)).toBeUndefined();
  });
});

describe("printed PDFs", () => {
  it("pass the checker, claim PDF/UA-1 and keep their structure", { timeout: 900_000 }, async () => {
    // The fixture body's shared build: its paper has a picture too, so a picture's Figure and its alternative
    // text are checked as well as charts and tables.
    const { out } = await sharedBuild("wessex");
    const first = { out, pdfs: filesUnder(out).filter((f) => f.endsWith(".pdf")).sort() };
    expect(first.pdfs.length).toBeGreaterThanOrEqual(4);
    expect(readFileSync(join(out, "meetings/2024-06-20/01-update/index.html"), "utf8")).toContain('alt="Map of the depot"');

    const problems: string[] = [];
    for (const path of first.pdfs) {
      const file = join(first.out, path);
      const findings = await checkPdfUa(file);
      if (findings.length) problems.push(`${path}:\n${format(findings)}`);
      const meta = execFileSync("pdfinfo", ["-meta", file], { encoding: "utf8" });
      if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(meta)) problems.push(`${path}: pdfinfo -meta shows no pdfuaid:part 1`);
      // What Chromium wrote survives the rewrite: structure tree, marking, language, outline.
      const json = JSON.parse(execFileSync("qpdf", ["--json", "--json-key=qpdf", file], { encoding: "utf8", maxBuffer: 1 << 28 })) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
      const objects = json.qpdf[1];
      const root = String(objects.trailer?.value?.["/Root"]);
      const catalog = objects[`obj:${root}`]?.value ?? {};
      for (const key of ["/StructTreeRoot", "/MarkInfo", "/Lang", "/Outlines", "/Metadata"]) if (!(key in catalog)) problems.push(`${path}: the catalog lost ${key}`);
    }
    expect(problems.join("\n\n")).toBe("");
    // That the same input prints the same bytes, rewrite included, is test/e2e/build.test.ts's (a second build of the main fixture).
  });
});
