/**
 * A draft shows only what is measured (src/print/layout.ts, DraftView): hidden with `visibility: hidden`,
 * the rest is laid out as if shown, so a draft's page count, page ranges and the fill of the pages around
 * a landscape run are those of the full print, while the text of the items it need not read is neither
 * painted nor written into the PDF. A draft after the first is printed in the tab of the one before, its
 * page references filled in there: the document is then what loading it filled would have made.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "puppeteer-core";
import { Printer, measure } from "../../src/print/print.ts";
import { fillPageRefs, refillScript, type PageRanges } from "../../src/print/page-refs.ts";
import { launchBrowser } from "../../src/a11y/audit.ts";
import { pageUse, type BlockReading } from "../../src/print/layout.ts";
import { openPdf } from "../../src/lib/pdfjs.ts";
import { printFonts } from "../../src/pipeline/render.ts";
import { ROOT } from "../helpers.ts";

const ANCHORS = ["item-1", "item-2", "item-3"];

/** Three items; the second has a table printed on a landscape page between paragraphs. */
function packDocument(): string {
  const paragraphs = (words: string, n: number) => Array.from({ length: n }, (_, i) => `<p>${words} ${i + 1}, with enough words after it to fill a line or two of the page as a paper's paragraph would.</p>`).join("");
  const rows = Array.from({ length: 12 }, (_, i) => `<tr><th scope="row">Station ${i + 1}</th>${Array.from({ length: 9 }, (_, j) => `<td class="nowrap">${(i + 1) * 100 + j}</td>`).join("")}</tr>`).join("");
  const item = (n: number, body: string) => `<section class="print-item" id="item-${n}" style="page: item-${n}"><h2>Item ${n}</h2><div class="paper-body">${body}</div></section>`;
  return (
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Pack</title><link rel="stylesheet" href="assets/print.css">` +
    `<style>@page item-2-wide { size: A4 landscape; } #item-2 .figure-wide { page: item-2-wide; }</style></head><body>` +
    `<nav><ol>${ANCHORS.map((id) => `<li><a href="#${id}">${id}</a></li>`).join("")}</ol></nav>` +
    item(1, paragraphs("Quietly hidden sentence", 40)) +
    item(2, paragraphs("Shown around the run", 14) + `<figure class="figure figure-table figure-wide" id="fig-stations"><table class="data-table"><caption>Stations</caption><tbody>${rows}</tbody></table></figure>` + paragraphs("Shown after the run", 3)) +
    item(3, paragraphs("Also hidden sentence", 30)) +
    `</body></html>`
  );
}

async function textOf(bytes: Uint8Array): Promise<string> {
  const doc = await openPdf(bytes);
  try {
    const parts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      for (const item of (await (await doc.getPage(n)).getTextContent()).items) if ("str" in item) parts.push(item.str);
    }
    return parts.join(" ");
  } finally {
    await doc.destroy();
  }
}

async function layoutOf(bytes: Uint8Array, reading: BlockReading) {
  const doc = await openPdf(bytes);
  try {
    return { ...(await measure(doc, ANCHORS)), use: await pageUse(doc, reading.geometry) };
  } finally {
    await doc.destroy();
  }
}

