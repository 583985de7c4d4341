/**
 * The print cache and parallel printing: byte-identical output whatever the order or concurrency of
 * printing, and whatever the cache holds; after an edit exactly the dependent PDFs are reprinted.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../src/pipeline/index.ts";
import { copyProject, edit, fileHashes } from "../helpers.ts";

async function buildInto(project: string, options: { clean: boolean; jobs: number }) {
  process.env.PANELPRESS_PRINT_JOBS = String(options.jobs);
  process.env.SOURCE_DATE_EPOCH = "1670457600";
  const out = join(mkdtempSync(join(tmpdir(), "panelpress-cache-")), "site");
  const outcome = await build({ root: project, outDir: out, pdf: true, clean: options.clean, log: () => {} });
  expect(outcome.published, outcome.problems.format(project)).toBe(true);
  const printed = outcome.prints.filter((p) => !p.cached).map((p) => p.output).sort();
  return { out, printed, hashes: new Map([...fileHashes(out)].filter(([file]) => file.endsWith(".pdf"))) };
}

describe("print cache and parallel printing", () => {
  it("gives the same bytes serially, in parallel, from the cache, and after an edit", { timeout: 900_000 }, async () => {
    const project = copyProject();
    const serial = await buildInto(project, { clean: true, jobs: 1 });
    const parallel = await buildInto(project, { clean: true, jobs: 2 });
    expect(parallel.hashes).toEqual(serial.hashes);

    const warm = await buildInto(project, { clean: false, jobs: 2 });
    expect(warm.printed).toEqual([]); // nothing changed: every PDF from the cache
    expect(warm.hashes).toEqual(serial.hashes);

    // A data edit in one paper: that paper and the pack are reprinted, nothing else.
    edit(project, "data/meetings/2022-12-08/10-outturn.yaml", "actual: 420.00", "actual: 520.00");
    edit(project, "data/meetings/2022-12-08/10-outturn.yaml", "actual: 29671.80", "actual: 29771.80");
    const edited = await buildInto(project, { clean: false, jobs: 2 });
    expect(edited.printed).toEqual(["meetings/2022-12-08/10-outturn/10-outturn.pdf", "meetings/2022-12-08/agenda-pack-2022-12-08.pdf"]);
    const fresh = await buildInto(project, { clean: true, jobs: 2 });
    expect(edited.hashes).toEqual(fresh.hashes);
    expect(edited.hashes.get("meetings/2022-12-08/10-outturn/10-outturn.pdf")).not.toEqual(serial.hashes.get("meetings/2022-12-08/10-outturn/10-outturn.pdf"));

    // A template edit invalidates every print that uses it.
    edit(project, "templates/assets/print.css", "h2 { font-size: 15pt;", "h2 { font-size: 15.5pt;");
    const restyled = await buildInto(project, { clean: false, jobs: 2 });
    expect(restyled.printed.length).toBe(serial.hashes.size);
  });
});
