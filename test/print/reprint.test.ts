/**
 * Reprinting exactly what changed (src/print/cache.ts, the print cache and its layout hint), and printing
 * in parallel: whatever the order or concurrency of printing, and whatever the cache holds (a cached PDF
 * that was tampered with is reprinted, never published), the PDFs are byte for byte a clean build's; after
 * an edit exactly the dependent PDFs are reprinted; after an edit that moves no item's pages the agenda
 * pack is printed once, its page ranges taken from the last print and checked by this one, and after one
 * that does move them it is printed again. On the one-paper fixture (test/fixtures/projects/small): a
 * paper and its agenda pack. (The print cache's checks one by one are unit tests in
 * test/pipeline/cache-tamper.test.ts; the hint's in test/print/layout-hint-unit.test.ts.)
 *
 * One project, thirteen builds in a row (from seventeen in the two files this one replaces). Each
 * incremental build has a single cause of reprinting, so that every "reprinted" and "from the cache" below
 * still fails when the detection it guards breaks; builds share only what cannot mask one another:
 *
 *    1  clean, one job at a time, with an image in the paper: the serial bytes everything below is held
 *       to; a pack's first print takes two passes or more (no layout to start from); the image's first print
 *    2  unchanged: nothing printed, the same bytes as 1 (meeting cache)
 *    3  a cached PDF tampered with, the meeting cache made to miss: that PDF reprinted, the pack from the
 *       print cache, the same bytes as 1
 *    4  a data edit, two jobs: paper and pack reprinted
 *    5  clean, one job: what 4 printed in parallel, byte for byte
 *    6  an edit to meeting.yaml: only the pack reprinted, the paper from the cache
 *    7  a word more in a paragraph: paper and pack reprinted, the pack in one pass (the hint's ranges)
 *    8  clean: what 7 printed
 *    9  pages of added text: the pack printed again (two passes or more) and longer
 *   10  clean: what 9 printed
 *   11  the image replaced under the same name (the same HTML) and the layout hints damaged: paper and
 *       pack reprinted (the image alone causes it: damaged hints reprint nothing), the pack in two passes
 *       or more (the image alone leaves the layout as it was, so a sound hint would print it once)
 *   12  clean: what 11 printed (the comparison for both the image and the damaged hint)
 *   13  a template (print.css) edit: everything reprinted
 *
 * Not merged, because either would hide the other: the data edit with the word edit (an undetected data
 * edit would still be reprinted for the word), the tampered cache with the meeting.yaml edit (each needs
 * the other PDF from the cache), the template edit with anything (it reprints everything, and its new
 * salt hides every layout hint).
 */
import { describe, expect, it } from "vitest";
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../src/pipeline/index.ts";
import { sha256 } from "../../src/print/cache.ts";
import { edit, fileHashes, fixtureProject, png } from "../helpers.ts";

const MEETING = "2025-03-06";
const PAPER = `content/meetings/${MEETING}/papers/02-libraries.md`;
const IMAGE = `content/meetings/${MEETING}/papers/plan.png`;
const PAPER_PDF = `meetings/${MEETING}/02-libraries/02-libraries.pdf`;
const PACK_PDF = `meetings/${MEETING}/agenda-pack-${MEETING}.pdf`;

async function buildInto(project: string, options: { clean: boolean; jobs: number }) {
  process.env.PANELPRESS_PRINT_JOBS = String(options.jobs);
  process.env.SOURCE_DATE_EPOCH = "1670457600";
  const out = join(mkdtempSync(join(tmpdir(), "panelpress-reprint-")), "site");
  const outcome = await build({ root: project, outDir: out, pdf: true, clean: options.clean, log: () => {} });
  expect(outcome.published, outcome.problems.format(project)).toBe(true);
  const reprinted = new Map(outcome.prints.filter((p) => !p.cached).map((p) => [p.output, p]));
  return {
    /** The PDFs this build printed (not taken from a cache), sorted. */
    printed: [...reprinted.keys()].sort(),
    /** The passes and pages of each PDF printed. */
    reprinted,
    built: (outcome.site?.meetings ?? []).map((m) => m.id),
    hashes: new Map([...fileHashes(out)].filter(([file]) => file.endsWith(".pdf"))),
  };
}

/** Passes of the pack's print in a build that printed it. */
function packPasses(result: Awaited<ReturnType<typeof buildInto>>): number {
  const pack = result.reprinted.get(PACK_PDF);
  expect(pack, "the pack was printed").toBeDefined();
  return pack!.passes;
}

