/**
 * The pipeline, top to bottom:
 *
 *   content/ + data/ ──load, validate, build──▶ SiteView ──render (Eleventy)──▶ HTML in a fresh directory
 *        │                                                                       │
 *        └── problems? stop: nothing is written                                  ▼
 *                                              print (Chromium): PDFs, measured page ranges
 *                                                                                │
 *                                    fill page ranges into HTML, write manifest ─┤
 *                                                                                ▼
 *                                     publish: swap the fresh directory into place (_site/)
 *
 * A failed or interrupted build never touches the last good output.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { buildSite } from "./build.ts";
import { printFonts, renderSite } from "./render.ts";
import { createRenderer } from "../site/nunjucks.ts";
import { Printer, type PrintJob, type PrintResult } from "../print/print.ts";
import { PrintCache, hashTree } from "../print/cache.ts";
import { setChartCache } from "../charts/chart.ts";
import { fillPageRefs, type PageRanges } from "../print/page-refs.ts";
import { buildManifest } from "./manifest.ts";
import { findLeaks } from "../exempt/leak-check.ts";
import type { Problems } from "./problems.ts";
import type { SiteView } from "../model/view.ts";

export interface RunOptions {
  root: string;
  outDir: string;
  pdf: boolean;
  /** Members' build: exempt items, appendices and values included and marked NOT FOR PUBLICATION. */
  restricted?: boolean;
  /** Print every PDF afresh: the print cache is not read (it is refreshed). */
  clean?: boolean;
  log: (message: string) => void;
}

export interface BuildOutcome {
  problems: Problems;
  site?: SiteView;
  prints: PrintResult[];
  published: boolean;
}

/** Check only: load, validate and build the model; render nothing. */
export async function check(root: string): Promise<{ problems: Problems; site: SiteView }> {
  const { problems, site } = await buildSite({ root, builtAt: buildTime(root), renderer: createRenderer(root), renderCharts: false });
  return { problems, site };
}

