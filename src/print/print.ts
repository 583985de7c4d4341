/**
 * Print: Chromium turns the print documents into PDFs. One browser for the whole build.
 *
 * Page ranges are measured, not guessed: print, read back on which page each item starts (the PDF's
 * named destinations, which Chromium writes for every linked anchor), fill the numbers into the
 * agenda, print again; repeat until the numbers no longer change (normally two passes).
 *
 * Layout is measured too: before the first print the document is measured once, for anything too wide
 * for its page (reported, never shrunk in silence: overflow.ts) and for the blocks around its landscape
 * tables; after each of the first prints, short pages beside a landscape table move blocks onto its
 * landscape pages (layout.ts), and the document is printed again.
 *
 * A document printed before starts from how it came out last time (the print cache's layout hint): its
 * page ranges filled in, and the moves of every paper body whose HTML is unchanged. Only what changed is
 * measured before its first print (the bodies the hint knows printed with nothing too wide, under the same
 * page rules), unless a changed body has landscape pages. When the first print measures the same ranges it
 * is the last (an edit that moves no item's pages prints the pack once); when not, printing goes on as
 * without the hint. Either way the PDF is the one a clean build prints.
 *
 * Safe rendering: pages load from a private origin served only from the build directory; every
 * other request (local files, remote hosts) is refused and reported, and scripts are disabled (the
 * printer's own measuring scripts run through DevTools, not as the page's).
 */
import type { Browser, HTTPRequest, Page } from "puppeteer-core";
import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { dirname, extname, join, normalize, posix, sep } from "node:path";
import { fillPageRefs, refillScript, type PageRangeStyle, type PageRanges } from "./page-refs.ts";
import { fixPdfDates } from "./reproducible.ts";
import { fixPdfUa } from "./pdfua-fix.ts";
import { woffToSfnt } from "./woff.ts";
import { sha256, sha256File, type BodyLayout, type LayoutHint, type PrintCache } from "./cache.ts";
import { applyMovesScript, bodyLayouts, draftViewScript, measuredMoves, pageUse, paperBodies, READ_BLOCKS, READ_GEOMETRY, runPagesOf, seededMoves, staticMoves, withBodiesEmptied, withMoves, type BlockReading, type BodySource, type DraftView, type Geometry, type Move } from "./layout.ts";
import { readOverflowsScript, type Overflow } from "./overflow.ts";
import { PAGE_RULES } from "./page-check.ts";
import { openPdf, type PdfDocument } from "../lib/pdfjs.ts";
import { PRINT_ORIGIN } from "./origin.ts";
import { absoluteUrl, publicPath } from "../site/site-url.ts";

/** Two layout rounds, then the page references settle as before (one pass more than without them), and a full print after a draft that settled. */
const MAX_PASSES = 7;
/** Prints after which the landscape runs may still change (src/print/layout.ts): each may fix what the last one showed. */
const LAYOUT_ROUNDS = 2;

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".woff2": "font/woff2",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
};

