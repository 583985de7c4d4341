/**
 * Loading pdf.js must not leave its polyfills on the shared Uint8Array: puppeteer decodes every PDF Chromium
 * sends with Uint8Array.fromBase64 when it exists, and the polyfill decodes in JavaScript (0.75 s of an
 * edit build). Run in a process of its own: this test worker may have loaded pdf.js already.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers.ts";

/** A one-page PDF by hand (pdf.js mends its cross-reference offsets), showing "Hello". */
const PDF = [
  "%PDF-1.4",
  "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
  "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
  "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >> endobj",
  "4 0 obj << /Length 37 >> stream\nBT /F1 12 Tf 20 100 Td (Hello) Tj ET\nendstream endobj",
  "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj",
  "trailer << /Root 1 0 R >>",
  "%%EOF",
].join("\n");

const SCRIPT = `
const names = () => ["fromBase64", "fromHex"].filter((n) => Object.hasOwn(Uint8Array, n))
  .concat(["setFromBase64", "setFromHex", "toBase64", "toHex"].filter((n) => Object.hasOwn(Uint8Array.prototype, n)).map((n) => "prototype." + n));
const before = names();
const { openPdf } = await import("./src/lib/pdfjs.ts");
const doc = await openPdf(new TextEncoder().encode(${JSON.stringify(PDF)}));
const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => i.str).join("");
await doc.destroy();
process.stdout.write(JSON.stringify({ before, after: names(), pages: doc.numPages, text }));
`;

describe("pdf.js", () => {
  it("reads a PDF and leaves Uint8Array's base64 and hex methods as the platform has them", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", SCRIPT], { cwd: ROOT, encoding: "utf8" });
    const { before, after, pages, text } = JSON.parse(out) as { before: string[]; after: string[]; pages: number; text: string };
    expect({ pages, text }).toEqual({ pages: 1, text: "Hello" });
    expect(after).toEqual(before);
  });
});
