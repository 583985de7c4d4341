/**
 * npm run bench: one table of build and print timings, measured side by side on this machine, with
 * medians of several runs and the peak memory of each. Writes docs/performance.md as well.
 *
 *   npm run bench [-- --meetings 60 --runs 3]
 *
 * Rows: HTML build of the example and of an N-meeting archive against plain Eleventy rendering the same
 * Markdown; the agenda pack PDF against one raw Chromium print of the same final HTML and against
 * Paged.js; a no-change rebuild and a one-paragraph edit.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import puppeteer from "puppeteer-core";
import { makeArchive } from "./make-archive.ts";
import { findChromium } from "../src/print/print.ts";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "panelpress.js");
const { values } = parseArgs({ options: { meetings: { type: "string", default: "60" }, runs: { type: "string", default: "3" } } });
const MEETINGS = Number(values.meetings);
const RUNS = Number(values.runs);
const work = mkdtempSync(join(tmpdir(), "panelpress-bench-"));

interface Measure {
  seconds: number;
  peakMb: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Run a node script as a child, timing it; the child reports its peak RSS through PANELPRESS_RSS_FILE. */
function runNode(args: string[], cwd: string, env: Record<string, string> = {}): Measure {
  const rssFile = join(work, `rss-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, env: { ...process.env, CI: "true", PANELPRESS_RSS_FILE: rssFile, ...env }, encoding: "utf8", maxBuffer: 64 << 20 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  let peakMb = 0;
  try {
    peakMb = Number(readFileSync(rssFile, "utf8")) / 1024;
  } catch {
    // the child did not report
  }
  return { seconds, peakMb };
}

function repeat(times: number, fn: () => Measure): Measure {
  const results = Array.from({ length: times }, fn);
  return { seconds: median(results.map((r) => r.seconds)), peakMb: Math.max(...results.map((r) => r.peakMb)) };
}

/** Plain Eleventy over the same Markdown: the papers and meeting files, no data builders, no checks. */
function plainEleventy(project: string): Measure {
  const input = join(work, `plain-${Math.random().toString(36).slice(2)}`);
  for (const file of walk(join(project, "content"))) {
    if (!file.endsWith(".md")) continue;
    const target = join(input, file.slice(join(project, "content").length));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
  // An empty config of its own, so the project's .eleventy.js does not apply.
  const config = join(work, "plain.config.mjs");
  writeFileSync(config, "export default function () {}\n");
  const script = `import Eleventy from "@11ty/eleventy"; import { writeFileSync } from "node:fs";
    const e = new Eleventy(${JSON.stringify(input)}, ${JSON.stringify(`${input}-out`)}, { quietMode: true, configPath: ${JSON.stringify(config)} });
    await e.write(); writeFileSync(process.env.PANELPRESS_RSS_FILE, String(process.resourceUsage().maxRSS));`;
  const file = join(ROOT, `.bench-eleventy-${process.pid}.mjs`);
  writeFileSync(file, script);
  try {
    return runNode([file], ROOT);
  } finally {
    rmSync(file, { force: true });
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Print one HTML file once with Chromium, or with Paged.js laying it out first. */
async function printOnce(html: string, mode: "raw" | "pagedjs"): Promise<Measure> {
  const browser = await puppeteer.launch({ executablePath: findChromium(), headless: true, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"] });
  try {
    const page = await browser.newPage();
    let file = html;
    if (mode === "pagedjs") {
      const polyfill = join(ROOT, "node_modules", "pagedjs", "dist", "paged.polyfill.js");
      file = html.replace(/\.html$/, ".paged.html");
      writeFileSync(file, readFileSync(html, "utf8").replace("</head>", `<script>window.PagedConfig = { auto: true, after: () => { window.pagedDone = true; } };</script><script src="file://${polyfill}"></script></head>`));
    }
    const started = performance.now();
    await page.goto(`file://${file}`, { waitUntil: "load", timeout: 0 });
    // Paged.js can take very long on a large pack: give up after ten minutes and say so.
    if (mode === "pagedjs") await page.waitForFunction("window.pagedDone === true", { timeout: 600_000, polling: 500 });
    await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout: 0 });
    return { seconds: (performance.now() - started) / 1000, peakMb: 0 };
  } finally {
    await browser.close();
  }
}

const rows: Array<[string, Measure, string]> = [];
const add = (name: string, m: Measure, note = "") => {
  rows.push([name, m, note]);
  process.stderr.write(`  ${name}: ${m.seconds.toFixed(2)} s${m.peakMb ? `, ${m.peakMb.toFixed(0)} MB` : ""} ${note}\n`);
};
const ratio = (a: Measure, b: Measure) => `${(a.seconds / b.seconds).toFixed(2)}×`;

