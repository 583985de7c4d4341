/**
 * npm run bench: one table of build and print timings, measured side by side on this machine, with
 * medians of several runs and the peak memory of each. Writes docs/performance.md as well.
 *
 *   npm run bench [-- --meetings 60 --pdf-meetings 5 --runs 3] [--large 240,1000] [--skip-pagedjs]
 *
 * --large: cold HTML builds of archives of these sizes, each once, with the peak memory of the whole
 * process tree (the build and the batches it starts, each with a 1 GB heap), and the smallest again with
 * --jobs 1; a 1,000-meeting archive takes a quarter of an hour or more, so these are left out unless asked for.
 *
 * Rows: HTML build of the example and of an N-meeting archive against plain Eleventy rendering the same
 * Markdown; the agenda pack PDF against one raw Chromium print of the same final HTML and against
 * Paged.js; no-change rebuilds and one-paragraph edits (made in copies, never in the project).
 */
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import puppeteer from "puppeteer-core";
import { makeArchive } from "./make-archive.ts";
import { Printer, findChromium } from "../src/print/print.ts";
import { PrintCache } from "../src/print/cache.ts";
import { printFonts } from "../src/pipeline/render.ts";
import { filesUnder } from "../src/lib/files.ts";
import { buildSearchIndex } from "../src/site/search-index.ts";
import { searchShards } from "../src/site/search-shards.ts";
import { realpathSync, statSync } from "node:fs";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "panelpress.js");
const { values } = parseArgs({ options: { meetings: { type: "string", default: "60" }, "pdf-meetings": { type: "string", default: "5" }, runs: { type: "string", default: "3" }, large: { type: "string", default: "" }, "skip-pagedjs": { type: "boolean", default: false } } });
const LARGE = values.large ? values.large.split(",").map(Number).filter((n) => n > 0) : [];
const MEETINGS = Number(values.meetings);
/** A smaller archive built with PDFs (each meeting prints about 180 pages: 60 would take a quarter of an hour). */
const PDF_MEETINGS = Number(values["pdf-meetings"]);
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

/** The resident memory (KB) of a process and all its descendants now, from /proc (0 where there is none). */
function treeRssKb(root: number): number {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  const parentOf = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parentOf.set(Number(name), Number(fields[1]));
      rss.set(Number(name), (Number(fields[21]) * 4096) / 1024);
    } catch {
      // gone meanwhile
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parentOf.get(p)) if (p === root) return true;
    return false;
  };
  return [...rss].filter(([pid]) => inTree(pid)).reduce((sum, [, kb]) => sum + kb, 0);
}

/** Run a node script as a child, timing it, with the peak resident memory of its whole process tree (sampled every 100 ms). */
async function runTree(args: string[], cwd: string): Promise<Measure> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, CI: "true" }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let peakKb = 0;
  const timer = setInterval(() => (peakKb = Math.max(peakKb, treeRssKb(child.pid!))), 100);
  const status = await new Promise<number | null>((done) => child.on("close", done));
  clearInterval(timer);
  if (status !== 0) throw new Error(`${args.join(" ")} failed:\n${stderr}`);
  return { seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024 };
}

function repeat(times: number, fn: () => Measure): Measure {
  const results = Array.from({ length: times }, fn);
  return { seconds: median(results.map((r) => r.seconds)), peakMb: Math.max(...results.map((r) => r.peakMb)) };
}