describe("a draft", () => {
  const dir = mkdtempSync(join(tmpdir(), "panelpress-draft-view-"));
  let printer: Printer;
  let reading: BlockReading;
  let full: Uint8Array;
  beforeAll(async () => {
    mkdirSync(join(dir, "assets"));
    copyFileSync(join(ROOT, "templates", "assets", "print.css"), join(dir, "assets", "print.css"));
    writeFileSync(join(dir, "pack.html"), packDocument());
    printer = await Printer.launch(dir, "2025-01-23T00:00:00Z", printFonts(ROOT));
    reading = (await printer.inspect("pack.html")).reading;
    full = await printer.printOnce("pack.html");
  }, 120_000);
  afterAll(async () => {
    await printer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("whose page fill is read shows the items with landscape pages, laid out as the full print", async () => {
    const landscape = reading.blocks.filter((block) => block.landscape);
    expect(landscape.length).toBe(1);
    const draft = await printer.printOnce("pack.html", [], undefined, { landscape });
    const [printed, drafted] = [await layoutOf(full, reading), await layoutOf(draft, reading)];
    expect(printed.use.some((page) => page.landscape)).toBe(true);
    expect(printed.use.filter((page) => page.used > 0).length).toBeGreaterThan(1); // the run's page and the page before it were read
    expect(drafted).toEqual(printed);
    const text = await textOf(draft);
    expect(text).toContain("Shown around the run 14");
    expect(text).toContain("Station 12");
    expect(text).not.toContain("Quietly hidden sentence");
    expect(text).not.toContain("Also hidden sentence");
    expect(await textOf(full)).toContain("Quietly hidden sentence");
    expect(draft.length).toBeLessThan(full.length / 2);
  });

  it("whose page fill is not read shows nothing, and measures the same page ranges (hidden anchors still have their destinations)", async () => {
    const draft = await printer.printOnce("pack.html", [], undefined, {});
    const [printed, drafted] = [await layoutOf(full, reading), await layoutOf(draft, reading)];
    expect([drafted.pages, drafted.ranges]).toEqual([printed.pages, printed.ranges]);
    expect(printed.pages).toBeGreaterThan(5);
    const text = await textOf(draft);
    for (const words of ["Quietly hidden sentence", "Shown around the run", "Station 12", "Also hidden sentence"]) expect(text).not.toContain(words);
  });
});

describe("page references filled in a loaded document", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  const template =
    `<ol><li>Minutes <span data-page-range="item-2"></span></li><li>Budget <span data-page-range="item-3">000 - 000</span></li>` +
    `<li>Unmeasured <span data-page-range="item-9"></span></li></ol><p>See page <span data-page="table-4"></span>; ` +
    `not a reference: <span class="x" data-page="table-4">kept</span>, <span data-page-range="item-2"><b>kept</b></span></p>`;
  const ranges: PageRanges = new Map([["item-2", [4, 7]], ["item-3", [8, 8]], ["table-4", [12, 12]]]);

  /** The body of `html` as Chromium parses it, or as `script` leaves it once run on it (and what the script returned). */
  async function bodyOf(html: string, script?: string): Promise<{ body: string; ran?: unknown }> {
    const page = await browser.newPage();
    try {
      await page.setContent(html);
      const ran = script === undefined ? undefined : await page.evaluate(script);
      return { body: await page.evaluate("document.body.innerHTML") as string, ran };
    } finally {
      await page.close();
    }
  }

  it("are what fillPageRefs() writes, in either style, over placeholders or numbers filled before", async () => {
    for (const style of ["compact", "full"] as const) {
      const options = { placeholder: "000 - 000", style };
      const loaded = fillPageRefs(template, new Map(), options); // the first draft's document: placeholders
      const refilled = await bodyOf(loaded, refillScript(fillPageRefs(template, ranges, options)));
      expect(refilled.ran).toBe(true);
      expect(refilled.body).toBe((await bodyOf(fillPageRefs(template, ranges, options))).body);
      expect(refilled.body).toContain(style === "compact" ? "Budget <span data-page-range=\"item-3\">8</span>" : "8 - 8");
      // Again over numbers already filled in.
      const again = await bodyOf(refilled.body, refillScript(fillPageRefs(template, new Map([...ranges, ["item-2", [4, 9]]]), options)));
      expect(again.body).toContain("4 - 9");
    }
  });

  it("are refused, changing nothing, when the document's references are not the template's", async () => {
    const other = fillPageRefs(template.replace('<span data-page-range="item-9"></span>', ""), new Map(), { placeholder: "000 - 000" });
    const result = await bodyOf(other, refillScript(fillPageRefs(template, ranges, { placeholder: "000 - 000" })));
    expect(result.ran).toBe(false);
    expect(result.body).toBe((await bodyOf(other)).body);
  });
});
