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
 * Nothing a meeting's pages show comes from another meeting (the index, the manifest and the
 * accessibility statement are rebuilt every time from the records), so the key is complete.
 *
 * Records live in .panelpress-cache/meetings/<mode>/<id>/ and are written only after a build has been
 * published, so a failed build never leaves a record. `build --clean` reads none of them.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { filesUnder, hashTree, TOOL_ROOT } from "../lib/files.ts";
import type { Needle } from "../exempt/leak-check.ts";
import type { ManifestMeeting } from "./manifest.ts";
import type { MeetingSummary } from "../model/view.ts";
import type { Problem, Problems } from "./problems.ts";

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
  /** The meeting's published files (relative to the site), with size and time: a file changed since is a miss. */
  files: Array<[path: string, size: number, mtimeMs: number]>;
}

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

  constructor(
    private readonly root: string,
    mode: BuildMode,
    /** False for a clean build: nothing is reused (records are still written). */
    private readonly readable = true,
  ) {
    this.dir = join(root, ".panelpress-cache", "meetings", [mode.restricted ? "restricted" : "public", mode.pdf ? "pdf" : "html", ...(mode.keepPrint ? ["print"] : [])].join("-"));
    this.salt = sharedInputsHash(root, mode);
  }

  /** The key of a meeting's inputs as they are now (and, with PDFs, the date they carry). */
  key(id: string, pdfDate: string): string {
    const hash = createHash("sha256").update(this.salt).update(pdfDate);
    hashTree(join(this.root, "content", "meetings", id), hash.update("\0content\0"));
    hashTree(join(this.root, "data", "meetings", id), hash.update("\0data\0"));
    return hash.digest("hex");
  }

  /** The record of the meeting's last build, if its inputs are the same now. */
  get(id: string, key: string): MeetingRecord | undefined {
    if (!this.readable) return undefined;
    const file = join(this.dir, id, "record.json");
    if (!existsSync(file) || !existsSync(join(this.dir, id, "files"))) return undefined;
    try {
      const record = JSON.parse(readFileSync(file, "utf8")) as MeetingRecord;
      if (record.key !== key) return undefined;
      // The files are shared with published sites (hard links): one edited in place is not trusted.
      const intact = record.files.every(([path, size, mtimeMs]) => {
        const stat = statSync(join(this.dir, id, "files", path), { throwIfNoEntry: false });
        return stat?.size === size && stat.mtimeMs === mtimeMs;
      });
      return intact ? record : undefined;
    } catch {
      return undefined; // a damaged record is simply a miss
    }
  }

  /** Put the meeting's published files into a site being built. */
  restore(id: string, record: MeetingRecord, siteDir: string): void {
    const made = new Set<string>();
    for (const [path] of record.files) linkOrCopy(join(this.dir, id, "files", path), join(siteDir, path), made);
  }

  /** Its warnings, added to this build's problems as if found again. */
  replay(record: MeetingRecord, problems: Problems): void {
    const remembered = new Set<string>();
    for (const warning of record.warnings) {
      const file = resolve(this.root, warning.file);
      if (!remembered.has(file) && existsSync(file)) problems.remember(file, readFileSync(file, "utf8"));
      remembered.add(file);
      problems.add({ ...warning, file });
    }
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
      const stat = statSync(cached);
      files.push([path, stat.size, stat.mtimeMs]);
    }
    const warnings = record.warnings.map((w) => ({ ...w, file: relative(this.root, w.file) }));
    writeFileSync(join(fresh, "record.json"), JSON.stringify({ ...record, warnings, files }));
    rmSync(target, { recursive: true, force: true });
    renameSync(fresh, target);
  }
}

/** Hash of everything every meeting depends on (see the module comment). */
function sharedInputsHash(root: string, mode: BuildMode): string {
  const hash = createHash("sha256").update(JSON.stringify(mode));
  hashTree(join(TOOL_ROOT, "src"), hash.update("\0tool\0"));
  for (const file of [join(TOOL_ROOT, "package-lock.json"), join(root, "package.json"), join(root, ".eleventy.js")]) {
    if (existsSync(file)) hash.update(file).update(readFileSync(file));
  }
  hashTree(join(root, "templates"), hash.update("\0templates\0"));
  hashTree(join(root, "data", "committees"), hash.update("\0committees\0"));
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
