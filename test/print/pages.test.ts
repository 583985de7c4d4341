/**
 * The printed pages a clerk would sign off (issue 21): every PDF built from the tests' main fixture
 * (harrowdene) and from a fixture written to provoke page breaks (pagebreaks: a 65-row table, a landscape
 * table right after its heading, a tall chart after a short paragraph, bar labels of 30 characters and
 * more, long legend names, an eight-column table too wide for a portrait page, landscape tables among
 * charts and paragraphs) passes the page check of src/print/page-check.ts: no page less than 40% filled
 * unless it ends an item or a part, no caption, header row or heading at the foot of a page, no chart text
 * cut short with "…" in a PDF or in the SVGs of the HTML pages. And a table too wide for its page is
 * reported, by its id, instead of being shrunk in silence.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkPages, fillBetween, lineKind, pageFacts, pageProblems, partStarts, truncatedSvgText, type PageFacts } from "../../src/print/page-check.ts";
import { measuredMoves, runPagesOf, staticMoves, type Block, type Geometry } from "../../src/print/layout.ts";
import { wrapLabel } from "../../src/charts/labels.ts";
import { Printer } from "../../src/print/print.ts";
import { PrintCache } from "../../src/print/cache.ts";
import { overflowProblem } from "../../src/print/overflow.ts";
import { printFonts } from "../../src/pipeline/render.ts";
import { filesUnder } from "../../src/lib/files.ts";
import { MAIN, png, ROOT, sharedBuild } from "../helpers.ts";

/** A fixture's public build: its PDFs, its HTML pages, and the opening words of the parts that start a new page by design. */
interface Built {
  out: string;
  pdfs: string[];
  html: string[];
  starts: string[];
}

async function built(name: string): Promise<Built> {
  const { out } = await sharedBuild(name);
  const files = filesUnder(out);
  const html = files.filter((f) => f.endsWith(".html"));
  // The papers' pages hold their bodies as printed: an appendix, or a kind's report within a paper, starts a new page there.
  const papers = html.filter((f) => /^meetings\/[^/]+\/[^/]+\/index\.html$/.test(f));
  return { out, pdfs: files.filter((f) => f.endsWith(".pdf")), html, starts: papers.flatMap((f) => partStarts(readFileSync(join(out, f), "utf8"))) };
}

describe("the page check's rules", () => {
  const page = (n: number, fill: number, more: Partial<PageFacts> = {}): PageFacts => ({ page: n, landscape: false, header: "Agenda item 2", fill, truncated: [], ...more });

  it("counts the space between lines as filled, and a blank stretch as empty", () => {
    const rows = [true, false, true, false, false, false, false, false, false, true];
    expect(fillBetween(rows, 0, 10, 2)).toBeCloseTo(0.4); // three inked rows and the one-row gap between two of them
    expect(fillBetween(rows, 0, 10, 0)).toBeCloseTo(0.3);
  });

  it("finds a short page, unless it ends an item or comes before a part that starts a new page", () => {
    const pages = [page(1, 0.9), page(2, 0.2), page(3, 0.9, { firstLine: { kind: "heading", text: "Appendix 1: Figures" } }), page(4, 0.1), page(5, 0.1, { header: "Agenda item 3" })];
    expect(pageProblems(pages).map((p) => [p.page, p.rule])).toEqual([[2, "page/underfilled"]]);
    expect(pageProblems(pages, undefined, ["Appendix 1: Figures by month"])).toEqual([]);
  });

  it("finds a caption, a header row or a heading at the foot of a page, and chart text cut short", () => {
    const pages = [page(1, 0.9, { lastLine: { kind: "caption", text: "Figure 2 Calls" } }), page(2, 0.9, { lastLine: { kind: "table-header", text: "Ward 2023/24" }, truncated: ["Report a road tra…"] }), page(3, 0.9, { lastLine: { kind: "heading", text: "2. Context" } })];
    expect(pageProblems(pages).map((p) => [p.page, p.rule])).toEqual([[1, "page/stranded"], [2, "page/stranded"], [2, "page/truncated"]]);
  });

  it("tells a line's kind by the structure roles of its pieces", () => {
    expect(lineKind([["Div", "H3"], ["Div", "H3"]])).toBe("heading");
    expect(lineKind([["Table", "Caption"]])).toBe("caption");
    expect(lineKind([["Table", "TR:header", "TH"], ["Table", "TR:header", "TH"]])).toBe("table-header");
    expect(lineKind([["Table", "TR", "TH"], ["Table", "TR", "TD"]])).toBe("text");
    expect(lineKind([["Div", "Figure"]])).toBe("figure");
  });

  it("reads the parts that start a new page, and cut labels, from HTML", () => {
    expect(partStarts('<h2 id="a" class="appendix-heading">Appendix 1: Figures &amp; tables</h2><section style="break-before: page;"><p><strong>The report</strong></p></section>')).toEqual(["Appendix 1: Figures & tables", "The report"]);
    expect(truncatedSvgText('<svg><text>Black, Asian an…</text><text><tspan>Report a road</tspan></text></svg><p>…</p>')).toEqual(["Black, Asian an…"]);
  });

  it("breaks a long label into lines at spaces, and leaves a short one as it is", () => {
    expect(wrapLabel("Report a road traffic collision online", 20)).toBe("Report a road\ntraffic collision\nonline");
    expect(wrapLabel("Give feedback", 20)).toBe("Give feedback");
  });
});

