/**
 * Print one meeting's agenda pack from an existing build folder (kept print documents:
 * PANELPRESS_KEEP_PRINT=1), with measured page ranges and no print cache. Used by the benchmark.
 *   node --import tsx scripts/print-pack.ts <build-dir> <meeting-id>
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Printer } from "../src/print/print.ts";
import { printFonts } from "../src/pipeline/render.ts";

const [dir, meeting] = process.argv.slice(2);
if (!dir || !meeting) throw new Error("usage: print-pack.ts <build-dir> <meeting-id>");
const outDir = resolve(dir);
const manifest = JSON.parse(readFileSync(join(outDir, "manifest.json"), "utf8")) as { meetings: Array<{ id: string; items: Array<{ number: number; pages: unknown }> }> };
const items = manifest.meetings.find((m) => m.id === meeting)!.items.filter((i) => i.pages).map((i) => `item-${i.number}`);
const printer = await Printer.launch(outDir, new Date(0).toISOString(), printFonts(resolve(import.meta.dirname, "..")));
try {
  await printer.print({ source: `_print/${meeting}/pack.html`, output: `bench-pack-${meeting}.pdf`, sections: items });
} finally {
  await printer.close();
}
if (process.env.PANELPRESS_RSS_FILE) writeFileSync(process.env.PANELPRESS_RSS_FILE, String(process.resourceUsage().maxRSS));
