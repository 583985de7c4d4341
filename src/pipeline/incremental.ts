/**
 * The meeting cache: a meeting whose inputs are unchanged since its last published build is not built,
 * rendered, printed or leak-checked again. Its published files, its index entry, its manifest entry,
 * its warnings and its leak-check needles come from the record that build left behind.
 *
 * A meeting's key hashes everything its output can depend on:
 *   - its own folders, content/meetings/<id>/ and data/meetings/<id>/;
 *   - every committee file, the project's templates and .eleventy.js;
 *   - panelpress itself: its source and its locked dependencies;
 *   - the build mode (public or restricted, with or without PDFs) and, with PDFs, the date stamped
 *     into them and the Chromium that prints them.
 *   - the folders of the meetings linked to it by minutes (meetingLinks in load.ts: minutes are shown on
 *     the page of the meeting they record, from whichever meeting publishes them).
 * Nothing else a meeting's pages show comes from another meeting (the index, the manifest and the
 * accessibility statement are rebuilt every time from the records), so the key is complete.
 *
 * Records live in .panelpress-cache/meetings/<mode>/<id>/ and are written only after a build has been
 * published, so a failed build never leaves a record. `build --clean` reads none of them. A scoped build
 * (`build --meeting`, src/pipeline/scope.ts) takes each meeting outside its scope from its last record even
 * if its key has changed (lastBuilt()): that is the meeting as published, and the build says so.
 *
 * The cache is verified, not trusted. A record is sealed (see seal() in print/cache.ts) and lists the
 * SHA-256 of every file it keeps; a reused meeting's files are hashed before it counts as unchanged and
 * again as they are put into the site being built. The files are hard links shared with the published
 * site, so a file edited in _site/ changes the cached copy too: its hash no longer matches, and the
 * meeting is built again instead of being published as it now is.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { filesUnder, hashTree, TOOL_ROOT } from "../lib/files.ts";
import { isHex64, isObject, parseJson, readOrUndefined, seal, sha256File, unseal } from "../print/cache.ts";
import type { Needle } from "../exempt/leak-check.ts";
import type { ManifestMeeting } from "./manifest.ts";
import type { MeetingSummary } from "../model/view.ts";
import type { Problem, Problems } from "../content/problems.ts";

export interface MeetingRecord {
  key: string;
  summary: MeetingSummary;
  manifest: ManifestMeeting;
  /** Warnings found when the meeting was built; files relative to the project. */
  warnings: Problem[];
  /** What the pages shared by all meetings must not contain of this meeting's exempt material. */
  needles: Needle[];
  papers: number;
  pdfs: Array<{ output: string; pages: number }>;
  /** The meeting's published files (relative to the site), with the SHA-256 of each when it was kept. */
  files: Array<[path: string, sha256: string]>;
}

/** A kept file no longer has the bytes its record lists, found while putting it into a site. */
export class CacheTamperedError extends Error {}

const RECORD_FORMAT = "panelpress-meeting-record/2";

export interface BuildMode {
  restricted: boolean;
  pdf: boolean;
  /** The print documents are kept in the site (`serve` prints from them on request). */
  keepPrint: boolean;
  /** With PDFs: the printing browser's identity. */
  chromium?: string;
}

export class MeetingCache {
  private readonly dir: string;
  private readonly salt: string;
  /** Meetings kept by this build's own batches (batches.ts): read even when the cache is not readable. */
  private readonly admitted = new Set<string>();

  constructor(
    private readonly root: string,
    mode: BuildMode,
    /** False for a clean build: nothing is reused (records are still written). */
    private readonly readable = true,
  ) {
    this.dir = join(root, ".panelpress-cache", "meetings", [mode.restricted ? "restricted" : "public", mode.pdf ? "pdf" : "html", ...(mode.keepPrint ? ["print"] : [])].join("-"));
    this.salt = sharedInputsHash(root, mode);
  }

  /** The key of a meeting's inputs as they are now (and, with PDFs, the date they carry), with the meetings linked to it. */
  key(id: string, pdfDate: string, linked: Iterable<string> = []): string {
    const hash = createHash("sha256").update(this.salt).update(pdfDate);
    for (const folder of [id, ...[...linked].sort()]) {
      hashTree(join(this.root, "content", "meetings", folder), hash.update(`\0content ${folder}\0`));
      hashTree(join(this.root, "data", "meetings", folder), hash.update(`\0data ${folder}\0`));
    }
    return hash.digest("hex");
  }