describe("reprinting what changed, serially and in parallel", () => {
  it("gives a clean serial build's bytes from the cache, a tampered cache, the layout hint and after every edit, reprinting exactly the dependent PDFs", { timeout: 900_000 }, async () => {
    const project = fixtureProject("small");
    const both = [PACK_PDF, PAPER_PDF].sort();

    // 1. The first print, one job at a time, with an image in the paper (replaced in build 11).
    writeFileSync(join(project, IMAGE), png({ rgb: [200, 30, 30] }));
    edit(project, PAPER, "## Recommendation", "![Plan of the library](plan.png)\n\n## Recommendation");
    const serial = await buildInto(project, { clean: true, jobs: 1 });
    expect([...serial.hashes.keys()].sort()).toEqual(both);
    expect(serial.printed).toEqual(both);
    expect(packPasses(serial)).toBeGreaterThanOrEqual(2); // placeholders first: no layout to start from
    // Every pass but the last only measured the pack: a draft (untagged, no bookmarks, about half the time).
    expect(serial.reprinted.get(PACK_PDF)!.drafts).toBe(packPasses(serial) - 1);
    expect(serial.reprinted.get(PAPER_PDF)!.drafts).toBe(0); // no page numbers to measure: its first print may be its last

    // 2. Nothing changed: every PDF from the cache.
    const warm = await buildInto(project, { clean: false, jobs: 2 });
    expect(warm.printed).toEqual([]);
    expect(warm.hashes).toEqual(serial.hashes);

    // 3. A cached PDF changed (found by its content: the print cache names entries by key), and the meeting
    // cache made to miss, so that the meeting's PDFs come from the print cache: the paper is reprinted,
    // the pack comes from the print cache, intact, and the bytes are a clean build's.
    const printCache = join(project, ".panelpress-cache", "pdf");
    const cached = readdirSync(printCache).filter((name) => name.endsWith(".pdf")).find((name) => sha256(readFileSync(join(printCache, name))) === serial.hashes.get(PAPER_PDF));
    expect(cached).toBeDefined();
    appendFileSync(join(printCache, cached!), "% appended\n");
    writeFileSync(join(project, ".panelpress-cache", "meetings", "public-pdf", MEETING, "record.json"), "{}");
    const tampered = await buildInto(project, { clean: false, jobs: 2 });
    expect(tampered.built).toEqual([MEETING]);
    expect(tampered.printed).toEqual([PAPER_PDF]);
    expect(tampered.hashes).toEqual(serial.hashes);

    // 4–5. A data edit in the paper: the paper and the pack are reprinted, at once (two jobs), and they are
    // what a clean build printing one at a time makes.
    edit(project, `data/meetings/${MEETING}/02-libraries.yaml`, "y2425: 190550", "y2425: 190650");
    const edited = await buildInto(project, { clean: false, jobs: 2 });
    expect(edited.printed).toEqual(both);
    const fresh = await buildInto(project, { clean: true, jobs: 1 });
    expect(fresh.printed).toEqual(both);
    expect(edited.hashes).toEqual(fresh.hashes);
    expect(edited.hashes.get(PAPER_PDF)).not.toEqual(serial.hashes.get(PAPER_PDF));

    // 6. An edit to the meeting (not to the paper): the pack is reprinted, the paper comes from the cache.
    edit(project, `content/meetings/${MEETING}/meeting.yaml`, "  - title: Apologies\n", "  - title: Apologies and Substitutions\n");
    const agendaEdit = await buildInto(project, { clean: false, jobs: 2 });
    expect(agendaEdit.printed).toEqual([PACK_PDF]);
    expect(agendaEdit.hashes.get(PAPER_PDF)).toEqual(edited.hashes.get(PAPER_PDF));

    // 7–8. A word more in a paragraph: the same pages. The pack is printed once, with the ranges of the last print.
    edit(project, PAPER, "savings set out in", "savings that are set out in");
    const small = await buildInto(project, { clean: false, jobs: 2 });
    expect(small.printed).toEqual(both);
    expect(packPasses(small)).toBe(1);
    const smallClean = await buildInto(project, { clean: true, jobs: 2 });
    expect(packPasses(smallClean)).toBeGreaterThanOrEqual(2);
    expect(small.hashes).toEqual(smallClean.hashes);
    expect(small.hashes.get(PAPER_PDF)).not.toEqual(agendaEdit.hashes.get(PAPER_PDF));

    // 9–10. Pages of new text: the pack grows, the kept ranges are wrong, and the first print shows it: printed again.
    const pages = Array.from({ length: 60 }, (_, i) => `Paragraph ${i + 1} of the added text, long enough to fill a line or two of the printed page and so to push the recommendation onwards.`).join("\n\n");
    edit(project, PAPER, "## Recommendation", `${pages}\n\n## Recommendation`);
    const grown = await buildInto(project, { clean: false, jobs: 2 });
    expect(packPasses(grown)).toBeGreaterThanOrEqual(2);
    expect(grown.reprinted.get(PACK_PDF)!.pages).toBeGreaterThan(small.reprinted.get(PACK_PDF)!.pages);
    const grownClean = await buildInto(project, { clean: true, jobs: 2 });
    expect(grown.hashes).toEqual(grownClean.hashes);

    // 11–12. The image replaced under the same name, so the same HTML: the PDFs that show it are reprinted.
    // And a damaged hint is no hint: the pack is laid out from scratch, and is the same.
    const hints = join(project, ".panelpress-cache", "pdf", "layout");
    let damaged = 0;
    for (const [file] of fileHashes(hints)) {
      const text = readFileSync(join(hints, file), "utf8");
      const damagedText = text.replace(/\d+\]\]/, "99]]");
      if (damagedText !== text) damaged++;
      writeFileSync(join(hints, file), damagedText);
    }
    expect(damaged).toBeGreaterThan(0); // so that the passes below are the damage's doing
    writeFileSync(join(project, IMAGE), png({ rgb: [30, 30, 200] }));
    const blue = await buildInto(project, { clean: false, jobs: 2 });
    expect(blue.printed).toEqual(both);
    expect(packPasses(blue)).toBeGreaterThanOrEqual(2);
    expect(blue.hashes.get(PAPER_PDF)).not.toEqual(grown.hashes.get(PAPER_PDF));
    expect(blue.hashes).toEqual((await buildInto(project, { clean: true, jobs: 2 })).hashes);

    // 13. A template edit invalidates every print that uses it.
    edit(project, "templates/assets/print.css", "h2 { font-size: 15pt;", "h2 { font-size: 15.5pt;");
    const restyled = await buildInto(project, { clean: false, jobs: 2 });
    expect(restyled.printed.length).toBe(serial.hashes.size);
  });
});
