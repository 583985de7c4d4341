/** The leak check's memory of clean PDFs never hides a leak: a verdict holds for those bytes and those needles only. */
import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExemptText, findLeaks, leakNeedles, markupTexts } from "../../src/exempt/leak-check.ts";
import { pdfFile } from "../helpers.ts";

/** A one-page PDF showing one line of text (pdf.js rebuilds the cross-reference table itself). */
function pdfWithText(text: string): string {
  const stream = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  return [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj",
    `4 0 obj << /Length ${stream.length} >> stream\n${stream}\nendstream endobj`,
    "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj",
    "trailer << /Root 1 0 R >>",
    "%%EOF",
  ].join("\n");
}

/** A stream object's text. */
const streamObject = (dict: string, data: string) => `<< ${dict} /Length ${data.length} >>\nstream\n${data}\nendstream`;

function prose(...phrases: string[]): ExemptText {
  const exempt = new ExemptText();
  for (const phrase of phrases) exempt.addProse(phrase, "markdown", "exempt.md");
  return exempt;
}

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "panelpress-leak-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("the leak check", () => {
  const secret = "Harbourline would pay compensation of £148,500 in two instalments";

  it("finds exempt text in attributes, comments and meta, not only between tags", async () => {
    const needles = leakNeedles(prose(secret), "");
    for (const page of [
      `<img alt="${secret}">`,
      `<p title='${secret}'>x</p>`,
      `<!-- ${secret} -->`,
      `<meta name="description" content="${secret.replace(/ /g, "&#32;")}">`,
      `<div data-note=${secret.replace(/ /g, "&nbsp;")}>x</div>`,
      `<p>Harbourline <em>would</em> pay com\u00ADpensation of £148,500 in two instalments</p>`.replace("\\u00AD", "\u00AD"),
    ]) {
      const leaks = await findLeaks(site({ "page.html": page }), needles);
      expect(leaks.length, page).toBeGreaterThan(0);
    }
    expect(markupTexts('<a href="x" title="a b">c</a><!-- d -->')).toEqual([" c  ", "x", "a b", " d "]);
  });

  it("searches every exempt value whole, however short, but not words it shares with the allow-list", async () => {
    const exempt = new ExemptText();
    exempt.addValue("Acme Fleet", "data.yaml");
    exempt.addValue("Yes", "data.yaml"); // too short to tell from ordinary text
    const needles = leakNeedles(exempt, "");
    expect((await findLeaks(site({ "a.csv": "supplier,Acme Fleet\n" }), needles)).map((l) => l.phrase)).toEqual(["Acme Fleet"]);
    expect(await findLeaks(site({ "a.html": "<p>Yes, we agreed.</p>" }), needles)).toEqual([]);
    expect(leakNeedles(exempt, "contact: Acme Fleet").size).toBe(0);
  });

  it("finds words a PDF splits with letter-spacing or a font change mid-word", async () => {
    const needles = leakNeedles(prose(secret), "");
    const dir = site({});
    writeFileSync(join(dir, "spaced.pdf"), pdfWithText("H a r b o u r l i n e  w o u l d  p a y  c o m p e n s a t i o n  of £148,500 in two instal ments"));
    expect((await findLeaks(dir, needles)).map((l) => l.where)).toEqual(["PDF text"]);
  });

  it("finds exempt words in every string a PDF holds beyond its pages' text, and in its metadata", async () => {
    const plain = "Glimmerwick depot reserve price agreed with the preferred bidder";
    const needles = leakNeedles(prose(secret, plain), "");
    const utf16 = (text: string) => `<FEFF${[...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, "0")).join("")}>`;
    const xmp = `<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:description>${plain}</dc:description></x:xmpmeta>`;
    const places: Record<string, Parameters<typeof pdfFile>[0]> = {
      "a link's description": { page: "/Annots [6 0 R]", objects: [`<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /Contents (${secret}) >>`] },
      "a hidden annotation's text": { page: "/Annots [6 0 R]", objects: [`<< /Type /Annot /Subtype /Text /F 2 /Rect [0 0 9 9] /Contents (${secret}) >>`] },
      "a link's address": { page: "/Annots [6 0 R]", objects: [`<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (https://example.org/${plain.replace(/ /g, "-")}) >> >>`] },
      "a bookmark": { catalog: "/Outlines 6 0 R", objects: ["<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>", `<< /Title (${secret}) /Parent 6 0 R /Dest [3 0 R /Fit] >>`] },
      "the document information": { trailer: "/Info 6 0 R", objects: [`<< /Title (${secret}) >>`] },
      "alternate text": { catalog: "/StructTreeRoot 6 0 R", objects: ["<< /Type /StructTreeRoot /K 7 0 R >>", `<< /Type /StructElem /S /Figure /P 6 0 R /Alt (${secret}) >>`] },
      "actual text, in UTF-16": { catalog: "/StructTreeRoot 6 0 R", objects: ["<< /Type /StructTreeRoot /K 7 0 R >>", `<< /Type /StructElem /S /Span /P 6 0 R /ActualText ${utf16(plain)} >>`] },
      "a destination's name": { catalog: `/Dests << /${plain.replace(/ /g, "-")} [3 0 R /Fit] >>` },
    };
    for (const [place, extra] of Object.entries(places)) {
      const dir = site({});
      writeFileSync(join(dir, "paper.pdf"), pdfFile(extra));
      expect((await findLeaks(dir, needles)).map((l) => l.where), place).toEqual([expect.stringMatching(/^PDF strings/)]);
    }
    for (const [place, metadata] of [["XMP metadata", streamObject("/Type /Metadata /Subtype /XML", xmp)], ["compressed XMP metadata", streamObject("/Type /Metadata /Subtype /XML /Filter /FlateDecode", deflateSync(xmp).toString("latin1"))]]) {
      const dir = site({});
      writeFileSync(join(dir, "paper.pdf"), pdfFile({ catalog: "/Metadata 6 0 R", objects: [metadata!] }));
      expect((await findLeaks(dir, needles)).map((l) => l.where), place).toEqual(["PDF metadata"]);
    }
    const clean = site({});
    writeFileSync(join(clean, "paper.pdf"), pdfFile({ trailer: "/Info 6 0 R", objects: ["<< /Title (Budget update) >>"] }));
    expect(await findLeaks(clean, needles)).toEqual([]);
  });

  it("has pdf.js read a PDF's links and document information when its own reader cannot read the file", async () => {
    const needles = leakNeedles(prose(secret), "");
    const dir = site({});
    // Its cross-reference table points nowhere: pdf.js rebuilds it, panelpress's reader gives up.
    const broken = pdfFile({ page: "/Annots [6 0 R]", objects: [`<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /Contents (${secret}) >>`] }).toString("latin1").replace(/startxref\n\d+/, "startxref\n9");
    writeFileSync(join(dir, "paper.pdf"), Buffer.from(broken, "latin1"));
    expect((await findLeaks(dir, needles)).map((l) => l.where)).toEqual(["PDF link descriptions and alternate text"]);
  });

  it("finds exempt words in a PDF's text, and remembers only clean verdicts", async () => {
    const site = mkdtempSync(join(tmpdir(), "panelpress-leak-"));
    const verdicts = join(site, "..", `${site.split("/").pop()}-verdicts`);
    writeFileSync(join(site, "paper.pdf"), pdfWithText("The estate sale is agreed at two hundred and twelve thousand pounds"));
    const leaking = leakNeedles(prose("The estate sale is agreed at two hundred thousand"), "");
    const unrelated = leakNeedles(prose("Officers will report on staffing levels next year"), "");

    expect(await findLeaks(site, unrelated, { dir: verdicts, read: true })).toEqual([]);
    expect(readdirSync(verdicts)).toHaveLength(1); // clean for these needles: remembered

    const leaks = await findLeaks(site, leaking, { dir: verdicts, read: true });
    expect(leaks.map((l) => [l.file, l.where])).toEqual([["paper.pdf", "PDF text"]]);
    expect(readdirSync(verdicts)).toHaveLength(1); // a leak is never remembered as clean
    expect((await findLeaks(site, leaking, { dir: verdicts, read: true })).length).toBe(1);
  });

  it("in a clean build (verdicts not read) trusts no kept verdict, and leaves its own for the next build", async () => {
    const site = mkdtempSync(join(tmpdir(), "panelpress-leak-"));
    const verdicts = join(site, "..", `${site.split("/").pop()}-verdicts`);
    const bytes = Buffer.from(pdfWithText("The estate sale is agreed at two hundred and twelve thousand pounds"), "latin1");
    writeFileSync(join(site, "paper.pdf"), bytes);
    const leaking = leakNeedles(prose("The estate sale is agreed at two hundred thousand"), "");
    // A verdict planted in the cache for exactly this file and these needles: read, it would hide the leak.
    mkdirSync(verdicts, { recursive: true });
    writeFileSync(join(verdicts, createHash("sha256").update(bytes).update(leaking.digest()).digest("hex")), "");
    expect(await findLeaks(site, leaking, { dir: verdicts, read: true })).toEqual([]);
    expect((await findLeaks(site, leaking, { dir: verdicts, read: false })).map((l) => l.file)).toEqual(["paper.pdf"]);

    const clean = mkdtempSync(join(tmpdir(), "panelpress-leak-"));
    const cleanVerdicts = join(clean, "..", `${clean.split("/").pop()}-verdicts`);
    writeFileSync(join(clean, "paper.pdf"), bytes);
    const unrelated = leakNeedles(prose("Officers will report on staffing levels next year"), "");
    expect(await findLeaks(clean, unrelated, { dir: cleanVerdicts, read: false })).toEqual([]);
    expect(readdirSync(cleanVerdicts)).toHaveLength(1); // left for the next build, which reads it
  });
});