/** Plain Eleventy over the same Markdown: the papers and meeting files, no data builders, no checks. */
function plainEleventy(project: string): Measure {
  const input = join(work, `plain-${Math.random().toString(36).slice(2)}`);
  for (const file of filesUnder(join(project, "content")).filter((f) => f.endsWith(".md"))) {
    const target = join(input, file);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join(project, "content", file), target);
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


/**
 * A small edit to a paper, so the next build has something to do: a sentence added under its first
 * heading (a new one each time), or with "restore" the paper as it was.
 */
const originals = new Map<string, string>();
let edits = 0;
function editParagraph(file: string, mode: "edit" | "restore" = "edit"): void {
  if (!originals.has(file)) originals.set(file, readFileSync(file, "utf8"));
  const original = originals.get(file)!;
  if (mode === "restore") {
    writeFileSync(file, original);
    return;
  }
  const text = original.replace(/^(## .+\n\n)/m, `$1One edited paragraph for the benchmark, number ${++edits}.\n\n`);
  if (text === original) throw new Error(`no heading to edit under in ${file}`);
  writeFileSync(file, text);
}

/** A sentence added to the end of the paper's first paragraph (a new one each time): its pages stay as they were. */
function editSentence(file: string): void {
  if (!originals.has(file)) originals.set(file, readFileSync(file, "utf8"));
  const original = originals.get(file)!;
  const text = original.replace(/^(## .+\n\n[A-Z][^\n]*)$/m, `$1 Members noted this point, number ${++edits}.`);
  if (text === original) throw new Error(`no paragraph to edit in ${file}`);
  writeFileSync(file, text);
}

/** Print one HTML file once with Chromium, or with Paged.js laying it out first (giving up after `limit` seconds). */
async function printOnce(html: string, mode: "raw" | "pagedjs", limit = 600): Promise<Measure> {
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
    // Paged.js can take very long on a large pack: give up after the limit and say so.
    if (mode === "pagedjs") await page.waitForFunction("window.pagedDone === true", { timeout: limit * 1000, polling: 500 });
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
// The example is built from a copy, so the edits below never touch the project's own content.
const example = join(work, "example");
for (const folder of ["content", "data", "templates", ".eleventy.js", "package.json"]) cpSync(join(ROOT, folder), join(example, folder), { recursive: true });
symlinkSync(join(ROOT, "node_modules"), join(example, "node_modules"));
const outturn = join(example, "content", "meetings", "2022-12-08", "papers", "10-outturn.md");
const exampleClean = repeat(RUNS, () => runNode([BIN, "build", "--no-pdf", "--clean", "--out", join(work, "ex-html")], example));
const examplePlain = repeat(RUNS, () => plainEleventy(example));
add("HTML build, example meeting, clean (no caches read)", exampleClean, `${ratio(exampleClean, examplePlain)} of plain Eleventy`);
const exampleEdited = repeat(RUNS, () => {
  editParagraph(outturn);
  return runNode([BIN, "build", "--no-pdf", "--out", join(work, "ex-html")], example);
});
add("HTML build, example meeting, after an edit (chart cache warm)", exampleEdited, `${ratio(exampleEdited, examplePlain)} of plain Eleventy`);
add("plain Eleventy, example Markdown", examplePlain);

const archive = join(work, "archive");
makeArchive(archive, MEETINGS, 1);
const archiveHtml = runNode([BIN, "build", "--no-pdf", "--out", join(work, "ar-html")], archive);
const archivePlain = plainEleventy(archive);
add(`HTML build, ${MEETINGS}-meeting archive (cold: no caches)`, archiveHtml, `${ratio(archiveHtml, archivePlain)} of plain Eleventy`);
add(`plain Eleventy, ${MEETINGS}-meeting archive Markdown`, archivePlain);
const archiveNoChange = repeat(RUNS, () => runNode([BIN, "build", "--no-pdf", "--out", join(work, "ar-html")], archive));
add(`no-change rebuild, ${MEETINGS}-meeting archive (HTML)`, archiveNoChange, `${ratio(archiveNoChange, archivePlain)} of plain Eleventy`);
const newest = readdirSync(join(archive, "content", "meetings")).sort().pop()!;
const archiveEdit = repeat(RUNS, () => {
  editParagraph(join(archive, "content", "meetings", newest, "papers", "10-outturn.md"));
  return runNode([BIN, "build", "--no-pdf", "--out", join(work, "ar-html")], archive);
});
add(`one-paragraph edit, ${MEETINGS}-meeting archive (HTML)`, archiveEdit, `${ratio(archiveEdit, archivePlain)} of plain Eleventy`);

// Large archives, cold, with the peak memory of the whole process tree (behind --large): built in batches
// in child processes (src/pipeline/batches.ts), each process with at most 1 GB of heap. The smallest size
// is built again with one batch at a time (--jobs 1), against all cores.
for (const [n, size] of LARGE.entries()) {
  const big = join(work, `archive-${size}`);
  makeArchive(big, size, 1);
  const coldBuild = (jobs: string[]) => runTree(["--max-old-space-size=1024", BIN, "build", "--no-pdf", "--clean", ...jobs, "--out", join(work, `big-${size}`)], big);
  const cold = await coldBuild([]);
  add(`HTML build, ${size}-meeting archive (cold; 1 GB heap a process; all ${availableParallelism()} cores), peak memory of the process tree`, cold, `${(cold.peakMb / size).toFixed(1)} MB per meeting`);
  if (n === 0) {
    const serial = await coldBuild(["--jobs", "1"]);
    add(`HTML build, ${size}-meeting archive (cold; 1 GB heap a process), --jobs 1`, serial, `${ratio(serial, cold)} of all cores`);
  }
  rmSync(big, { recursive: true, force: true });
  rmSync(join(work, `big-${size}`), { recursive: true, force: true });
}

// The search index (Pagefind) of the example and of the archive, timed on its own over the built pages.
async function searchIndex(site: string): Promise<{ measure: Measure; bytes: number; pages: number }> {
  const copy = join(work, `search-${Date.now()}`);
  cpSync(realpathSync(site), copy, { recursive: true, filter: (source) => !source.includes("/pagefind") });
  const started = performance.now();
  // The shards as a build makes them; a meeting's folder is named by its id, which begins with its date.
  const { pages } = await buildSearchIndex(copy, searchShards(readdirSync(join(copy, "meetings")).map((id) => ({ id, date: id.slice(0, 10) }))));
  const seconds = (performance.now() - started) / 1000;
  const bytes = filesUnder(join(copy, "pagefind")).reduce((sum, f) => sum + statSync(join(copy, "pagefind", f)).size, 0);
  return { measure: { seconds, peakMb: 0 }, bytes, pages };
}
for (const [name, site] of [["example meeting", join(work, "ex-html")], [`${MEETINGS}-meeting archive`, join(work, "ar-html")]] as const) {
  const index = await searchIndex(site);
  add(`search index (Pagefind), ${name}`, index.measure, `${index.pages} pages indexed, index ${(index.bytes / 1024).toFixed(0)} KB`);
}

// 2. PDF: the example with measured page ranges, against one raw print and Paged.js.
editParagraph(outturn, "restore");
const cleanPdf = runNode([BIN, "build", "--clean", "--out", join(work, "ex-pdf")], example);
add("full build of the example, HTML and all PDFs, clean", cleanPdf);
const warm = runNode([BIN, "build", "--out", join(work, "ex-pdf-warm")], example);
add("no-change rebuild of the example, HTML and PDFs", warm, `${(cleanPdf.seconds / warm.seconds).toFixed(1)}× faster than clean`);
const pdfEdit = repeat(RUNS, () => {
  editParagraph(outturn);
  return runNode([BIN, "build", "--out", join(work, "ex-pdf-warm")], example);
});
add("one-paragraph edit of the example, HTML and PDFs (a paragraph added: that paper and the pack reprinted; the paper grows a page)", pdfEdit, `${(pdfEdit.seconds / cleanPdf.seconds).toFixed(2)}× of clean`);
editParagraph(outturn, "restore");
runNode([BIN, "build", "--out", join(work, "ex-pdf-warm")], example);
const minutes = join(example, "content", "meetings", "2022-12-08", "papers", "02-minutes.md");
const sentenceEdit = repeat(RUNS, () => {
  editSentence(minutes);
  return runNode([BIN, "build", "--out", join(work, "ex-pdf-warm")], example);
});
add("one-sentence edit of the example, HTML and PDFs (a sentence added to a paragraph of the minutes: no page moves, so the pack is printed once)", sentenceEdit, `${(sentenceEdit.seconds / cleanPdf.seconds).toFixed(2)}× of clean`);
editParagraph(minutes, "restore");

// An archive with PDFs: a rebuild after an edit to one paper reprints that paper and its pack only.
const pdfArchive = join(work, "pdf-archive");
makeArchive(pdfArchive, PDF_MEETINGS, 2);
const pdfArchiveClean = runNode([BIN, "build", "--out", join(work, "pa-site")], pdfArchive);
add(`full build of a ${PDF_MEETINGS}-meeting archive, HTML and all PDFs, clean`, pdfArchiveClean);
const pdfArchiveNoChange = runNode([BIN, "build", "--out", join(work, "pa-site")], pdfArchive);
add(`no-change rebuild, ${PDF_MEETINGS}-meeting archive, HTML and PDFs`, pdfArchiveNoChange, `${(pdfArchiveClean.seconds / pdfArchiveNoChange.seconds).toFixed(0)}× faster than clean`);
const pdfNewest = readdirSync(join(pdfArchive, "content", "meetings")).sort().pop()!;
editParagraph(join(pdfArchive, "content", "meetings", pdfNewest, "papers", "10-outturn.md"));
const pdfArchiveEdit = runNode([BIN, "build", "--out", join(work, "pa-site")], pdfArchive);
add(`one-paragraph edit, ${PDF_MEETINGS}-meeting archive, HTML and PDFs (one paper and one pack reprinted)`, pdfArchiveEdit, `${(pdfArchiveClean.seconds / pdfArchiveEdit.seconds).toFixed(1)}× faster than clean`);

// The pack in one browser, the same fonts and flags: ours (print, measure, print again until the
// page ranges settle) against one print of the final HTML. (A build that keeps its print documents.)
editParagraph(outturn, "restore");
runNode([BIN, "build", "--out", join(work, "ex-pdf")], example, { PANELPRESS_KEEP_PRINT: "1" });
const printer = await Printer.launch(join(work, "ex-pdf"), new Date(0).toISOString(), printFonts(ROOT));
const manifest = JSON.parse(readFileSync(join(work, "ex-pdf", "manifest.json"), "utf8")) as { meetings: Array<{ id: string; items: Array<{ number: number; pages: unknown }> }> };
const sections = manifest.meetings[0]!.items.filter((i) => i.pages).map((i) => `item-${i.number}`);
const ours: number[] = [];
const kept: number[] = [];
const raw: number[] = [];
// From scratch: a print cache that is never read. From the last print's layout: one that is, with the
// pack's HTML changed a little each time (a comment), so the PDF is printed, not taken from the cache.
const scratchCache = new PrintCache(join(work, "print-cache"), "bench", false);
const keptCache = new PrintCache(join(work, "print-cache"), "bench");
const packHtml = join(work, "ex-pdf", "_print", "2022-12-08", "pack.html");
const packOriginal = readFileSync(packHtml, "utf8");
const packJob = { source: "_print/2022-12-08/pack.html", output: "bench-pack.pdf", sections };
try {
  // One untimed print first: a fresh browser's first document is slower than any after it. It leaves the layout.
  printer.cache = scratchCache;
  await printer.print(packJob);
  for (let i = 0; i < Math.max(RUNS, 5); i++) {
    writeFileSync(packHtml, packOriginal);
    printer.cache = scratchCache;
    let started = performance.now();
    await printer.print(packJob);
    ours.push((performance.now() - started) / 1000);
    started = performance.now();
    await printer.printOnce("_print/2022-12-08/pack.filled.html");
    raw.push((performance.now() - started) / 1000);
    writeFileSync(packHtml, packOriginal.replace("</body>", `<!-- bench ${i} --></body>`));
    printer.cache = keptCache;
    started = performance.now();
    const result = await printer.print(packJob);
    if (result.passes !== 1) throw new Error(`the pack printed from its kept layout took ${result.passes} passes`);
    kept.push((performance.now() - started) / 1000);
  }
} finally {
  writeFileSync(packHtml, packOriginal);
  await printer.close();
}
const packOurs = { seconds: median(ours), peakMb: 0 };
const packKept = { seconds: median(kept), peakMb: 0 };
const packRaw = { seconds: median(raw), peakMb: 0 };
add("agenda pack PDF, measured page ranges from scratch (in a running browser)", packOurs, `${ratio(packOurs, packRaw)} of one raw print`);
add("agenda pack PDF after an edit that moves no page, from the last print's layout (printed once)", packKept, `${ratio(packKept, packRaw)} of one raw print`);
add("agenda pack, one raw Chromium print of the final HTML (same browser)", packRaw);
const PAGED_LIMIT = 300;
if (!values["skip-pagedjs"]) try {
  const paged = await printOnce(join(work, "ex-pdf", "_print", "2022-12-08", "pack.filled.html"), "pagedjs", PAGED_LIMIT);
  add("agenda pack with Paged.js (polyfill, same Chromium)", paged, `ours is ${(paged.seconds / packOurs.seconds).toFixed(1)}× faster`);
} catch (error) {
  add("agenda pack with Paged.js (polyfill, same Chromium)", { seconds: PAGED_LIMIT, peakMb: 0 }, `did not finish in ${PAGED_LIMIT} s (${(error as Error).message.split("\n")[0]}); ours is at least ${(PAGED_LIMIT / packOurs.seconds).toFixed(0)}× faster`);
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
const block = `<!-- bench:start -->\nMeasured ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- --meetings ${MEETINGS} --pdf-meetings ${PDF_MEETINGS} --runs ${RUNS}\`.\nMachine: ${machine}.\n\n${table}\n<!-- bench:end -->`;
writeFileSync(docs, start >= 0 && end > start ? before.slice(0, start) + block + before.slice(end + "<!-- bench:end -->".length) : `${before}\n${block}\n`);
rmSync(work, { recursive: true, force: true });