describe("landscape runs", () => {
  const geometry: Geometry = { portrait: { width: 658, height: 964, top: 83, bottom: 76 }, landscape: { width: 986, height: 635, top: 83, bottom: 76 } };
  const block = (index: number, more: Partial<Block> = {}): Block => ({ body: 0, index, page: "item-2", landscape: false, height: 100, head: 60, drawing: 0, breakBefore: false, heading: false, movable: true, ...more });
  const wide = (index: number) => block(index, { page: "item-2-wide", landscape: true, movable: false });

  it("join a short interlude between two landscape tables, and the heading before a run", () => {
    const blocks = [block(0), block(1, { heading: true }), wide(2), block(3), block(4), wide(5)];
    expect(staticMoves(blocks, geometry).map((m) => [m.index, m.page])).toEqual([[3, "item-2-wide"], [4, "item-2-wide"], [1, "item-2-wide"]]);
  });

  it("leave an interlude of more than a page, and anything that starts a page by design", () => {
    const long = [wide(0), block(1, { height: 600 }), block(2, { height: 600 }), wide(3)];
    expect(staticMoves(long, geometry)).toEqual([]);
    const appendix = [wide(0), block(1), block(2, { heading: true, breakBefore: true }), wide(3)];
    expect(staticMoves(appendix, geometry).map((m) => m.index)).toEqual([2]);
  });

  it("take over the blocks alone on a short page before a run, and fill a run's short last page", () => {
    const blocks = [block(0, { height: 900 }), block(1, { height: 150 }), block(2, { height: 80 }), wide(3), block(4, { height: 200, head: 150 }), block(5, { height: 200 }), block(6, { height: 200 })];
    const pages = runPagesOf([{ landscape: false, used: 1 }, { landscape: false, used: 0.25 }, { landscape: true, used: 0.3 }, { landscape: false, used: 1 }]);
    expect(pages).toEqual([{ before: 0.25, last: 0.3 }]);
    expect(measuredMoves(blocks, pages, geometry, 0.4).map((m) => m.index).sort()).toEqual([1, 2, 4]);
  });

  it("draw a chart a little smaller to fit the foot of a run's page, within limits", () => {
    const chart = block(1, { height: 500, head: 420, drawing: 380 });
    const moves = measuredMoves([wide(0), chart], [{ last: 0.3 }], geometry, 0.4);
    expect(moves).toEqual([expect.objectContaining({ index: 1, drawing: expect.any(Number) })]);
    expect(moves[0]!.drawing!).toBeGreaterThanOrEqual(0.8 * 380);
    expect(measuredMoves([wide(0), block(1, { height: 600, head: 560, drawing: 520 })], [{ last: 0.3 }], geometry, 0.4)).toEqual([]);
  });
});