// 1. HTML: the example, and the archive, against plain Eleventy.
const exampleHtml = repeat(RUNS, () => runNode([BIN, "build", "--no-pdf", "--out", join(work, "ex-html")], ROOT));
const examplePlain = repeat(RUNS, () => plainEleventy(ROOT));
add("HTML build, example meeting", exampleHtml, `${ratio(exampleHtml, examplePlain)} of plain Eleventy`);
add("plain Eleventy, example Markdown", examplePlain);

const archive = join(work, "archive");
makeArchive(archive, MEETINGS, 1);
const archiveHtml = runNode([BIN, "build", "--no-pdf", "--out", join(work, "ar-html")], archive);
const archivePlain = plainEleventy(archive);
add(`HTML build, ${MEETINGS}-meeting archive (cold caches)`, archiveHtml, `${ratio(archiveHtml, archivePlain)} of plain Eleventy`);
add(`plain Eleventy, ${MEETINGS}-meeting archive Markdown`, archivePlain);
const archiveNoChange = runNode([BIN, "build", "--no-pdf", "--out", join(work, "ar-html")], archive);
add(`no-change rebuild, ${MEETINGS}-meeting archive (HTML)`, archiveNoChange);
const paper = join(archive, "content", "meetings", readdirSync(join(archive, "content", "meetings")).sort().pop()!, "papers", "10-outturn.md");
writeFileSync(paper, readFileSync(paper, "utf8").replace("## Introduction\n\n", "## Introduction\n\nOne edited paragraph for the benchmark.\n\n"));
add(`one-paragraph edit, ${MEETINGS}-meeting archive (HTML)`, runNode([BIN, "build", "--no-pdf", "--out", join(work, "ar-html")], archive));

// 2. PDF: the example with measured page ranges, against one raw print and Paged.js.
const cleanPdf = runNode([BIN, "build", "--clean", "--out", join(work, "ex-pdf")], ROOT, { PANELPRESS_KEEP_PRINT: "1", PANELPRESS_PRINT_JOBS: "1" });
add("full build of the example, HTML and all PDFs, clean", cleanPdf);
const warm = runNode([BIN, "build", "--out", join(work, "ex-pdf")], ROOT, { PANELPRESS_KEEP_PRINT: "1" });
add("no-change rebuild of the example, HTML and PDFs (print cache)", warm, `${(cleanPdf.seconds / warm.seconds).toFixed(1)}× faster than clean`);
const packHtml = join(work, "ex-pdf", "_print", "2022-12-08", "pack.filled.html");
const packOurs = repeat(RUNS, () => runNode(["--import", "tsx", join(ROOT, "scripts", "print-pack.ts"), join(work, "ex-pdf"), "2022-12-08"], ROOT));
add("agenda pack PDF, measured page ranges (two passes)", packOurs);
const raw: Measure[] = [];
for (let i = 0; i < RUNS; i++) raw.push(await printOnce(packHtml, "raw"));
const rawMedian = { seconds: median(raw.map((r) => r.seconds)), peakMb: 0 };
add("agenda pack, one raw Chromium print of the final HTML", rawMedian, `ours is ${ratio(packOurs, rawMedian)} of this`);
try {
  const paged = await printOnce(packHtml, "pagedjs");
  add("agenda pack with Paged.js (polyfill, same Chromium)", paged, `ours is ${(paged.seconds / packOurs.seconds).toFixed(1)}× faster`);
} catch (error) {
  add("agenda pack with Paged.js (polyfill, same Chromium)", { seconds: 600, peakMb: 0 }, `did not finish in 600 s (${(error as Error).message.split("\n")[0]}); ours is at least ${(600 / packOurs.seconds).toFixed(0)}× faster`);
}

// 3. The table, here and in docs/performance.md.
const chromium = spawnSync(findChromium(), ["--version"], { encoding: "utf8" }).stdout.trim();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${chromium}`;
const table = ["| measurement | time (median of runs) | peak memory (Node) | comparison |", "| --- | --- | --- | --- |", ...rows.map(([name, m, note]) => `| ${name} | ${m.seconds.toFixed(2)} s | ${m.peakMb ? `${m.peakMb.toFixed(0)} MB` : "–"} | ${note} |`)].join("\n");
process.stdout.write(`\n${table}\n\nMachine: ${machine}\n`);
const docs = join(ROOT, "docs", "performance.md");
const before = (() => {
  try {
    return readFileSync(docs, "utf8");
  } catch {
    return "";
  }
})();
const start = before.indexOf("<!-- bench:start -->");
const end = before.indexOf("<!-- bench:end -->");
const block = `<!-- bench:start -->\nMeasured ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- --meetings ${MEETINGS} --runs ${RUNS}\`.\nMachine: ${machine}.\n\n${table}\n<!-- bench:end -->`;
writeFileSync(docs, start >= 0 && end > start ? before.slice(0, start) + block + before.slice(end + "<!-- bench:end -->".length) : `${before}\n${block}\n`);
rmSync(work, { recursive: true, force: true });