export async function build(options: RunOptions): Promise<BuildOutcome> {
  const root = resolve(options.root);
  const outDir = resolve(root, options.outDir);
  const builtAt = buildTime(root);
  const renderer = createRenderer(root);

  // 1. Load, validate, build.
  options.log("Checking content");
  const restricted = Boolean(options.restricted);
  setChartCache(options.clean ? undefined : join(root, ".panelpress-cache", "svg"));
  const { site, problems, downloads, exemptStrings, publicText } = await buildSite({ root, builtAt, renderer, restricted });
  if (problems.errorCount > 0) return { problems, site, prints: [], published: false };

  // 2. Render into a fresh directory beside the output, so the final step is a rename.
  const staging = `${outDir}.panelpress-tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    options.log("Rendering HTML");
    await renderSite({ root, outDir: staging, site, renderer, downloads });

    // 3. Print: one PDF per paper, one agenda pack per meeting.
    const prints: PrintResult[] = [];
    const packRanges = new Map<string, PageRanges>();
    if (options.pdf) {
      const printer = await Printer.launch(staging, builtAt, printFonts(root));
      try {
        printer.cache = new PrintCache(join(root, ".panelpress-cache", "pdf"), await cacheSalt(root, staging, builtAt, await printer.version()), !options.clean);
        const jobs: PrintJob[] = site.meetings.flatMap((meeting) => [
          {
            source: `_print/${meeting.id}/pack.html`,
            output: meeting.packPdf.slice(1),
            sections: [...meeting.publicItems, ...meeting.exemptItems].filter((i) => i.paper).map((i) => i.anchor),
          },
          ...meeting.papers.map((paper) => ({ source: `_print/${meeting.id}/${paper.slug}.html`, output: paper.pdf.slice(1), sections: [] })),
        ]);
        options.log(`Printing ${jobs.length} PDFs`);
        // Concurrent tabs of one browser; each PDF is deterministic, so the order of printing does not matter.
        const done = await printer.printAll(jobs, printConcurrency(), (result) =>
          options.log(`  ${result.output}: ${result.pages} pages, ${result.cached ? "unchanged (from the print cache)" : `${result.passes} pass${result.passes > 1 ? "es" : ""} (${result.seconds.map((t) => `${t.toFixed(2)} s`).join(", ")})`}`),
        );
        prints.push(...done);
        for (const meeting of site.meetings) {
          const pack = done.find((result) => result.output === meeting.packPdf.slice(1));
          if (pack) packRanges.set(meeting.id, pack.ranges);
        }
      } finally {
        await printer.close();
      }
      for (const result of prints) {
        for (const url of result.blocked) {
          problems.error(join(root, "content"), undefined, "print/blocked", `${result.output} asked for ${url}, which was not included: print documents may only use files the build makes`, "put images in the project and refer to them by a relative path; remote and local-system files are never fetched");
        }
      }
      if (problems.errorCount > 0) return { problems, site, prints, published: false };
    }

    // 4. Page ranges into the meeting pages; the manifest.
    for (const meeting of site.meetings) {
      const file = join(staging, "meetings", meeting.id, "index.html");
      writeFileSync(file, fillPageRefs(readFileSync(file, "utf8"), packRanges.get(meeting.id) ?? new Map()));
    }
    writeFileSync(join(staging, "manifest.json"), `${JSON.stringify(buildManifest(site, prints, packRanges), null, 2)}\n`);
    // The print documents are intermediate files; PANELPRESS_KEEP_PRINT=1 keeps them for debugging layouts.
    if (!process.env.PANELPRESS_KEEP_PRINT) rmSync(join(staging, "_print"), { recursive: true, force: true });

    // 5. The leak check: the public output may contain no word of exempt material. It is not optional.
    if (!restricted) {
      options.log("Checking the public output for exempt material");
      for (const leak of await findLeaks(staging, exemptStrings, publicText)) {
        problems.error(join(root, "content"), undefined, "exempt/leak", `exempt material found in the public output: ${leak.file} (${leak.where}) contains "${leak.phrase.slice(0, 100)}"`, "a template or paper is publishing exempt text; nothing was published");
      }
      if (problems.errorCount > 0) return { problems, site, prints, published: false };
    }

    // 6. Publish: swap the staged site into place.
    const previous = `${outDir}.panelpress-old-${process.pid}`;
    if (existsSync(outDir)) renameSync(outDir, previous);
    renameSync(staging, outDir);
    rmSync(previous, { recursive: true, force: true });
    return { problems, site, prints, published: true };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** How many documents print at once: PANELPRESS_PRINT_JOBS, else the number of cores (at most 4). */
function printConcurrency(): number {
  const set = Number(process.env.PANELPRESS_PRINT_JOBS);
  return Number.isInteger(set) && set > 0 ? set : Math.min(4, availableParallelism());
}

/** Everything but the document that a PDF depends on (see src/print/cache.ts). */
async function cacheSalt(root: string, staging: string, builtAt: string, chromium: string): Promise<string> {
  const hash = hashTree(join(staging, "assets"));
  hashTree(join(root, "src", "print"), hash);
  for (const file of ["package.json", "package-lock.json"]) if (existsSync(join(root, file))) hash.update(readFileSync(join(root, file)));
  return hash.update(chromium).update(builtAt).digest("hex");
}

/**
 * The build time stamped into outputs: SOURCE_DATE_EPOCH if set, else the time of the last commit,
 * so the same commit always builds the same bytes.
 */
export function buildTime(root: string): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  try {
    const seconds = execFileSync("git", ["log", "-1", "--format=%ct"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    if (/^\d+$/.test(seconds)) return new Date(Number(seconds) * 1000).toISOString();
  } catch {
    // Not a git checkout: fall through to a fixed date.
  }
  return new Date(0).toISOString();
}