describe.each([MAIN, "pagebreaks"])("the printed pages of %s", (name) => {
  let site: Built;
  beforeAll(async () => {
    site = await built(name);
  }, 900_000);

  it("pass the page check, every page of every PDF", async () => {
    expect(site.pdfs.length).toBeGreaterThan(1);
    const problems: string[] = [];
    for (const pdf of site.pdfs) {
      for (const problem of (await checkPages(join(site.out, pdf), site.starts)).problems) problems.push(`${pdf}: ${problem.message}`);
    }
    expect(problems).toEqual([]);
  });

  it("cut no chart label short, in the HTML either", () => {
    const cut = site.html.flatMap((file) => truncatedSvgText(readFileSync(join(site.out, file), "utf8")).map((text) => `${file}: ${text}`));
    expect(cut).toEqual([]);
    expect(site.html.some((file) => readFileSync(join(site.out, file), "utf8").includes("<svg"))).toBe(true);
  });
});

describe("what the pagebreaks fixture provokes", () => {
  let site: Built;
  let demand: PageFacts[];
  let pack: PageFacts[];
  beforeAll(async () => {
    site = await built("pagebreaks");
    demand = await pageFacts(join(site.out, "meetings/2025-01-23/02-demand/02-demand.pdf"));
    pack = await pageFacts(join(site.out, site.pdfs.find((f) => f.includes("agenda-pack"))!));
  }, 900_000);

  it("prints a heading on the landscape page of the table it introduces", () => {
    const heading = demand.find((p) => p.firstLine?.text === "3. Calls by month");
    expect(heading?.landscape).toBe(true);
    expect(heading?.firstLine?.kind).toBe("heading");
  });

  it("repeats a long table's header row on the pages it continues on", () => {
    const continued = demand.filter((p) => p.firstLine?.kind === "table-header" && p.firstLine.text.startsWith("Ward 2023/24"));
    expect(continued.length).toBeGreaterThanOrEqual(1);
  });

  it("prints the eight-column table landscape, with nothing shrunk to fit", async () => {
    const contracts = demand.find((p) => p.firstLine?.text.startsWith("Figure 3 Contracts"));
    expect(contracts?.landscape).toBe(true);
    // Chromium shrinks every page of a document with anything too wide: the item's banner is then under 17 pt.
    expect(await bannerSize(join(site.out, "meetings/2025-01-23/02-demand/02-demand.pdf"))).toBeCloseTo(17, 1);
  });

  it("keeps the landscape tables and what lies between them together, not turning the page back and forth", () => {
    const attendance = pack.filter((p) => p.header.includes("Agenda item 4"));
    expect(attendance.filter((p) => p.landscape).length).toBeGreaterThanOrEqual(3);
    // Portrait text, the landscape run, the portrait end of the report, the landscape appendix: three turns.
    const turns = attendance.slice(1).filter((p, i) => p.landscape !== attendance[i]!.landscape).length;
    expect(turns).toBeLessThanOrEqual(3);
  });

  it("draws long bar labels beside horizontal bars, in lines, and lists the legend in the order of the bars", () => {
    const page = readFileSync(join(site.out, "meetings/2025-01-23/03-contact/index.html"), "utf8");
    const svg = /<svg[^>]*aria-labelledby="fig-channels-chart[\s\S]*?<\/svg>/.exec(page)?.[0] ?? "";
    expect(svg).toContain("<tspan>Report a road traffic</tspan>");
    // The first category's bars, top to bottom, and the legend, top to bottom: the series in the order of the chart's y.
    const bars = [...svg.matchAll(/<path d="M0,([\d.]+)h[^"]*" fill="(#[0-9A-F]{6})"/g)].slice(0, 3).sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(bars.map((m) => m[2])).toEqual(["#12436D", "#28A197", "#801650"]);
    const legend = [...svg.matchAll(/<text[^>]*fill="#000"[^>]*>(?:<tspan>)?([^<]+)</g)].map((m) => m[1]);
    expect(legend).toEqual(["Telephone (101)", "Online form or web chat", "Front counter at a police"]);
    expect(Number(/<svg[^>]*width="(\d+)/.exec(svg)?.[1])).toBeLessThanOrEqual(657); // no wider than the page: printed at full size
  });
});

describe("a table too wide for its page", () => {
  const dir = mkdtempSync(join(tmpdir(), "panelpress-too-wide-"));
  let printer: Printer;
  beforeAll(async () => {
    mkdirSync(join(dir, "assets"));
    copyFileSync(join(ROOT, "templates", "assets", "print.css"), join(dir, "assets", "print.css"));
    printer = await Printer.launch(dir, "2025-01-23T00:00:00Z", printFonts(ROOT));
  }, 120_000);
  afterAll(async () => {
    await printer?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A print document with one paper body holding an eight-column table of cells that cannot wrap: too wide for portrait, not for landscape. */
  function printDocument(file: string, wide: boolean): string {
    const cells = Array.from({ length: 8 }, (_, i) => `<td class="nowrap">KPC/CR/2019/${1000 + i}</td>`).join("");
    writeFileSync(
      join(dir, file),
      `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>t</title><link rel="stylesheet" href="assets/print.css">` +
        `<style>@page item-2-wide { size: A4 landscape; } #item-2 .figure-wide { page: item-2-wide; }</style></head><body>` +
        `<section class="print-item" id="item-2" style="page: item-2"><div class="paper-body"><p>Text.</p>` +
        `<figure class="figure figure-table${wide ? " figure-wide" : ""}" id="fig-contracts"><table class="data-table"><caption>Contracts</caption><tbody><tr>${cells}</tr></tbody></table></figure>` +
        `</div></section></body></html>`,
    );
    return file;
  }

  it("is reported by its id and its item, with the page's width", async () => {
    const { overflows } = await printer.inspect(printDocument("portrait.html", false));
    expect(overflows).toEqual([expect.objectContaining({ id: "fig-contracts", item: "item-2", landscape: false })]);
    expect(overflows[0]!.width).toBeGreaterThan(overflows[0]!.available);
    const { message, hint } = overflowProblem("meetings/2025-01-23/02-demand/02-demand.pdf", overflows[0]!);
    expect(message).toMatch(/^meetings\/2025-01-23\/02-demand\/02-demand\.pdf: 'contracts' in agenda item 2 is \d+ px wide, wider than its portrait page/);
    expect(hint).toContain("wide: true");
  });

  it("is reported by the print itself", async () => {
    const result = await printer.print({ source: printDocument("printed.html", false), output: "printed.pdf", sections: [] });
    expect(result.overflows.map((o) => o.id)).toEqual(["fig-contracts"]);
  });

  it("is measured the same first, after a document of its page size, and after one of another size", async () => {
    // The printer loads a document at the last one's content width (src/print/print.ts inspect()).
    const fresh = await Printer.launch(dir, "2025-01-23T00:00:00Z", printFonts(ROOT));
    try {
      const first = await fresh.inspect(printDocument("measure-1.html", false));
      expect(first.reading.geometry.portrait.width).toBeLessThan(700); // not the default 800 px viewport
      const again = await fresh.inspect(printDocument("measure-2.html", false));
      writeFileSync(join(dir, "a5.html"), readFileSync(join(dir, "measure-1.html"), "utf8").replace("<style>", "<style>@page { size: A5; margin: 10mm; } "));
      const a5 = await fresh.inspect("a5.html");
      expect(a5.reading.geometry.portrait.width).toBeLessThan(first.reading.geometry.portrait.width - 50);
      const afterA5 = await fresh.inspect(printDocument("measure-3.html", false));
      for (const later of [again, afterA5]) expect(later).toEqual(first);
    } finally {
      await fresh.close();
    }
  });

  it("is not reported once it prints landscape and fits", async () => {
    expect((await printer.inspect(printDocument("landscape.html", true))).overflows).toEqual([]);
  });

  it("is reported when it comes in an edit printed from the last print's layout, which lays out only the changed body", async () => {
    // Two papers; the second gains the table. The first print leaves a layout hint; the edit's print measures only the second body.
    const table = (wide: boolean) => readFileSync(join(dir, printDocument(`table-${wide}.html`, wide)), "utf8").match(/<figure[\s\S]*<\/figure>/)![0];
    const twoPapers = (file: string, added: string) => {
      const item = (n: number, body: string) => `<section class="print-item" id="item-${n}" style="page: item-${n}"><h2>Item ${n}</h2><div class="paper-body"><p>Text of item ${n}.</p>${body}</div></section>`;
      writeFileSync(
        join(dir, file),
        `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title><link rel="stylesheet" href="assets/print.css">` +
          `<style>@page item-2-wide { size: A4 landscape; } #item-2 .figure-wide { page: item-2-wide; }</style></head><body>${item(1, "")}${item(2, added)}</body></html>`,
      );
      return { source: file, output: "edited.pdf", sections: [] };
    };
    printer.cache = new PrintCache(join(dir, "cache"), "salt");
    try {
      const first = await printer.print(twoPapers("edited-1.html", "<p>More.</p>"));
      expect([first.measuredBodies, first.overflows]).toEqual([2, []]);
      const tooWide = await printer.print(twoPapers("edited-2.html", table(false)));
      expect(tooWide.overflows.map((o) => [o.id, o.item])).toEqual([["fig-contracts", "item-2"]]);
      expect(tooWide.measuredBodies).toBe(1);
      // The table made landscape: a changed body with landscape pages is laid out with the whole document, and prints as without a hint.
      const landscape = await printer.print(twoPapers("edited-3.html", table(true)));
      expect([landscape.measuredBodies, landscape.overflows]).toEqual([2, []]);
      printer.cache = undefined;
      await printer.print({ ...twoPapers("edited-3.html", table(true)), output: "unhinted.pdf" });
      expect(readFileSync(join(dir, "edited.pdf")).equals(readFileSync(join(dir, "unhinted.pdf")))).toBe(true);
    } finally {
      printer.cache = undefined;
    }
  });

  it("is reported when an image replaced under the same name makes it, though the HTML printed from the last print's layout is the same", async () => {
    const file = "image.html";
    writeFileSync(
      join(dir, file),
      `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title><link rel="stylesheet" href="assets/print.css"></head><body>` +
        `<section class="print-item" id="item-2" style="page: item-2"><h2>Item 2</h2><div class="paper-body"><p>Text.</p><figure id="fig-map"><img src="map.png" alt="Map"></figure></div></section></body></html>`,
    );
    printer.cache = new PrintCache(join(dir, "image-cache"), "salt");
    try {
      writeFileSync(join(dir, "map.png"), png({ width: 40, height: 10 }));
      expect((await printer.print({ source: file, output: "image.pdf", sections: [] })).overflows).toEqual([]);
      writeFileSync(join(dir, "map.png"), png({ width: 2000, height: 10 }));
      const wider = await printer.print({ source: file, output: "image.pdf", sections: [] });
      expect(wider.overflows.map((o) => o.id)).toEqual(["fig-map"]);
      expect(wider.measuredBodies).toBe(1); // the whole document: its one body is not the one the hint knows
    } finally {
      printer.cache = undefined;
    }
  });
});

/** The size (pt) of the "Agenda item" banner on a PDF's first page, as printed. */
async function bannerSize(pdf: string): Promise<number> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const items = (await (await doc.getPage(1)).getTextContent()).items;
    const sizes = items.flatMap((item) => ("str" in item && item.str.startsWith("Agenda item") ? [Math.abs(item.transform[3] as number)] : []));
    return Math.max(...sizes);
  } finally {
    await doc.destroy();
  }
}
