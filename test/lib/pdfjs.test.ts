/**
 * Loading pdf.js must leave the process's built-ins as they were: its legacy build replaces
 * Array.prototype.push (and more) with JavaScript versions, for every library of the build, and adds
 * Uint8Array.fromBase64, which puppeteer then prefers for every PDF Chromium sends. Each case runs in a
 * process of its own: this test worker may have loaded pdf.js already.
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

/** What a process's built-ins look like after reading a PDF, through src/lib/pdfjs.ts or (`direct`) pdf.js itself. */
function builtInsAfterReading(direct: boolean): { added: string[]; replaced: string[]; pages: number; text: string } {
  // Source maps off: with tsx's on, core-js reading an Error's stack as it loads parses pdf.js's source maps (seconds).
  const script = `
process.setSourceMapsEnabled(false);
const names = () => ["fromBase64", "fromHex"].filter((n) => Object.hasOwn(Uint8Array, n))
  .concat(["setFromBase64", "setFromHex", "toBase64", "toHex"].filter((n) => Object.hasOwn(Uint8Array.prototype, n)).map((n) => "prototype." + n));
const natives = { "Array.prototype.push": Array.prototype.push, "Function.prototype.toString": Function.prototype.toString };
const before = names();
const bytes = new TextEncoder().encode(${JSON.stringify(PDF)});
let doc;
if (${direct}) {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  doc = await getDocument({ data: bytes, verbosity: 0 }).promise;
} else {
  const { openPdf } = await import("./src/lib/pdfjs.ts");
  doc = await openPdf(bytes);
}
const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => i.str).join("");
const pages = doc.numPages;
await doc.destroy();
const replaced = Object.entries(natives).filter(([name, native]) => name.split(".").reduce((o, k) => o[k], globalThis) !== native).map(([name]) => name);
process.stdout.write(JSON.stringify({ added: names().filter((n) => !before.includes(n)), replaced, pages, text }));
`;
  return JSON.parse(execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" }));
}

describe("pdf.js", () => {
  it("reads a PDF and leaves the process's built-ins as they were: none replaced, no base64 methods puppeteer would prefer", () => {
    // The control: pdf.js loaded directly replaces and adds them (on Node 20), so the check below can fail.
    const direct = builtInsAfterReading(true);
    expect(direct.replaced).toContain("Array.prototype.push");
    expect(direct.added).toContain("fromBase64");

    expect(builtInsAfterReading(false)).toEqual({ added: [], replaced: [], pages: 1, text: "Hello" });
  });
});