  /** The record of the meeting's last build, if its inputs are the same now and its files are intact. */
  get(id: string, key: string): MeetingRecord | undefined {
    return this.intact(id, (record) => record.key === key);
  }

  /**
   * The record of the meeting's last published build, whatever changed since, if its files are intact: a
   * scoped build (`build --meeting`) publishes the meetings outside its scope as they were last built.
   */
  lastBuilt(id: string): MeetingRecord | undefined {
    return this.intact(id, () => true);
  }

  /**
   * Records written by this build's batches (batches.ts) are this build's own work: a clean build, which
   * reads no earlier record, reads these.
   */
  admit(ids: Iterable<string>): void {
    for (const id of ids) this.admitted.add(id);
  }

  private intact(id: string, wanted: (record: MeetingRecord) => boolean): MeetingRecord | undefined {
    if (!this.readable && !this.admitted.has(id)) return undefined;
    const record = readRecord(join(this.dir, id, "record.json"), id);
    if (!record || !wanted(record)) return undefined;
    if (record.files.every(([path, digest]) => hashOf(join(this.dir, id, "files", path)) === digest)) return record;
    // Changed since it was kept (e.g. edited through _site/, which shares the file): never reuse it.
    this.evict(id);
    return undefined;
  }

  /**
   * Put the meeting's published files into a site being built, checking each one put there against
   * its record again (it may have changed since get()). A mismatch throws: nothing may be published.
   */
  restore(id: string, record: MeetingRecord, siteDir: string): void {
    const made = new Set<string>();
    for (const [path, digest] of record.files) {
      const staged = join(siteDir, path);
      linkOrCopy(join(this.dir, id, "files", path), staged, made);
      if (hashOf(staged) !== digest) {
        this.evict(id);
        throw new CacheTamperedError(`the kept copy of ${path} changed during the build; nothing was published (build again: ${id} will be rebuilt)`);
      }
    }
  }

  /** Its warnings, added to this build's problems as if found again. */
  replay(record: MeetingRecord, problems: Problems): void {
    // Their files' text is not read here: a report reads the lines it shows (Problems.format).
    for (const warning of record.warnings) problems.add({ ...warning, file: resolve(this.root, warning.file) });
  }

  /** Forget meetings no longer in the project (their folders were removed or renamed). */
  prune(keep: ReadonlySet<string>): void {
    if (!existsSync(this.dir)) return;
    for (const id of readdirSync(this.dir)) if (!keep.has(id)) rmSync(join(this.dir, id), { recursive: true, force: true });
  }

  /** Keep a published meeting: its files (from the site just published) and its record. */
  save(id: string, record: Omit<MeetingRecord, "files">, siteDir: string): void {
    const target = join(this.dir, id);
    const fresh = `${target}.tmp-${process.pid}`;
    rmSync(fresh, { recursive: true, force: true });
    const files: MeetingRecord["files"] = [];
    const made = new Set<string>();
    // Its folder, and its print documents when they are kept.
    const paths = [`meetings/${id}`, `_print/${id}`].flatMap((folder) => (existsSync(join(siteDir, folder)) ? filesUnder(join(siteDir, folder)).map((file) => `${folder}/${file}`) : []));
    for (const path of paths) {
      const cached = join(fresh, "files", path);
      linkOrCopy(join(siteDir, path), cached, made);
      // The hash of the bytes as kept, read back through the cache's own link.
      files.push([path, sha256File(cached)]);
    }
    const warnings = record.warnings.map((w) => ({ ...w, file: relative(this.root, w.file) }));
    const kept: MeetingRecord = { ...record, warnings, files };
    writeFileSync(join(fresh, "record.json"), seal(RECORD_FORMAT, JSON.stringify(kept)));
    // The folder is swapped in whole: a build killed here leaves no record (a miss), never half of one.
    rmSync(target, { recursive: true, force: true });
    renameSync(fresh, target);
  }

  /** Forget a meeting whose record or files are damaged, so that its rebuild replaces them cleanly. */
  private evict(id: string): void {
    rmSync(join(this.dir, id), { recursive: true, force: true });
  }
}

