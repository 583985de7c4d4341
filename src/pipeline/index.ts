/**
 * The pipeline, top to bottom:
 *
 *   content/ + data/ ──which meetings changed? (incremental.ts) ── unchanged: reuse their last build
 *        │
 *        └── changed ──load, validate, build──▶ SiteView ──render print documents──▶ a fresh directory
 *                 │                                                                 │
 *                 └── problems? stop: nothing is written                            ▼
 *                                              print (Chromium): PDFs, measured page ranges
 *                                                                                   │
 *             render the pages (with the page ranges and PDF facts as data),        │
 *             write the manifest, index for search, check for leaks ───────────────┤
 *                                                                                   ▼
 *                   publish: swap the fresh directory into place (_site/); keep the built meetings
 *
 * A failed or interrupted build never touches the last good output.
 *
 * A build with many meetings to build first builds them in batches, in child processes, into the meeting
 * cache (batches.ts); then this same pipeline runs with every meeting unchanged, and assembles the site.
 */
import { rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { buildSite } from "./build.ts";
import { meetingFolders, meetingLinks } from "./load.ts";
import { discard, publish, stage } from "./publish.ts";
import { buildTime, contentDates } from "./dates.ts";
import { NOTHING_PRINTED, printFonts, renderSite, type Printed } from "./render.ts";
import { Printer, findChromium, type PrintJob, type PrintResult } from "../print/print.ts";
import { PrintCache } from "../print/cache.ts";
import { countSetting } from "../lib/counts.ts";
import { hashToolCode, hashTree } from "../lib/files.ts";
import { CacheTamperedError, MeetingCache, chromiumIdentity, type MeetingRecord } from "./incremental.ts";
import { setChartCache } from "../render/charts.ts";
import { formatRange, type PageRanges } from "../print/page-refs.ts";
import { overflowProblem } from "../print/overflow.ts";
import { buildManifest, manifestMeeting } from "./manifest.ts";
import { pdfFactsOf, writeSiteData } from "../site/site-data.ts";
import { describePdf } from "../site/pdf-facts.ts";
import { buildSearchIndex } from "../site/search-index.ts";
import { SearchBundleCache } from "../site/search-cache.ts";
import { searchShards } from "../site/search-shards.ts";
import { siteUrl } from "../site/site-url.ts";
import { allowListOf, findLeaks, leakNeedles, NeedleIndex } from "../exempt/leak-check.ts";
import type { Problems } from "../content/problems.ts";
import { problemsInScope, ScopeError, type Scope } from "./scope.ts";
import { buildInBatches, wantsBatches, type BatchMeeting, type BatchOptions } from "./batches.ts";
import { summaryOf, type MeetingView, type SiteView } from "../model/view.ts";

export interface RunOptions {
  root: string;
  outDir: string;
  pdf: boolean;
  /** Members' build: exempt items, appendices and values included and marked NOT FOR PUBLICATION. */
  restricted?: boolean;
  /** Print every PDF afresh: the print cache is not read (it is refreshed). */
  clean?: boolean;
  /**
   * Build only these meetings (`build --meeting|--committee`, src/pipeline/scope.ts): every other meeting
   * is published as it was last built, from the meeting cache; one never built is a ScopeError.
   */
  scope?: Scope;
  /** More meetings to build than the batch size: built in batches in child processes (batches.ts), this many at once. */
  batches?: BatchOptions;
  /**
   * Internal: this process is a batch (batches.ts). Build only these meetings (the parent has decided they
   * must be built, and their keys), keep them in the meeting cache, publish nothing.
   */
  batch?: { builtAt: string; meetings: BatchMeeting[]; committees: Record<string, string> };
  log: (message: string) => void;
}

export interface BuildOutcome {
  problems: Problems;
  site?: SiteView;
  /** PDFs printed (or taken from the print cache) for the meetings built. */
  prints: PrintResult[];
  /** Meetings not built because nothing they depend on changed: their last build was published again. */
  reused: MeetingRecord[];
  /** Of those, the meetings outside a scoped build whose inputs changed since they were last built: published as they were. */
  stale: string[];
  /** Meetings built in batches, in child processes (batches.ts), as their records. */
  batched: MeetingRecord[];
  /** A batch: the meetings it kept in the meeting cache. */
  kept?: string[];
  published: boolean;
}

/** Check only: load, validate and build the model; render nothing. With a scope, only its meetings. */
export async function check(root: string, scope?: Scope): Promise<{ problems: Problems; site: SiteView }> {
  const { problems, site } = await buildSite({ root, builtAt: buildTime(root), only: scope && new Set(scope.meetings) });
  return { problems: scope ? problemsInScope(problems, root, scope) : problems, site };
}

export async function build(options: RunOptions): Promise<BuildOutcome> {
  const root = resolve(options.root);
  const outDir = resolve(root, options.outDir);
  const { batch } = options;
  const builtAt = batch?.builtAt ?? buildTime(root);
  const restricted = Boolean(options.restricted);

  // 1. Which meetings changed: an unchanged one is reused from its last published build. (A batch builds
  // the meetings it was given, with the keys and dates its parent found.)
  const chromium = options.pdf ? chromiumIdentity(findChromium()) : undefined;
  const keepPrint = Boolean(process.env.PANELPRESS_KEEP_PRINT);
  const meetingCache = new MeetingCache(root, { restricted, pdf: options.pdf, keepPrint, chromium }, !options.clean && !batch);
  const ids = batch ? batch.meetings.map((m) => m.id) : meetingFolders(root);
  // A PDF carries the date its meeting's content last changed, so a commit elsewhere does not reprint it.
  const dates = batch ? new Map(batch.meetings.map((m) => [m.id, m.date])) : options.pdf ? contentDates(root, ids, builtAt) : new Map<string, string>();
  const links = meetingLinks(root, ids);
  const keys = batch ? new Map(batch.meetings.map((m) => [m.id, m.key])) : new Map(ids.map((id) => [id, meetingCache.key(id, dates.get(id) ?? "", links.get(id))]));
  const reused = new Map<string, MeetingRecord>();
  for (const [id, key] of keys) {
    const record = meetingCache.get(id, key);
    if (record) reused.set(id, record);
  }
  // Meetings linked by minutes are built together: one's page shows what the other publishes.
  for (let changed = true; changed;) {
    changed = false;
    for (const id of ids) if (!reused.has(id)) for (const other of links.get(id) ?? []) changed = reused.delete(other) || changed;
  }
  const stale = options.scope ? keepOutOfScope(options.scope, ids, reused, meetingCache) : [];

  // 1b. Many meetings to build: in batches, in child processes, each kept in the meeting cache (batches.ts).
  // Then they too are reused, and the rest of this build assembles the site from their records.
  const pending = ids.filter((id) => !reused.has(id));
  const batched: MeetingRecord[] = [];
  if (!batch && wantsBatches(pending, links, reused, options.batches)) {
    const plan = { root, outDir, pdf: options.pdf, restricted, clean: Boolean(options.clean), builtAt, everyMeeting: ids, keys, dates, links };
    const batches = await buildInBatches(pending, plan, { ...options.batches, log: options.log });
    if (batches.problems.errorCount > 0) return { problems: batches.problems, prints: [], reused: [], stale: [], batched: [], published: false };
    meetingCache.admit(batches.kept); // kept by this build, so read even by a clean one
    for (const id of pending) {
      const record = meetingCache.get(id, keys.get(id)!);
      if (!record) continue;
      batched.push(record);
      reused.set(id, record);
    }
  }

  // 2. Load, validate, build the others.
  options.log(reused.size > 0 ? `Checking content (${reused.size} of ${keys.size} meetings unchanged)` : "Checking content");
  setChartCache(join(root, ".panelpress-cache", "svg"), !options.clean);
  const { site, problems, downloads, built } = await buildSite({
    root, builtAt, restricted, reuse: new Map([...reused].map(([id, record]) => [id, record.summary])),
    ...(batch ? { only: new Set(ids), others: new Map(Object.entries(batch.committees).filter(([id]) => !ids.includes(id))) } : {}),
  });
  // A stale record's warnings are of files that have changed since: not shown again.
  for (const [id, record] of reused) if (!stale.includes(id)) meetingCache.replay(record, problems);
  const failed = (prints: PrintResult[] = []): BuildOutcome => ({ problems, site, prints, reused: [], stale: [], batched: [], published: false });
  if (problems.errorCount > 0) return failed();

  // 3. Render the print documents into a fresh directory in .panelpress-builds/ beside the output, so the
  // final step is a rename.
  const staging = stage(outDir);
  // The browser starts while the print documents render: a second or so of its own, not spent waiting.
  // (Its failure to start is reported where it is awaited, in step 4.)
  const launching = options.pdf && site.meetings.length > 0 ? Printer.launch(staging, builtAt, printFonts(root)) : undefined;
  launching?.catch(() => undefined);
  try {
    if (options.pdf || keepPrint) {
      options.log("Rendering the print documents");
      // The downloads (images beside the papers) too: the print documents show them.
      await renderSite({ root, outDir: staging, site, documents: "print", downloads });
    }
    try {
      for (const [id, record] of reused) meetingCache.restore(id, record, staging);
    } catch (error) {
      if (!(error instanceof CacheTamperedError)) throw error;
      problems.error(join(root, ".panelpress-cache"), undefined, "cache/changed", error.message, "a kept file changed while this build ran; build again (the meeting will be rebuilt)");
      return failed();
    }

    // 4. Print: one PDF per paper, one agenda pack per meeting.
    const { prints, packRanges } = launching
      ? await printMeetings(await launching, site.meetings, { root, staging, builtAt, dates, clean: Boolean(options.clean), siteUrl: restricted ? null : siteUrl(), log: options.log })
      : { prints: [], packRanges: new Map<string, PageRanges>() };
    for (const result of prints) {
      for (const url of result.blocked) {
        problems.error(join(root, "content"), undefined, "print/blocked", `${result.output} asked for ${url}, which was not included: print documents may only use files the build makes`, "put images in the project and refer to them by a relative path; remote and local-system files are never fetched");
      }
      for (const overflow of result.overflows) {
        const { message, hint } = overflowProblem(result.output, overflow);
        problems.error(join(root, "content"), undefined, "print/too-wide", message, hint);
      }
    }
    if (problems.errorCount > 0) return failed(prints);

    // 5. Render the pages, with what printing measured (page ranges, "PDF, 19 pages, 1.2 MB") as data;
    // then, from the manifest of every meeting (reused ones too), the site's data: manifest.json, feeds,
    // sitemap (src/site/site-data.ts).
    options.log("Rendering HTML");
    const pdfFacts = pdfFactsOf(staging, prints);
    const printed: Printed = prints.length === 0 ? NOTHING_PRINTED : {
      ranges: Object.fromEntries(site.meetings.map((m) => [m.id, Object.fromEntries([...(packRanges.get(m.id) ?? [])].map(([anchor, range]) => [anchor, formatRange(range, m.committee.pageRanges)]))])),
      pdfs: Object.fromEntries([...pdfFacts].map(([path, facts]) => [`/${path}`, describePdf(facts)])),
    };
    await renderSite({ root, outDir: staging, site, documents: "pages", printed, downloads });
    // The print documents are intermediate files; PANELPRESS_KEEP_PRINT=1 keeps them for debugging layouts.
    if (!keepPrint) rmSync(join(staging, "_print"), { recursive: true, force: true });
    // When each meeting's content last changed (the date its PDFs carry): its feed entries' and calendar event's revision.
    const modified = options.pdf ? dates : contentDates(root, site.meetings.map((m) => m.id), builtAt);
    const manifestOf = new Map(site.meetings.map((m) => [m.id, manifestMeeting(m, prints, packRanges.get(m.id), { siteDir: staging, modified: modified.get(m.id) ?? builtAt })]));
    // The members' build is not the public site: it claims no public address and asks not to be indexed.
    const manifest = buildManifest(builtAt, [...manifestOf.values(), ...[...reused.values()].map((r) => r.manifest)], restricted ? null : siteUrl());
    writeSiteData(staging, manifest, { restricted });

    // 5b. The search index, built from the finished public pages only (src/site/search-index.ts). It comes
    // before the leak check, which searches its files too, decompressed. (Not at the same time: searching
    // the pages while Pagefind indexed them saved 1.4 s of a 60-meeting build but took the 1,000-meeting
    // build's memory to 1,051 MB, over its 1 GB.) (A batch's pages are indexed when
    // the site is assembled.) In shards of meetings, the same the search page was told of (src/site/search-shards.ts);
    // a shard whose pages did not change since the last build gets its bundle back (src/site/search-cache.ts).
    if (!batch) {
      options.log("Indexing the pages for search");
      const searchCache = new SearchBundleCache(join(root, ".panelpress-cache", "search", restricted ? "restricted" : "public"), !options.clean);
      const shards = searchShards(site.index);
      const { kept } = await buildSearchIndex(staging, shards, searchCache);
      if (kept > 0) options.log(`  ${kept} of ${shards.length} search shards unchanged (kept from the last build)`);
    }

    // 6. The leak check: the public output may contain no word of exempt material. It is not optional.
    // Every file is searched for every meeting's exempt text, reused meetings' files too (a file's verdict
    // is reused only for the same bytes and the same needles). A batch's files are not searched here: nothing
    // it makes is published but through the assembly, which searches them for every meeting's exempt text.
    const needles = new Map(built.map((b) => [b.id, restricted ? new NeedleIndex() : leakNeedles(b.exemptText, allowListOf(b.view))]));
    if (!restricted && !batch) {
      options.log("Checking the public output for exempt material");
      const everyMeeting = NeedleIndex.of([...[...needles.values()].flatMap((n) => n.list()), ...[...reused.values()].flatMap((r) => r.needles)]);
      for (const leak of await findLeaks(staging, everyMeeting, { dir: join(root, ".panelpress-cache", "leak"), read: !options.clean })) {
        problems.error(join(root, "content"), undefined, "exempt/leak", `exempt material found in the public output: ${leak.file} (${leak.where}) contains "${leak.phrase.slice(0, 100)}"`, "a template or paper is publishing exempt text; nothing was published");
      }
      if (problems.errorCount > 0) return failed(prints);
    }

    // 7. Publish: swap the staged site into place; keep what was built for the next build. (A batch
    // publishes nothing: what it keeps is what the site is assembled from.)
    if (!batch) publish(staging, outDir); // atomic: outDir is a link to the build (src/pipeline/publish.ts)
    // Keeping records is a convenience for the next build: one that cannot be written (a full disk, a
    // concurrent build) only means that meeting is built again next time. A batch's must be kept.
    const kept: string[] = [];
    for (const meeting of site.meetings) {
      const own = built.find((b) => b.id === meeting.id)!;
      try {
        meetingCache.save(meeting.id, {
          key: keys.get(meeting.id)!,
          summary: summaryOf(meeting),
          manifest: manifestOf.get(meeting.id)!,
          warnings: own.problems.list.filter((p) => p.severity === "warning"),
          needles: needles.get(meeting.id)!.list(),
          papers: meeting.papers.length,
          pdfs: prints.filter((p) => p.output.startsWith(`meetings/${meeting.id}/`)).map((p) => ({ output: p.output, pages: p.pages })),
        }, staging); // the published build itself (outDir is a link to it)
        kept.push(meeting.id);
      } catch (error) {
        if (batch) throw error;
        options.log(`Could not keep ${meeting.id} for the next build (${(error as Error).message}); it will be built again`);
      }
    }
    if (batch) return { problems, site, prints, reused: [], stale: [], batched: [], kept, published: false };
    meetingCache.prune(new Set(ids));
    const batchedIds = new Set(batched.map((r) => r.summary.id));
    return { problems, site, prints, reused: [...reused.values()].filter((r) => !batchedIds.has(r.summary.id)), stale, batched, published: true };
  } finally {
    if (launching) await launching.then((printer) => printer.close(), () => undefined);
    discard(staging); // an unpublished build; nothing once published
  }
}

/**
 * A scoped build: every meeting outside the scope not already reused (unchanged) is taken as it was last
 * built; those are returned (stale: their inputs changed since). One that was never built, in this build's
 * mode, cannot be: the site would be published without it, so that is a ScopeError.
 */
function keepOutOfScope(scope: Scope, ids: readonly string[], reused: Map<string, MeetingRecord>, cache: MeetingCache): string[] {
  const inScope = new Set(scope.meetings);
  const outside = ids.filter((id) => !inScope.has(id) && !reused.has(id));
  const missing: string[] = [];
  for (const id of outside) {
    const record = cache.lastBuilt(id);
    if (record) reused.set(id, record);
    else missing.push(id);
  }
  if (missing.length > 0) {
    throw new ScopeError(`${missing.length === 1 ? "meeting" : "meetings"} ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} outside the scope and ${missing.length === 1 ? "has" : "have"} no earlier build to publish (with these options), so the site would be incomplete; nothing was published. Run a full build first ('panelpress build' with the same options, without --meeting or --committee)`);
  }
  return outside;
}

/** Print the meetings just built: their packs and papers, concurrently in the build's browser, through the print cache. */
async function printMeetings(
  printer: Printer,
  meetings: MeetingView[],
  options: { root: string; staging: string; builtAt: string; dates: Map<string, string>; clean: boolean; siteUrl: string | null; log: (message: string) => void },
): Promise<{ prints: PrintResult[]; packRanges: Map<string, PageRanges> }> {
  const { root, staging, builtAt, dates } = options;
  const siteUrl = options.siteUrl ?? undefined;
  printer.cache = new PrintCache(join(root, ".panelpress-cache", "pdf"), await cacheSalt(root, staging, await printer.version(), options.siteUrl), !options.clean);
  const jobs: PrintJob[] = meetings.flatMap((meeting) => [
    {
      source: `_print/${meeting.id}/pack.html`,
      output: meeting.packPdf.slice(1),
      sections: meeting.items.filter((i) => i.paper).map((i) => i.anchor),
      pageRanges: meeting.committee.pageRanges,
      date: dates.get(meeting.id) ?? builtAt,
      siteUrl,
    },
    ...meeting.papers.map((paper) => ({ source: `_print/${meeting.id}/${paper.slug}.html`, output: paper.pdf.slice(1), sections: [], date: dates.get(meeting.id) ?? builtAt, siteUrl })),
  ]);
  options.log(`Printing ${jobs.length} PDFs`);
  // Concurrent tabs of one browser; each PDF is deterministic, so the order of printing does not matter.
  const prints = await printer.printAll(jobs, printConcurrency(), (result) =>
    options.log(`  ${result.output}: ${result.pages} pages, ${result.cached ? "unchanged (from the print cache)" : `${result.passes} pass${result.passes > 1 ? "es" : ""}${result.drafts > 0 ? `, ${result.drafts} of them ${result.drafts > 1 ? "drafts" : "a draft"}` : ""} (${result.seconds.map((t) => `${t.toFixed(2)} s`).join(", ")})`}`),
  );
  const packRanges = new Map<string, PageRanges>();
  for (const meeting of meetings) {
    const pack = prints.find((result) => result.output === meeting.packPdf.slice(1));
    if (pack) packRanges.set(meeting.id, pack.ranges);
  }
  return { prints, packRanges };
}

/** How many documents print at once: PANELPRESS_PRINT_JOBS, else the number of cores (at most 4). */
function printConcurrency(): number {
  return countSetting(undefined, "PANELPRESS_PRINT_JOBS") ?? Math.min(4, availableParallelism());
}

/** Everything but the document that a PDF depends on (see src/print/cache.ts): the site's address is in its links to the site's files. */
async function cacheSalt(root: string, staging: string, chromium: string, siteUrl: string | null): Promise<string> {
  return hashToolCode(hashTree(join(staging, "assets")), "print").update(chromium).update(`\0site-url\0${siteUrl ?? ""}`).digest("hex");
}
