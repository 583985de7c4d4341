/**
 * Caches verified, not trusted: a cached artefact that is not byte for byte what was kept is rebuilt,
 * never published. The meeting cache (src/pipeline/incremental.ts) on a small made-up project: a cached
 * file changed, truncated, swapped with another or edited through _site/, or a record damaged or forged,
 * and the next build rebuilds that meeting and publishes exactly what a clean build does. The print
 * cache (src/print/cache.ts) at unit level; end to end, with Chromium, in test/print/reprint.test.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../src/pipeline/index.ts";
import { CacheTamperedError, MeetingCache, type MeetingRecord } from "../../src/pipeline/incremental.ts";
import { PrintCache, seal, sha256 } from "../../src/print/cache.ts";
import { planMeeting, planPaper, writePlanned } from "../../src/scaffold/index.ts";
import { fileHashes, ROOT } from "../helpers.ts";

const FIRST = "2023-01-10";
const SECOND = "2023-02-14";
const MEETINGS = [FIRST, SECOND];

const COMMITTEE = `id: tp
name: Test Panel
short: TP
host: Test Council
quorum: 3
default_start: "10:00"
venues:
  room-1: {room: Room 1, building: Town Hall, town: Testtown, postcode: TT1 1TT}
contact: {name: A Clerk, role: Clerk to the Panel, email: clerk@example.org}
notices:
  - {heading: Recording, body: The meeting may be recorded.}
exempt_notice:
  heading: Exempt information
  subtitle: Not for publication
  statement: The following item contains exempt information.
  resolution: That the public be excluded for the following item.
`;

/** A project of two meetings of one paper each, scaffolded from scratch (the repository's templates only). */
function scaffoldedProject(): string {
  const project = mkdtempSync(join(tmpdir(), "panelpress-tamper-"));
  cpSync(join(ROOT, "templates"), join(project, "templates"), { recursive: true });
  for (const file of [".eleventy.js", "package.json"]) cpSync(join(ROOT, file), join(project, file));
  symlinkSync(join(ROOT, "node_modules"), join(project, "node_modules"));
  mkdirSync(join(project, "data", "committees"), { recursive: true });
  writeFileSync(join(project, "data", "committees", "tp.yaml"), COMMITTEE);
  for (const date of MEETINGS) {
    writePlanned(project, planMeeting(project, date));
    writePlanned(project, planPaper(project, { meeting: date, kind: "generic", title: `Spending by area, ${date}` }));
  }
  return project;
}

interface Built {
  built: string[];
  reused: string[];
  files: Map<string, string>;
}

async function buildSite(project: string, options: { clean?: boolean; out?: string } = {}): Promise<Built> {
  process.env.SOURCE_DATE_EPOCH = "1670457600";
  const out = options.out ?? join(mkdtempSync(join(tmpdir(), "panelpress-tamper-site-")), "site");
  const outcome = await build({ root: project, outDir: out, pdf: false, clean: Boolean(options.clean), log: () => {} });
  expect(outcome.published, outcome.problems.format(project)).toBe(true);
  return {
    built: (outcome.site?.meetings ?? []).map((m) => m.id).sort(),
    reused: outcome.reused.map((r) => r.summary.id).sort(),
    files: fileHashes(out),
  };
}

/** Files whose hashes differ between two builds (both ways). */
function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((file) => a.get(file) !== b.get(file)).sort();
}

const cacheDir = (project: string, mode = "public-html") => join(project, ".panelpress-cache", "meetings", mode);
const keptFile = (project: string, id: string, path: string, mode?: string) => join(cacheDir(project, mode), id, "files", path);

