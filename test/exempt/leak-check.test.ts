/** The leak check's memory of clean PDFs never hides a leak: a verdict holds for those bytes and those needles only. */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findLeaks, leakNeedles } from "../../src/exempt/leak-check.ts";

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

describe("the leak check", () => {
  it("finds exempt words in a PDF's text, and remembers only clean verdicts", async () => {
    const site = mkdtempSync(join(tmpdir(), "panelpress-leak-"));
    const verdicts = join(site, "..", `${site.split("/").pop()}-verdicts`);
    writeFileSync(join(site, "paper.pdf"), pdfWithText("The estate sale is agreed at two hundred and twelve thousand pounds"));
    const leaking = leakNeedles(["The estate sale is agreed at two hundred thousand"], "");
    const unrelated = leakNeedles(["Officers will report on staffing levels next year"], "");

    expect(await findLeaks(site, () => unrelated, verdicts)).toEqual([]);
    expect(readdirSync(verdicts)).toHaveLength(1); // clean for these needles: remembered

    const leaks = await findLeaks(site, () => leaking, verdicts);
    expect(leaks.map((l) => [l.file, l.where])).toEqual([["paper.pdf", "PDF text"]]);
    expect(readdirSync(verdicts)).toHaveLength(1); // a leak is never remembered as clean
    expect((await findLeaks(site, () => leaking, verdicts)).length).toBe(1);
  });
});