export function findChromium(): string {
  const candidates = [process.env.PUPPETEER_EXECUTABLE_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  const found = candidates.find((c) => c && existsSync(c));
  if (!found) {
    throw new PrintSetupError("Chromium was not found. Install it with 'apt-get install chromium', or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium executable.");
  }
  return found;
}

export class PrintSetupError extends Error {}

export interface PrintJob {
  /** Print document, relative to the build directory (e.g. "_print/2022-12-08/pack.html"). */
  source: string;
  /** Output PDF, relative to the build directory. */
  output: string;
  /** Anchors whose page ranges the document shows, in document order. */
  sections: string[];
  /** The date stamped into the PDF (ISO); the printer's build date if not given. */
  date?: string;
  /** How the document's page ranges print (its body's house style). */
  pageRanges?: PageRangeStyle;
  /** The site's public address (ending in "/"), for the PDF's links to the site's files; without it they are relative to the PDF. */
  siteUrl?: string;
}

export interface PrintResult {
  output: string;
  pages: number;
  ranges: PageRanges;
  passes: number;
  /** Of the passes, those printed as drafts (only to be measured: not tagged, no bookmarks). */
  drafts: number;
  seconds: number[];
  /** Requests the document made that were refused (remote or outside the build). */
  blocked: string[];
  /** Taken from the print cache, not printed. */
  cached: boolean;
  /**
   * The paper bodies laid out to be measured before the first print: all of them, or with a layout hint
   * only those changed since (0 when taken from the cache).
   */
  measuredBodies: number;
  /**
   * Figures and tables wider than their page's content box, measured before printing: Chromium shrank
   * every page of this PDF to fit them. (A PDF with any is not cached, so every build reports them.)
   */
  overflows: Overflow[];
}

/** A document measured before its first print (Printer.measureFirst). */
interface Inspection {
  reading: BlockReading;
  overflows: Overflow[];
  measuredBodies: number;
  /** The moves to print with first, and whether they are final (the hint's, for every body with landscape pages). */
  moves: Move[];
  settled: boolean;
  /** Each body's layout, when taken from the hint (the bodies that changed have no landscape pages). */
  layouts?: BodyLayout[];
  /** Else each body's key, if the browser found the bodies paperBodies() did. */
  keys?: string[];
  /** The first print, a draft, when it was printed in the measuring tab, and that tab, still open for the drafts after it. */
  draft?: { pdf: Uint8Array; tab: Page };
}

export class Printer {
  private constructor(
    private readonly browser: Browser,
    private readonly outDir: string,
    private readonly builtAt: string,
    /** Removes the temporary folder (fonts, browser profile) once the browser has exited. */
    private readonly dispose: () => void,
  ) {}

  /** Set by the pipeline when printing may reuse earlier PDFs (not with --clean). */
  cache?: PrintCache;
  /** The viewport the last document was measured at (its portrait content box). */
  private viewport?: { width: number; height: number };

  /**
   * Start the browser. Its temporary folder (fonts, user data) records whose it is, so a build killed
   * outright (SIGKILL) is cleaned up by the next launch; an interrupted one (SIGINT, SIGTERM) cleans up itself.
   */
  static async launch(outDir: string, builtAt: string, fontFiles: string[]): Promise<Printer> {
    cleanStalePrints();
    const scratch = mkdtempSync(join(tmpdir(), SCRATCH_PREFIX));
    writeOwner(scratch, { pid: process.pid });
    let browserPid: number | undefined;
    const remove = () => rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
    const release = onInterrupt(() => {
      for (const pid of browsersOf(scratch, browserPid)) killGroup(pid);
      remove();
    });
    try {
      const fontDir = installFonts(join(scratch, "fonts"), fontFiles);
      const { default: puppeteer } = await import("puppeteer-core"); // loaded only when printing
      const browser = await puppeteer.launch({
        executablePath: findChromium(),
        env: chromiumEnv({ FONTCONFIG_FILE: join(fontDir, "fonts.conf") }),
        headless: true,
        // Our own profile folder: its path on the browser's command line is how a stale browser is recognised.
        userDataDir: join(scratch, "profile"),
        // onInterrupt() above handles signals: it also removes the temporary folder, which puppeteer's handlers leave.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        args: [...CHROMIUM_FLAGS, "--disable-quic", "--font-render-hinting=none"],
      });
      browserPid = browser.process()?.pid;
      writeOwner(scratch, { pid: process.pid, browser: browserPid });
      return new Printer(browser, outDir, builtAt, () => {
        release();
        remove();
      });
    } catch (error) {
      release();
      for (const pid of browsersOf(scratch, browserPid)) killGroup(pid);
      remove();
      throw error;
    }
  }

  /**
   * Print a document once, as it is (with `layout`: blocks moved onto landscape pages), in a fresh tab
   * (scripts off, every request through serve()). A re-used tab carries the previous load's heading text into the PDF outline, so each pass gets a new
   * one. (The benchmark compares print() against this: the cost of measuring page ranges.)
   */
  async printOnce(path: string, blocked: string[] = [], layout?: { moves: readonly Move[]; measure: number }, draft?: DraftView): Promise<Uint8Array> {
    const page = await this.openPage(blocked);
    try {
      await page.goto(`${PRINT_ORIGIN}/${path}`, { waitUntil: "load" });
      if (layout && layout.moves.length > 0) await page.evaluate(applyMovesScript(layout.moves, layout.measure));
      return await this.pdfOf(page, draft);
    } finally {
      await page.close();
    }
  }

  /**
   * Print what the tab shows. A draft, printed only to be measured, is neither tagged nor bookmarked and
   * shows only what is measured (layout.ts, DraftView): its pages are the same (the same page count, page
   * ranges and page fill: measured on the example), in about half the time of a full print.
   */
  private async pdfOf(page: Page, draft: DraftView | undefined): Promise<Uint8Array> {
    if (draft) await page.evaluate(draftViewScript(draft));
    return await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: !draft, outline: !draft, timeout: 300_000 });
  }

  /**
   * Measure a print document before printing it, in a tab of its own laid out at the portrait page's
   * content width: its paper bodies' blocks (for the landscape runs) and whatever is too wide for its page.
   */
  async inspect(path: string, blocked: string[] = []): Promise<{ reading: BlockReading; overflows: Overflow[] }> {
    const page = await this.openPage(blocked);
    try {
      return await this.measureIn(page, path);
    } finally {
      await page.close();
    }
  }

  /**
   * Measure a document and print its first draft in the same tab, with the moves `planned` from the
   * measuring: a draft is printed only to be measured, so it may come from a tab that was measured first
   * (a full print never does: Chromium's structure tree came out in another order now and then), and the
   * document is loaded once instead of twice. The tab is left open for the caller's next drafts (redraft()).
   */
  private async inspectAndDraft(path: string, blocked: string[], planned: (reading: BlockReading) => Move[]): Promise<{ reading: BlockReading; overflows: Overflow[]; moves: Move[]; pdf: Uint8Array; tab: Page }> {
    const page = await this.openPage(blocked);
    try {
      const { reading, overflows } = await this.measureIn(page, path);
      const moves = planned(reading);
      if (moves.length > 0) await page.evaluate(applyMovesScript(moves, reading.geometry.portrait.width));
      // The first print: its moves are not settled (there is no hint).
      const pdf = await this.pdfOf(page, draftView(reading, moves, readsFill(reading, false, 0)));
      return { reading, overflows, moves, pdf, tab: page };
    } catch (error) {
      await page.close();
      throw error;
    }
  }

  /**
   * Another draft in the tab of the last one, without loading the document again: its page references
   * filled in by `refill` (refillScript()), and `moves` applied (setting a move again changes nothing).
   * Undefined if the tab's references are not those the script fills.
   */
  private async redraft(tab: Page, refill: string, moves: readonly Move[], reading: BlockReading, view: DraftView): Promise<Uint8Array | undefined> {
    if (!(await tab.evaluate(refill))) return undefined;
    if (moves.length > 0) await tab.evaluate(applyMovesScript(moves, reading.geometry.portrait.width));
    return await this.pdfOf(tab, view);
  }

  /** In a fresh tab: load the document laid out at its portrait content width, and measure it. */
  private async measureIn(page: Page, path: string): Promise<{ reading: BlockReading; overflows: Overflow[] }> {
    await page.emulateMediaType("print");
    // Loaded at the last document's content width (their style sheets are mostly the same): laid out
    // once, not first at the default width and again at this one. Else set now, and laid out again.
    const guess = this.viewport;
    if (guess) await page.setViewport(guess);
    await page.goto(`${PRINT_ORIGIN}/${path}`, { waitUntil: "load" });
    const geometry = (await page.evaluate(READ_GEOMETRY)) as Geometry;
    const viewport = { width: Math.round(geometry.portrait.width), height: Math.round(geometry.portrait.height) };
    if (viewport.width !== guess?.width || viewport.height !== guess.height) await page.setViewport(viewport);
    this.viewport = viewport;
    const reading = (await page.evaluate(READ_BLOCKS)) as BlockReading;
    const overflows = (await page.evaluate(readOverflowsScript(reading.geometry))) as Overflow[];
    return { reading, overflows };
  }

  /**
   * Measure a document before its first print. Without a layout hint, or when a body with landscape pages
   * changed, the whole document, and its moves are worked out afresh (those the hint knows are seeded).
   * With a hint, only what changed since is laid out: the document with the bodies the hint knows taken
   * out (a body the hint knows by its key printed with nothing too wide for its page, under the same
   * page rules and with the same images), and the known bodies keep their moves. Either way, the moves to print with. A document
   * whose first print is a draft (page numbers to measure, no hint) gets that draft from the measuring tab.
   */
  private async measureFirst(filledPath: string, sources: BodySource[] | undefined, html: string, hint: LayoutHint | undefined, blocked: string[], draftFirst: boolean): Promise<Inspection> {
    const known = new Map((hint?.bodies ?? []).map((body) => [body.sha256, body]));
    const changed = sources?.map((source) => !known.has(source.key));
    if (sources && changed && changed.includes(false)) {
      const partPath = filledPath.replace(/\.html$/, ".changed.html");
      writeFileSync(join(this.outDir, partPath), withBodiesEmptied(html, sources, (index) => changed[index]!));
      const { reading, overflows } = await this.inspect(partPath, blocked);
      // A changed body with landscape pages has moves to work out: from scratch, below.
      if (reading.bodies === sources.length && !reading.blocks.some((block) => block.landscape)) {
        const layouts = sources.map((source) => known.get(source.key) ?? { sha256: source.key, landscape: false, moves: [] });
        const moves = layouts.flatMap((layout, body) => layout.moves.map((move) => ({ body, ...move })));
        return { reading, overflows, measuredBodies: changed.filter(Boolean).length, moves, settled: true, layouts };
      }
    }
    const keysOf = (reading: BlockReading) => (sources && reading.bodies === sources.length ? sources.map((source) => source.key) : undefined);
    const plan = (reading: BlockReading) => {
      const staticOnes = staticMoves(reading.blocks, reading.geometry);
      const keys = keysOf(reading);
      const seeded = hint && keys ? seededMoves(reading.blocks, keys, hint.bodies, staticOnes) : undefined;
      return { moves: seeded ?? staticOnes, settled: seeded !== undefined };
    };
    if (draftFirst) {
      const { reading, overflows, moves, pdf, tab } = await this.inspectAndDraft(filledPath, blocked, (reading) => plan(reading).moves);
      return { reading, overflows, measuredBodies: reading.bodies, moves, settled: false, keys: keysOf(reading), draft: { pdf, tab } };
    }
    const { reading, overflows } = await this.inspect(filledPath, blocked);
    return { reading, overflows, measuredBodies: reading.bodies, ...plan(reading), keys: keysOf(reading) };
  }

  private async openPage(blocked: string[]): Promise<Page> {
    const page = await this.browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on("request", (request) => this.serve(request, blocked));
    return page;
  }

  private serve(request: HTTPRequest, blocked: string[]): void {
    const url = request.url();
    if (url.startsWith(`${PRINT_ORIGIN}/`)) {
      const path = normalize(decodeURIComponent(new URL(url).pathname)).replace(/^[/\\]+/, "");
      const file = join(this.outDir, path);
      if (!path.startsWith("..") && file.startsWith(this.outDir + sep) && existsSync(file)) {
        void request.respond({ status: 200, contentType: CONTENT_TYPES[extname(file)] ?? "application/octet-stream", body: readFileSync(file) });
        return;
      }
    }
    if (url.startsWith("data:")) {
      void request.continue();
      return;
    }
    blocked.push(url);
    void request.abort("blockedbyclient");
  }

  /** Print one document, re-printing until its page references are stable. */
  async print(job: PrintJob): Promise<PrintResult> {
    const blocked: string[] = [];
    const template = readFileSync(join(this.outDir, job.source), "utf8");
    const file = join(this.outDir, job.output);
    mkdirSync(dirname(file), { recursive: true });
    const date = job.date ?? this.builtAt;
    // What the document loads besides its HTML: in the cache's key, and in each body's layout key (only a cache keeps layouts).
    const loaded = this.cache ? loadedFilesDigest(this.outDir, job.source, template) : "";
    const key = this.cache?.key(template, job.sections, date, loaded);
    const hit = key ? this.cache!.get(key) : undefined;
    if (hit) {
      writeFileSync(file, hit.bytes); // exactly the bytes the cache verified
      // What is published is the layout the next print starts from (an edit undone prints from the cache).
      if (hit.bodies) this.cache!.rememberLayout(job.output, job.sections, { ranges: hit.ranges, bodies: hit.bodies });
      return { output: job.output, pages: hit.pages, ranges: hit.ranges, passes: 0, drafts: 0, seconds: [], blocked: [], cached: true, overflows: [], measuredBodies: 0 };
    }
    const filledPath = job.source.replace(/\.html$/, ".filled.html");
    // Single-page references (`<span data-page="id">`) to any linked anchor are measured too.
    const pageAnchors = [...new Set([...template.matchAll(/<span data-page="([^"]+)">/g)].map((m) => m[1]!))].filter((id) => !job.sections.includes(id));
    // How it came out last time: its ranges are the first guess, checked by the first print.
    const hint = this.cache?.layoutHint(job.output, job.sections);
    let ranges: PageRanges = hint ? new Map(hint.ranges) : new Map();
    let pdf: Uint8Array = new Uint8Array();
    let pages = 0;
    const seconds: number[] = [];
    let passes = 0;
    let inspected: Inspection | undefined;
    let moves: Move[] = [];
    /** The moves are final: every body with landscape pages is unchanged since the hint's print (its moves were kept). */
    let settled = false;
    const references = job.sections.length > 0 || pageAnchors.length > 0;
    /** The moves of the print `ranges` were measured on, where known (the hint's, when its moves were kept). */
    let rangesMoves: string | undefined;
    let drafts = 0;
    /** The tab the drafts are printed in after the first (the measuring tab), while they are drafts. */
    let draftTab: Page | undefined;
    try {
      for (; passes < MAX_PASSES; passes++) {
        const started = performance.now();
        const filled = fillPageRefs(template, ranges, { placeholder: "000 - 000", style: job.pageRanges });
        writeFileSync(join(this.outDir, filledPath), filled);
        let drafted: Uint8Array | undefined;
        if (!inspected) {
          inspected = await this.measureFirst(filledPath, paperBodies(filled, loaded), filled, hint, blocked, references && hint === undefined);
          [moves, settled, drafted, draftTab] = [inspected.moves, inspected.settled, inspected.draft?.pdf, inspected.draft?.tab];
          if (settled) rangesMoves = JSON.stringify(moves);
        }
        const { reading } = inspected;
        // A print that cannot be the last is a draft, only to be measured: one with placeholders for its page
        // numbers, or with numbers measured on a print whose blocks were placed otherwise. The last print is
        // always a full one (tagged, with bookmarks), so the PDF is the same as if every print had been.
        const printedMoves = JSON.stringify(moves);
        // Before the first print there are ranges only from the hint.
        const rangesKnown = hint !== undefined || passes > 0;
        const draft = references && (!rangesKnown || (rangesMoves !== undefined && rangesMoves !== printedMoves));
        if (drafted && !draft) throw new Error(`the first print of ${job.source} was printed as a draft, but it may be the last`);
        const fillRead = readsFill(reading, settled, passes);
        const view = draft ? draftView(reading, moves, fillRead) : undefined;
        if (!drafted && view && draftTab) drafted = await this.redraft(draftTab, refillScript(filled), moves, reading, view);
        // A full print never comes from a tab that measured or drafted (see inspectAndDraft()).
        if (!drafted && draftTab) {
          await draftTab.close();
          draftTab = undefined;
        }
        pdf = drafted ?? (await this.printOnce(filledPath, blocked, { moves, measure: reading.geometry.portrait.width }, view));
        if (draft) drafts++;
        // The print read once, for its page ranges and (short pages beside a landscape run) blocks to move into the run.
        const printed = await openPdf(pdf);
        let measured: Awaited<ReturnType<typeof measure>>;
        let more: Move[];
        try {
          measured = await measure(printed, job.sections, pageAnchors);
          more = fillRead ? measuredMoves(withMoves(reading.blocks, moves), runPagesOf(await pageUse(printed, reading.geometry)), reading.geometry, PAGE_RULES.minFill) : [];
        } finally {
          await printed.destroy();
        }
        pages = measured.pages;
        moves = [...moves, ...more];
        seconds.push((performance.now() - started) / 1000);
        const stable = more.length === 0 && (!references || sameRanges(ranges, measured.ranges));
        ranges = measured.ranges;
        rangesMoves = printedMoves;
        // A stable draft is printed once more in full: the same document, so the same pages.
        if (stable && !draft) break;
      }
    } finally {
      await draftTab?.close();
    }
    if (passes === MAX_PASSES) throw new Error(`page numbers of ${job.source} did not settle after ${MAX_PASSES} passes`);
    // Dates first: the PDF/UA metadata copies them, and its IDs hash the reproducible bytes.
    writeFileSync(file, fixPdfUa(fixPdfDates(pdf, date), { link: (uri) => publicLink(uri, job.output, job.siteUrl) }));
    const overflows = inspected?.overflows ?? [];
    if (key && blocked.length === 0 && overflows.length === 0) {
      // Bodies the browser did not find where paperBodies() did are kept by no key: a hint of none.
      const bodies = inspected?.layouts ?? (inspected?.keys ? bodyLayouts(inspected.reading.blocks, inspected.keys, moves) : undefined);
      this.cache!.put(key, file, pages, ranges, bodies);
      if (bodies) this.cache!.rememberLayout(job.output, job.sections, { ranges, bodies });
    }
    const measuredBodies = inspected?.measuredBodies ?? 0;
    return { output: job.output, pages, ranges, passes: passes + 1, drafts, seconds, blocked: [...new Set(blocked)], cached: false, overflows, measuredBodies };
  }

  /** The browser's version, part of the print cache's key. */
  version(): Promise<string> {
    return this.browser.version();
  }

  /** Print several documents at once in one browser; results come back in the order of the jobs. */
  async printAll(jobs: PrintJob[], concurrency: number, onDone?: (result: PrintResult) => void): Promise<PrintResult[]> {
    const results: PrintResult[] = new Array(jobs.length);
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await this.print(jobs[index]!);
        onDone?.(results[index]!);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, jobs.length)) }, worker));
    return results;
  }

  async close(): Promise<void> {
    try {
      await this.browser.close(); // waits for the browser process to exit
    } finally {
      this.dispose();
    }
  }
}

