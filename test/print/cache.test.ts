/**
 * The print cache and parallel printing: byte-identical output whatever the order or concurrency of
 * printing, and whatever the cache holds (a cached PDF that was tampered with is reprinted, never
 * published); after an edit exactly the dependent PDFs are reprinted. On the one-paper fixture
 * (test/fixtures/projects/small): a paper and its agenda pack, built seven times. (The print cache's
 * checks one by one are unit tests in test/pipeline/cache-tamper.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../src/pipeline/index.ts";
import { sha256 } from "../../src/print/cache.ts";
import { edit, fileHashes, fixtureProject } from "../helpers.ts";

const MEETING = "2025-03-06";
const PAPER_PDF = `meetings/${MEETING}/02-libraries/02-libraries.pdf`;
const PACK_PDF = `meetings/${MEETING}/agenda-pack-${MEETING}.pdf`;

async function buildInto(project: string, options: { clean: boolean; jobs: number }) {
  process.env.PANELPRESS_PRINT_JOBS = String(options.jobs);
  process.env.SOURCE_DATE_EPOCH = "1670457600";
  const out = join(mkdtempSync(join(tmpdir(), "panelpress-cache-")), "site");
  const outcome = await build({ root: project, outDir: out, pdf: true, clean: options.clean, log: () => {} });
  expect(outcome.published, outcome.problems.format(project)).toBe(true);
  const printed = outcome.prints.filter((p) => !p.cached).map((p) => p.output).sort();
  const built = (outcome.site?.meetings ?? []).map((m) => m.id);
  return { out, printed, built, hashes: new Map([...fileHashes(out)].filter(([file]) => file.endsWith(".pdf"))) };
}

describe("print cache and parallel printing", () => {
  it("gives the same bytes serially, in parallel, from the cache, from a tampered cache, and after an edit", { timeout: 900_000 }, async () => {
    const project = fixtureProject("small");
    const serial = await buildInto(project, { clean: true, jobs: 1 });
    expect([...serial.hashes.keys()].sort()).toEqual([PAPER_PDF, PACK_PDF]);
    expect(serial.printed).toEqual([PAPER_PDF, PACK_PDF]);

    const warm = await buildInto(project, { clean: false, jobs: 2 });
    expect(warm.printed).toEqual([]); // nothing changed: every PDF from the cache
    expect(warm.hashes).toEqual(serial.hashes);

    // A cached PDF changed (found by its content: the print cache names entries by key), and the meeting
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

    // A data edit in the paper: the paper and the pack are reprinted, at once (two jobs), and they are
    // what a clean build printing one at a time makes.
    edit(project, `data/meetings/${MEETING}/02-libraries.yaml`, "y2425: 190550", "y2425: 190650");
    const edited = await buildInto(project, { clean: false, jobs: 2 });
    expect(edited.printed).toEqual([PAPER_PDF, PACK_PDF]);
    const fresh = await buildInto(project, { clean: true, jobs: 1 });
    expect(fresh.printed).toEqual([PAPER_PDF, PACK_PDF]);
    expect(edited.hashes).toEqual(fresh.hashes);
    expect(edited.hashes.get(PAPER_PDF)).not.toEqual(serial.hashes.get(PAPER_PDF));

    // An edit to the meeting (not to the paper): the pack is reprinted, the paper comes from the cache.
    edit(project, `content/meetings/${MEETING}/meeting.yaml`, "  - title: Apologies\n", "  - title: Apologies and Substitutions\n");
    const agendaEdit = await buildInto(project, { clean: false, jobs: 2 });
    expect(agendaEdit.printed).toEqual([PACK_PDF]);
    expect(agendaEdit.hashes.get(PAPER_PDF)).toEqual(edited.hashes.get(PAPER_PDF));

    // A template edit invalidates every print that uses it.
    edit(project, "templates/assets/print.css", "h2 { font-size: 15pt;", "h2 { font-size: 15.5pt;");
    const restyled = await buildInto(project, { clean: false, jobs: 2 });
    expect(restyled.printed.length).toBe(serial.hashes.size);
  });
});
