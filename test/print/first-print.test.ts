/**
 * The first print from a layout hint (src/print/print.ts): it starts, with the moves the last print had,
 * while the document is measured, and is kept only if measuring gives those very moves. When the layout has
 * changed it is dropped and the document printed again: the PDF is still a clean build's. (That it is kept
 * when nothing moved is in test/print/reprint.test.ts, build 7.) On the one-paper fixture.
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../src/pipeline/index.ts";
import { parseJson, seal, unseal } from "../../src/print/cache.ts";
import { edit, fileHashes, fixtureProject } from "../helpers.ts";

const MEETING = "2025-03-06";
const PACK_PDF = `meetings/${MEETING}/agenda-pack-${MEETING}.pdf`;
const HINT_FORMAT = "panelpress-layout-hint/1";

async function buildInto(project: string, clean: boolean) {
  process.env.PANELPRESS_PRINT_JOBS = "2";
  process.env.SOURCE_DATE_EPOCH = "1670457600";
  const out = join(mkdtempSync(join(tmpdir(), "panelpress-first-print-")), "site");
  const outcome = await build({ root: project, outDir: out, pdf: true, clean, log: () => {} });
  expect(outcome.published, outcome.problems.format(project)).toBe(true);
  return { prints: outcome.prints, hashes: new Map([...fileHashes(out)].filter(([file]) => file.endsWith(".pdf"))) };
}

describe("the first print from a layout hint", () => {
  it("is dropped when the moves it was started with are not the document's, and the PDF is a clean build's", { timeout: 300_000 }, async () => {
    const project = fixtureProject("small");
    await buildInto(project, true);

    // Every hint now says its last print moved a block its document does not move.
    const hints = join(project, ".panelpress-cache", "pdf", "layout");
    let forged = 0;
    for (const name of readdirSync(hints)) {
      const body = unseal(HINT_FORMAT, readFileSync(join(hints, name), "utf8"));
      const value = body === undefined ? undefined : (parseJson(body) as { key: string; hint: { printed?: { moves: unknown[]; measure: number } } });
      if (!value?.hint.printed) continue;
      expect(value.hint.printed.moves).toEqual([]);
      value.hint.printed.moves = [{ body: 0, index: 1, page: "item-2" }];
      writeFileSync(join(hints, name), seal(HINT_FORMAT, JSON.stringify(value)));
      forged++;
    }
    expect(forged).toBeGreaterThan(0);

    // A word more: the same pages, so one pass; but the first print was started with the forged move: dropped.
    edit(project, `content/meetings/${MEETING}/papers/02-libraries.md`, "savings set out in", "savings that are set out in");
    const edited = await buildInto(project, false);
    const pack = edited.prints.find((p) => p.output === PACK_PDF)!;
    expect(pack.cached).toBe(false);
    expect(pack.passes).toBe(1);
    expect(pack.prints).toBe(2);
    expect(edited.hashes).toEqual((await buildInto(project, true)).hashes);
  });
});
