/**
 * Printing only what changed (src/print/cache.ts, the layout hint): after an edit that moves no item's
 * pages the agenda pack is printed once, its page ranges taken from the last print and checked by this
 * one; after an edit that does move them it is printed again. Either way the PDFs are, byte for byte, a
 * clean build's. And an image replaced under the same name reprints the PDFs that show it (its HTML is
 * unchanged). On the one-paper fixture (test/fixtures/projects/small).
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { build } from "../../src/pipeline/index.ts";
import { edit, fileHashes, fixtureProject } from "../helpers.ts";

const MEETING = "2025-03-06";
const PAPER = `content/meetings/${MEETING}/papers/02-libraries.md`;
const PAPER_PDF = `meetings/${MEETING}/02-libraries/02-libraries.pdf`;
const PACK_PDF = `meetings/${MEETING}/agenda-pack-${MEETING}.pdf`;

async function buildInto(project: string, clean: boolean) {
  process.env.PANELPRESS_PRINT_JOBS = "2";
  process.env.SOURCE_DATE_EPOCH = "1670457600";
  const out = join(mkdtempSync(join(tmpdir(), "panelpress-hint-")), "site");
  const outcome = await build({ root: project, outDir: out, pdf: true, clean, log: () => {} });
  expect(outcome.published, outcome.problems.format(project)).toBe(true);
  const printed = new Map(outcome.prints.filter((p) => !p.cached).map((p) => [p.output, p]));
  return { printed, hashes: new Map([...fileHashes(out)].filter(([file]) => file.endsWith(".pdf"))) };
}

/** A one-pixel PNG of one colour. */
function png(rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]); // 1 × 1, 8-bit RGB
  return Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.from([0, ...rgb]))), chunk("IEND", Buffer.alloc(0))]);
}

describe("printing from the last print's layout", () => {
  it("prints the pack once when no item's pages moved, again when they did, and always a clean build's bytes", { timeout: 900_000 }, async () => {
    const project = fixtureProject("small");
    const first = await buildInto(project, true);
    expect(first.printed.get(PACK_PDF)!.passes).toBeGreaterThanOrEqual(2); // placeholders first: no layout to start from

    // A word more in a paragraph: the same pages. The pack is printed once, with the ranges of the last print.
    edit(project, PAPER, "savings set out in", "savings that are set out in");
    const small = await buildInto(project, false);
    expect([...small.printed.keys()].sort()).toEqual([PAPER_PDF, PACK_PDF]);
    expect(small.printed.get(PACK_PDF)!.passes).toBe(1);
    const smallClean = await buildInto(project, true);
    expect(smallClean.printed.get(PACK_PDF)!.passes).toBeGreaterThanOrEqual(2);
    expect(small.hashes).toEqual(smallClean.hashes);
    expect(small.hashes.get(PAPER_PDF)).not.toEqual(first.hashes.get(PAPER_PDF));

    // Pages of new text: the pack grows, the kept ranges are wrong, and the first print shows it: printed again.
    const pages = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of the added text, long enough to fill a line or two of the printed page and so to push the recommendation onwards.`).join("\n\n");
    edit(project, PAPER, "## Recommendation", `${pages}\n\n## Recommendation`);
    const grown = await buildInto(project, false);
    expect(grown.printed.get(PACK_PDF)!.passes).toBeGreaterThanOrEqual(2);
    expect(grown.printed.get(PACK_PDF)!.pages).toBeGreaterThan(small.printed.get(PACK_PDF)!.pages);
    const grownClean = await buildInto(project, true);
    expect(grown.hashes).toEqual(grownClean.hashes);

    // A damaged hint is no hint: the pack is laid out from scratch, and is the same.
    const hints = join(project, ".panelpress-cache", "pdf", "layout");
    for (const [file] of fileHashes(hints)) writeFileSync(join(hints, file), readFileSync(join(hints, file), "utf8").replace(/\d+\]\]/, "99]]"));
    edit(project, PAPER, "longer Saturday opening", "longer Saturday opening hours");
    const damaged = await buildInto(project, false);
    expect(damaged.printed.get(PACK_PDF)!.passes).toBeGreaterThanOrEqual(2);
    expect(damaged.hashes).toEqual((await buildInto(project, true)).hashes);
  });

  it("reprints the PDFs that show an image replaced under the same name", { timeout: 900_000 }, async () => {
    const project = fixtureProject("small");
    writeFileSync(join(project, `content/meetings/${MEETING}/papers/plan.png`), png([200, 30, 30]));
    edit(project, PAPER, "## Recommendation", "![Plan of the library](plan.png)\n\n## Recommendation");
    const red = await buildInto(project, false);
    expect([...red.printed.keys()].sort()).toEqual([PAPER_PDF, PACK_PDF]);
    writeFileSync(join(project, `content/meetings/${MEETING}/papers/plan.png`), png([30, 30, 200]));
    const blue = await buildInto(project, false);
    expect([...blue.printed.keys()].sort()).toEqual([PAPER_PDF, PACK_PDF]);
    expect(blue.hashes.get(PAPER_PDF)).not.toEqual(red.hashes.get(PAPER_PDF));
    expect(blue.hashes).toEqual((await buildInto(project, true)).hashes);
  });
});
