/** The leak check's memory of clean PDFs never hides a leak: a verdict holds for those bytes and those needles only. */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExemptText, findLeaks, leakNeedles, markupTexts } from "../../src/exempt/leak-check.ts";

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

  it("finds exempt words in a PDF's text, and remembers only clean verdicts", async () => {
    const site = mkdtempSync(join(tmpdir(), "panelpress-leak-"));
    const verdicts = join(site, "..", `${site.split("/").pop()}-verdicts`);
    writeFileSync(join(site, "paper.pdf"), pdfWithText("The estate sale is agreed at two hundred and twelve thousand pounds"));
    const leaking = leakNeedles(prose("The estate sale is agreed at two hundred thousand"), "");
    const unrelated = leakNeedles(prose("Officers will report on staffing levels next year"), "");

    expect(await findLeaks(site, unrelated, verdicts)).toEqual([]);
    expect(readdirSync(verdicts)).toHaveLength(1); // clean for these needles: remembered

    const leaks = await findLeaks(site, leaking, verdicts);
    expect(leaks.map((l) => [l.file, l.where])).toEqual([["paper.pdf", "PDF text"]]);
    expect(readdirSync(verdicts)).toHaveLength(1); // a leak is never remembered as clean
    expect((await findLeaks(site, leaking, verdicts)).length).toBe(1);
  });
});