describe("the meeting cache verifies what it reuses", () => {
  let project = "";
  let site = "";
  let reference = new Map<string, string>();

  beforeAll(async () => {
    project = scaffoldedProject();
    site = join(project, "_site");
    // Hashes held in memory: the kept files are hard links, so a tampered one changes every site sharing it.
    reference = (await buildSite(project, { clean: true })).files;
    const warm = await buildSite(project, { out: site });
    expect(warm.reused).toEqual(MEETINGS);
    expect(differences(reference, warm.files)).toEqual([]);
  }, 300_000);

  /** After a tampering: the next build rebuilds exactly the tampered meeting, and publishes a clean build's bytes. */
  async function expectRebuilt(id: string): Promise<void> {
    const after = await buildSite(project, { out: site });
    expect(after.built).toEqual([id]);
    expect(after.reused).toEqual(MEETINGS.filter((m) => m !== id));
    expect(differences(reference, after.files)).toEqual([]);
    // And the record was kept afresh: the build after that reuses everything again.
    expect((await buildSite(project, { out: site })).reused).toEqual(MEETINGS);
  }

  it("rebuilds a meeting whose kept file had a byte changed", async () => {
    const file = keptFile(project, FIRST, `meetings/${FIRST}/index.html`);
    const bytes = readFileSync(file);
    const at = bytes.indexOf("Spending by area");
    expect(at).toBeGreaterThan(0);
    const { atime, mtime } = statSync(file);
    bytes[at] = "Z".charCodeAt(0);
    writeFileSync(file, bytes); // in place: the same file as _site's
    utimesSync(file, atime, mtime); // same size, same time: only the bytes tell
    await expectRebuilt(FIRST);
  });

  it("rebuilds a meeting whose kept file was truncated", async () => {
    const paper = readRecord(project, SECOND).files.map(([path]) => path).find((path) => /\/[^/]+-paper\/index\.html$/.test(path));
    expect(paper).toBeDefined();
    const file = keptFile(project, SECOND, paper!);
    truncateSync(file, Math.floor(readFileSync(file).length / 2));
    await expectRebuilt(SECOND);
  });

  it("rebuilds a meeting two of whose kept files had their contents swapped", async () => {
    const record = readRecord(project, FIRST);
    const [a, b] = record.files.filter(([path]) => path.endsWith(".html")).map(([path]) => keptFile(project, FIRST, path));
    const [one, two] = [readFileSync(a!), readFileSync(b!)];
    expect(one.equals(two)).toBe(false);
    writeFileSync(a!, two);
    writeFileSync(b!, one);
    await expectRebuilt(FIRST);
  });

  it("rebuilds a meeting whose kept file was swapped with the other meeting's", async () => {
    const name = (id: string) => `meetings/${id}/index.html`;
    writeFileSync(keptFile(project, SECOND, name(SECOND)), readFileSync(keptFile(project, FIRST, name(FIRST))));
    await expectRebuilt(SECOND);
  });

  it("rebuilds a meeting whose page was edited in the published site (a hard link to the kept copy)", async () => {
    appendFileSync(join(site, "meetings", FIRST, "index.html"), "<!-- edited by hand -->");
    await expectRebuilt(FIRST);
  });

  it("rebuilds a meeting whose record is truncated, altered, of another meeting, or missing", async () => {
    const file = join(cacheDir(project), SECOND, "record.json");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.slice(0, text.length / 2));
    await expectRebuilt(SECOND);

    // Still valid JSON, one figure changed: the seal does not match.
    const papers = readFileSync(file, "utf8");
    expect(papers).toContain('\\"papers\\":1');
    writeFileSync(file, papers.replace('\\"papers\\":1', '\\"papers\\":2'));
    await expectRebuilt(SECOND);

    // Another meeting's (intact) record in its place.
    cpSync(join(cacheDir(project), FIRST, "record.json"), file);
    await expectRebuilt(SECOND);

    writeFileSync(file, "\0\0\0garbage");
    await expectRebuilt(SECOND);
  });

  it("does not trust a record that names files outside the meeting, even with a valid seal", async () => {
    // A file that is really there, with the hash recorded, at a path that climbs out of the site being built.
    const record = readRecord(project, FIRST);
    writeFileSync(join(cacheDir(project), FIRST, "escaped.html"), "escaped");
    const forged: MeetingRecord = { ...record, files: [...record.files, [`meetings/${FIRST}/../../../escaped.html`, sha256("escaped")]] };
    writeFileSync(join(cacheDir(project), FIRST, "record.json"), seal("panelpress-meeting-record/2", JSON.stringify(forged)));
    await expectRebuilt(FIRST);
    expect(existsSync(join(project, "escaped.html"))).toBe(false);
  });

  it("refuses to put a file into the site that changed after the record was checked", () => {
    const cache = new MeetingCache(project, { restricted: false, pdf: false, keepPrint: false });
    const record = cache.get(FIRST, cache.key(FIRST, ""));
    expect(record).toBeDefined();
    appendFileSync(keptFile(project, FIRST, `meetings/${FIRST}/index.html`), "<!-- changed between check and restore -->");
    const staging = mkdtempSync(join(tmpdir(), "panelpress-tamper-staging-"));
    expect(() => cache.restore(FIRST, record!, staging)).toThrow(CacheTamperedError);
    // The meeting is forgotten, so the next build rebuilds it.
    expect(existsSync(join(cacheDir(project), FIRST))).toBe(false);
  });
});

/** A meeting's record as kept (unsealed without checking: the test reads what it is about to tamper with). */
function readRecord(project: string, id: string): MeetingRecord {
  const envelope = JSON.parse(readFileSync(join(cacheDir(project), id, "record.json"), "utf8")) as { body: string };
  return JSON.parse(envelope.body) as MeetingRecord;
}