/** A record, if it is intact, of the current format, well formed and of this meeting. */
function readRecord(file: string, id: string): MeetingRecord | undefined {
  const text = readOrUndefined(file)?.toString("utf8");
  const body = text === undefined ? undefined : unseal(RECORD_FORMAT, text);
  const value = body === undefined ? undefined : parseJson(body);
  return isMeetingRecord(value, id) ? value : undefined;
}

/** The SHA-256 of a file's bytes; undefined if it cannot be read (so it matches no recorded hash). */
function hashOf(file: string): string | undefined {
  try {
    return sha256File(file);
  } catch {
    return undefined;
  }
}

/**
 * The shape of a record, checked so that one that parses but is not a record is a miss, not a crash
 * later; and its files must be this meeting's, inside the site (restore() writes to these paths).
 */
function isMeetingRecord(value: unknown, id: string): value is MeetingRecord {
  if (!isObject(value)) return false;
  const { key, summary, manifest, warnings, needles, papers, pdfs, files } = value;
  return isHex64(key)
    && isObject(summary) && summary.id === id
    && isObject(manifest) && manifest.id === id
    && Array.isArray(warnings) && warnings.every(isWarning)
    && Array.isArray(needles) && needles.every(isNeedle)
    && isCount(papers)
    && Array.isArray(pdfs) && pdfs.every((p) => isObject(p) && typeof p.output === "string" && isCount(p.pages))
    && Array.isArray(files) && files.every((f) => Array.isArray(f) && f.length === 2 && isOwnPath(f[0], id) && isHex64(f[1]));
}

/** A warning of a file inside the project (replay() reads the file to show the line). */
function isWarning(value: unknown): value is Problem {
  return isObject(value) && typeof value.file === "string" && !isAbsolute(value.file) && !value.file.split(/[\\/]/).includes("..")
    && typeof value.line === "number" && typeof value.column === "number"
    && typeof value.rule === "string" && value.severity === "warning" && typeof value.message === "string";
}

function isNeedle(value: unknown): value is Needle {
  return isObject(value) && typeof value.phrase === "string" && Array.isArray(value.words) && value.words.every((w) => typeof w === "string");
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** A '/'-separated path under meetings/<id>/ or _print/<id>/, with no '.', '..' or empty segment. */
function isOwnPath(value: unknown, id: string): value is string {
  if (typeof value !== "string" || value.includes("\\") || value.includes("\0")) return false;
  const [folder, meeting, ...rest] = value.split("/");
  return (folder === "meetings" || folder === "_print") && meeting === id && rest.length > 0 && rest.every((s) => s !== "" && s !== "." && s !== "..");
}

/** Hash of everything every meeting depends on (see the module comment). */
function sharedInputsHash(root: string, mode: BuildMode): string {
  const hash = createHash("sha256").update(JSON.stringify(mode));
  hashTree(join(TOOL_ROOT, "src"), hash.update("\0tool\0"));
  // Names relative to their folder, never absolute paths: a project moved or copied keeps its cache.
  for (const [base, name] of [[TOOL_ROOT, "package-lock.json"], [root, "package.json"], [root, ".eleventy.js"]] as const) {
    const file = join(base, name);
    if (existsSync(file)) hash.update(name).update(readFileSync(file));
  }
  hashTree(join(root, "templates"), hash.update("\0templates\0"));
  // Everything under data/ but the meetings' own folders: committees, and the files papers share (action logs).
  const shared = existsSync(join(root, "data")) ? readdirSync(join(root, "data")).filter((name) => name !== "meetings").sort() : [];
  for (const name of shared) hashTree(join(root, "data", name), hash.update(`\0data/${name}\0`));
  // The public address is in every page's canonical link.
  hash.update(`\0site-url\0${process.env.PANELPRESS_SITE_URL ?? ""}`);
  return hash.digest("hex");
}

/** A hard link where the file system allows (no copying; the build never writes into a published file), else a copy. */
function linkOrCopy(from: string, to: string, made: Set<string>): void {
  if (!made.has(dirname(to))) mkdirSync(dirname(to), { recursive: true });
  made.add(dirname(to));
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Chromium's identity for cache keys, without starting it: the executable's path, size and time. */
export function chromiumIdentity(executable: string): string {
  const stat = statSync(executable);
  return `${executable} ${stat.size} ${stat.mtimeMs}`;
}