/** The types of file a print document loads (served by Printer.serve): what its PDF depends on besides its HTML. */
const LOADED = new Set([".css", ".woff2", ".svg", ".png", ".jpg", ".jpeg"]);

/**
 * A digest of the files a print document loads from the build that are not shared assets (those are in
 * the print cache's salt): the images beside its papers. An image replaced under the same name changes
 * the PDF, not the HTML. (Not PDFs or pages: links are not loaded, and PDFs are being printed meanwhile.)
 */
export function loadedFilesDigest(outDir: string, source: string, html: string): string {
  const paths = new Set<string>();
  for (const [, url] of html.matchAll(/\b(?:src|href)="([^"#?]+)/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(url!) || !LOADED.has(extname(url!).toLowerCase())) continue;
    const path = posix.normalize(url!.startsWith("/") ? url!.slice(1) : posix.join(posix.dirname(source), url!));
    if (!path.startsWith("..") && !path.startsWith("assets/")) paths.add(decodeURIComponent(path));
  }
  const digest = [...paths].sort().map((path) => {
    const file = join(outDir, path);
    return `${path}\0${file.startsWith(outDir + sep) && existsSync(file) ? sha256File(file) : "missing"}`;
  });
  return digest.length === 0 ? "" : sha256(digest.join("\n"));
}

/**
 * Print documents use the project's font as an installed font, not a web font: Chromium's tagged-PDF
 * structure tree is ordered differently from print to print while web fonts load, so web fonts would
 * cost us reproducible PDFs. A private fontconfig file adds the font files to the system's fonts.
 */
function installFonts(dir: string, fontFiles: string[]): string {
  mkdirSync(dir);
  for (const file of fontFiles) writeFileSync(join(dir, file.split(sep).pop()!.replace(/\.woff$/, ".ttf")), woffToSfnt(readFileSync(file)));
  writeFileSync(
    join(dir, "fonts.conf"),
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${dir}</dir>\n  <cachedir>${join(dir, "cache")}</cachedir>\n</fontconfig>\n`,
  );
  return dir;
}

/** Flags for every browser panelpress starts (printing, the audit): a closed machine, no sandbox as root, no background network traffic. */
export const CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * The environment every browser panelpress starts gets: ours, with `extra`. Chromium makes its singleton
 * socket in a folder of its own in $TMPDIR, and a Unix socket's path is at most 107 bytes: from a deeper temp
 * folder it does not start at all ("Socket path too long"), so it is then given /tmp for that (its profile
 * and fonts stay wherever they were put).
 */
export function chromiumEnv(extra: Record<string, string> = {}): Record<string, string | undefined> {
  const socket = join(tmpdir(), "org.chromium.Chromium.XXXXXX", "SingletonSocket");
  const socketFolder = Buffer.byteLength(socket) > 107 && existsSync("/tmp") ? { TMPDIR: "/tmp" } : {};
  return { ...process.env, ...extra, ...socketFolder };
}

/** Temporary print folders in the OS temp folder: fonts/, profile/ (the browser's user data) and owner.json. */
const SCRATCH_PREFIX = "panelpress-print-";

interface Owner {
  /** The panelpress process printing. */
  pid: number;
  /** Its browser: the leader of the browser's process group. */
  browser?: number;
}

function writeOwner(scratch: string, owner: Owner): void {
  writeFileSync(join(scratch, "owner.json"), JSON.stringify(owner));
}

function readOwner(scratch: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(join(scratch, "owner.json"), "utf8")) as Partial<Owner>;
    if (typeof owner.pid !== "number") return undefined;
    return { pid: owner.pid, browser: typeof owner.browser === "number" ? owner.browser : undefined };
  } catch {
    return undefined;
  }
}

/**
 * Remove what printing processes that no longer run left behind (killed with SIGKILL, or a crash): their
 * browsers and temporary folders. Only this user's folders; a folder without its record is given a minute,
 * in case it is being made right now.
 */
export function cleanStalePrints(dir: string = tmpdir()): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (!name.startsWith(SCRATCH_PREFIX)) continue;
    const path = join(dir, name);
    // A shared temp folder may hold other users' folders, or a link planted there: neither is touched.
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat?.isDirectory() || (process.getuid !== undefined && stat.uid !== process.getuid())) continue;
    const owner = readOwner(path);
    const live = owner ? owner.pid === process.pid || isRunning(owner.pid) : Date.now() - stat.mtimeMs < 60_000;
    if (live) continue;
    for (const pid of browsersOf(path, owner?.browser)) killGroup(pid);
    rmSync(path, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * The browser processes using a print folder: the recorded one, and (where /proc lists processes) any
 * other, such as a browser started just before the record was written. A pid counts only while its
 * command line names the folder's profile, so a reused pid is never killed.
 */
function browsersOf(scratch: string, recorded: number | undefined): number[] {
  const marker = `--user-data-dir=${join(scratch, "profile")}`;
  const listed = existsSync("/proc/self") ? readdirSync("/proc").filter((name) => /^\d+$/.test(name)).map(Number) : [];
  const candidates = new Set([...(recorded === undefined ? [] : [recorded]), ...listed]);
  return [...candidates].filter((pid) => pid !== process.pid && commandLine(pid)?.includes(marker));
}

function commandLine(pid: number): string | undefined {
  try {
    if (existsSync("/proc/self")) return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
    return execFileSync("ps", ["-ww", "-o", "command=", "-p", String(pid)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return undefined; // gone
  }
}

/** The browser leads its own process group (puppeteer starts it detached): its renderers go with it. */
function killGroup(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Whether a process runs (a zombie, killed but not yet reaped by its parent, does not). */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // someone else's
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.charAt(stat.lastIndexOf(")") + 2) !== "Z";
  } catch {
    return true; // no /proc: alive as far as we can tell
  }
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
const interruptCleanups = new Set<() => void>();

/**
 * Run `cleanup` if the process is interrupted (SIGINT, SIGTERM, SIGHUP) before the returned release is
 * called. After every clean-up has run, the process exits as a shell reports a signal (130, 143, 129),
 * unless someone else also listens for the signal (serve's graceful stop): then it is theirs to handle.
 * (Prepended, so it runs before those listeners and sees them.)
 */
export function onInterrupt(cleanup: () => void): () => void {
  if (interruptCleanups.size === 0) for (const signal of SIGNALS) process.prependListener(signal, interrupted);
  interruptCleanups.add(cleanup);
  return () => {
    if (!interruptCleanups.delete(cleanup)) return;
    if (interruptCleanups.size === 0) for (const signal of SIGNALS) process.off(signal, interrupted);
  };
}

function interrupted(signal: NodeJS.Signals): void {
  const cleanups = [...interruptCleanups];
  interruptCleanups.clear();
  for (const s of SIGNALS) process.off(s, interrupted);
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // best effort: the others still run, and the next run cleans what is left
    }
  }
  if (process.listenerCount(signal) === 0) process.exit(128 + constants.signals[signal]);
}

/**
 * A link of a printed PDF as its readers need it. Chromium writes a print document's links to the site's
 * own files (a chart's CSV, a page) as addresses under the printer's private origin, where they lead
 * nowhere: they become the file's public address under `siteUrl`, or without one a link relative to the
 * PDF `output` (a viewer resolves it against the PDF's own address). Any other link is left as it is.
 */
export function publicLink(uri: string, output: string, siteUrl?: string): string {
  if (!uri.startsWith(`${PRINT_ORIGIN}/`)) return uri;
  const url = new URL(uri);
  const rest = `${url.search}${url.hash}`;
  if (siteUrl) return `${absoluteUrl(siteUrl, url.pathname)}${rest}`;
  const path = publicPath(url.pathname);
  const relative = posix.relative(posix.dirname(output), path);
  return `${relative === "" ? "." : relative}${path.endsWith("/") || path === "" ? "/" : ""}${rest}`;
}

/** Whether the fill of the pages around the landscape runs is read from a print: in the first layout rounds, unless the moves are settled. */
function readsFill(reading: BlockReading, settled: boolean, passes: number): boolean {
  return !settled && passes < LAYOUT_ROUNDS && Boolean(reading.geometry.landscape);
}

/** What a draft of `reading`, printed with `moves`, shows: the items around its landscape runs if its page fill is read, else nothing. */
function draftView(reading: BlockReading, moves: readonly Move[], readsFill: boolean): DraftView {
  return { ...(readsFill ? { landscape: withMoves(reading.blocks, moves).filter((block) => block.landscape).map(({ body, index }) => ({ body, index })) } : {}) };
}

/** On which page does each section start, and so where does each end? */
export async function measure(doc: PdfDocument, sections: string[], pageAnchors: string[] = []): Promise<{ pages: number; ranges: PageRanges }> {
  const destinations = (await doc.getDestinations()) as Record<string, unknown[] | undefined>;
  const starts: number[] = [];
  for (const anchor of sections) {
    const destination = destinations[anchor];
    if (!destination) throw new Error(`the print document has no destination for '${anchor}' (is it linked from the agenda?)`);
    starts.push((await doc.getPageIndex(destination[0] as { num: number; gen: number })) + 1);
  }
  const ranges: PageRanges = new Map();
  sections.forEach((anchor, i) => {
    const next = starts[i + 1];
    ranges.set(anchor, [starts[i]!, next !== undefined ? next - 1 : doc.numPages]);
  });
  // Anchors shown as a single page: where each starts (an anchor nothing links to has no destination; it stays empty).
  for (const anchor of pageAnchors) {
    const destination = destinations[anchor];
    if (!destination) continue;
    const page = (await doc.getPageIndex(destination[0] as { num: number; gen: number })) + 1;
    ranges.set(anchor, [page, page]);
  }
  return { pages: doc.numPages, ranges };
}

function sameRanges(a: PageRanges, b: PageRanges): boolean {
  if (a.size !== b.size) return false;
  for (const [key, [first, last]] of a) {
    const other = b.get(key);
    if (!other || other[0] !== first || other[1] !== last) return false;
  }
  return true;
}