describe("the print cache verifies what it returns", () => {
  const KEY_A = sha256("a");
  const KEY_B = sha256("b");
  const ranges = new Map<string, [number, number]>([["item-1", [1, 3]], ["item-2", [4, 4]]]);

  /** A cache holding two entries, with PDFs of different bytes. */
  function twoEntries(): { dir: string; cache: PrintCache } {
    const dir = mkdtempSync(join(tmpdir(), "panelpress-print-cache-"));
    const cache = new PrintCache(join(dir, "cache"), "salt");
    for (const [key, text] of [[KEY_A, "%PDF-1.7 entry A\n%%EOF\n"], [KEY_B, "%PDF-1.7 entry B, a little longer\n%%EOF\n"]] as const) {
      writeFileSync(join(dir, "printed.pdf"), text);
      cache.put(key, join(dir, "printed.pdf"), key === KEY_A ? 4 : 1, key === KEY_A ? ranges : new Map());
    }
    return { dir, cache };
  }
  const entry = (dir: string, key: string, ext: "pdf" | "json") => join(dir, "cache", `${key}.${ext}`);

  /** A miss, and the damaged entry is gone (so the reprint replaces it). */
  function expectMissAndRemoved(dir: string, cache: PrintCache, key: string): void {
    expect(cache.get(key)).toBeUndefined();
    expect(existsSync(entry(dir, key, "pdf")) || existsSync(entry(dir, key, "json"))).toBe(false);
  }

  it("returns an intact entry, with its bytes, pages and ranges, and leaves no temporary files", () => {
    const { dir, cache } = twoEntries();
    const hit = cache.get(KEY_A);
    expect(hit?.bytes.toString()).toBe("%PDF-1.7 entry A\n%%EOF\n");
    expect(readFileSync(hit!.pdf).equals(hit!.bytes)).toBe(true);
    expect(hit?.pages).toBe(4);
    expect(hit?.ranges).toEqual(ranges);
    expect(readdirSync(join(dir, "cache")).sort()).toEqual([KEY_A, KEY_B].flatMap((k) => [`${k}.json`, `${k}.pdf`]).sort());
    expect(new PrintCache(join(dir, "cache"), "salt", false).get(KEY_A)).toBeUndefined(); // a clean build reads nothing
  });

  it("misses a PDF with a byte changed", () => {
    const { dir, cache } = twoEntries();
    const bytes = readFileSync(entry(dir, KEY_A, "pdf"));
    bytes[10] = bytes[10]! ^ 1;
    writeFileSync(entry(dir, KEY_A, "pdf"), bytes);
    expectMissAndRemoved(dir, cache, KEY_A);
    expect(cache.get(KEY_B)).toBeDefined();
  });

  it("misses a truncated or emptied PDF", () => {
    const { dir, cache } = twoEntries();
    truncateSync(entry(dir, KEY_A, "pdf"), 8);
    expectMissAndRemoved(dir, cache, KEY_A);
    truncateSync(entry(dir, KEY_B, "pdf"), 0);
    expectMissAndRemoved(dir, cache, KEY_B);
  });

  it("misses another entry's PDF copied over this one's, with or without its metadata", () => {
    const { dir, cache } = twoEntries();
    cpSync(entry(dir, KEY_A, "pdf"), entry(dir, KEY_B, "pdf"));
    expectMissAndRemoved(dir, cache, KEY_B);
    expect(cache.get(KEY_A)).toBeDefined();

    const again = twoEntries();
    for (const ext of ["pdf", "json"] as const) cpSync(entry(again.dir, KEY_A, ext), entry(again.dir, KEY_B, ext));
    expectMissAndRemoved(again.dir, again.cache, KEY_B);
  });

  it("misses damaged, altered or missing metadata, and a PDF without it", () => {
    const { dir, cache } = twoEntries();
    const meta = readFileSync(entry(dir, KEY_A, "json"), "utf8");
    writeFileSync(entry(dir, KEY_A, "json"), meta.slice(0, meta.length - 10));
    expectMissAndRemoved(dir, cache, KEY_A);

    expect(readFileSync(entry(dir, KEY_B, "json"), "utf8")).toContain('\\"pages\\":1');
    writeFileSync(entry(dir, KEY_B, "json"), readFileSync(entry(dir, KEY_B, "json"), "utf8").replace('\\"pages\\":1', '\\"pages\\":2'));
    expectMissAndRemoved(dir, cache, KEY_B);

    // The old, unsealed format is not trusted either.
    const old = twoEntries();
    writeFileSync(entry(old.dir, KEY_A, "json"), JSON.stringify({ pages: 4, ranges: [...ranges] }));
    expectMissAndRemoved(old.dir, old.cache, KEY_A);
  });

  it("never sees a half-written entry: a build killed mid-put leaves a miss", () => {
    const { dir, cache } = twoEntries();
    // Killed after the PDF was renamed into place but before its metadata: the old metadata does not match.
    writeFileSync(join(dir, "reprinted.pdf"), "%PDF-1.7 entry A, reprinted differently\n%%EOF\n");
    cpSync(join(dir, "reprinted.pdf"), entry(dir, KEY_A, "pdf"));
    expectMissAndRemoved(dir, cache, KEY_A);
    // Killed while writing: only a temporary file exists, which is never read.
    writeFileSync(`${entry(dir, KEY_A, "pdf")}.tmp-1-deadbeef`, "%PDF-1.7 half");
    expect(cache.get(KEY_A)).toBeUndefined();
    // A put afterwards makes a whole entry again.
    cache.put(KEY_A, join(dir, "reprinted.pdf"), 2, new Map());
    expect(cache.get(KEY_A)?.bytes.toString()).toContain("reprinted differently");
  });
});
