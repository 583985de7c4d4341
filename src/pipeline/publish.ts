/**
 * Publishing that never leaves you without a site.
 *
 *   <parent>/_site ──symlink──▶ <parent>/.panelpress-builds/_site-<pid>-<random>/   (the published build)
 *                               <parent>/.panelpress-builds/_site-<pid>-<random>/   (a build being staged)
 *
 * A build is staged in a hidden folder beside the output; publishing makes a symlink to it under a temporary
 * name and renames that over the output. rename(2) replaces a directory entry atomically, so at every moment
 * the output is either the last build or the new one, whole, even if the process is killed between any two
 * steps. (Renaming the old directory away and the new one in, as before, left a moment with no site.)
 *
 * What a killed build leaves behind is cleaned by the next build of the same output: staging folders
 * and temporary links whose process is no longer running. The builds folder is hidden and git-ignored.
 *
 * An output that is still a real directory (made by an earlier version) is moved into the builds folder
 * on its first publish and replaced by the link: the one moment without the output, two renames apart, is
 * made safe by recover(), which finishes such an interrupted publish on the next build.
 */
import { randomBytes } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, rmdirSync, symlinkSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { isRunning, onInterrupt } from "../print/print.ts";

/** The hidden folder, beside the output, that holds its builds. */
export const BUILDS_DIR = ".panelpress-builds";

/** `<output name>-<pid>-<random>`, or a temporary link to one (`.link`). */
const ENTRY = /^(.+)-(\d+)-([0-9a-f]{12})(\.link)?$/;
/** Staging and swap folders of the version before builds were kept in BUILDS_DIR. */
const LEGACY = /^(.+)\.panelpress-(?:tmp|old)-(\d+)$/;

/** Builds this process is staging (so not stale): each with the release of its interrupt clean-up. */
const staged = new Map<string, () => void>();

export function buildsDir(outDir: string): string {
  return join(dirname(resolve(outDir)), BUILDS_DIR);
}

/**
 * A fresh, empty folder to build `outDir` in. First finishes a publish that was interrupted and removes
 * what dead builds of this output left behind. The folder is removed if the process is interrupted.
 */
/**
 * Builds this process replaced by publishing, with when: each is kept for a grace period, so a reader (a
 * web server, a copy) that followed the old link just before the swap is never left with nothing.
 */
const superseded = new Map<string, number>();
const GRACE_MS = 2_000;

export function stage(outDir: string): string {
  const out = resolve(outDir);
  // Made first, so another build's discard() cannot remove the builds folder from under us.
  const dir = join(buildsDir(out), entryName(out));
  mkdirSync(dir, { recursive: true });
  staged.set(dir, onInterrupt(() => rmSync(dir, { recursive: true, force: true })));
  recover(out);
  prune(out);
  return dir;
}

/** Make a staged build the output, atomically, then remove the builds no longer needed. */
export function publish(staging: string, outDir: string): void {
  const out = resolve(outDir);
  const link = `${staging}.link`;
  rmSync(link, { force: true });
  // Relative, so the project folder can be moved or copied with its output.
  symlinkSync(relative(dirname(out), staging), link, "dir");
  // An output from before builds were linked: moved aside first (the one window; see recover()).
  if (lstatSync(out, { throwIfNoEntry: false })?.isDirectory()) renameSync(out, join(buildsDir(out), entryName(out)));
  const previous = currentBuild(out);
  renameSync(link, out);
  staged.get(staging)?.();
  staged.delete(staging);
  if (previous) superseded.set(previous, Date.now());
  prune(out);
}

/** Remove a staged build that was not published (nothing if it was: it is the output now). */
export function discard(staging: string): void {
  const release = staged.get(staging);
  if (!release) return;
  release();
  staged.delete(staging);
  rmSync(staging, { recursive: true, force: true });
  // A first build that failed leaves no trace.
  try {
    rmdirSync(dirname(staging));
  } catch {
    // not empty: other builds are kept there
  }
}

/** The build the output links to, if it is one of ours. */
export function currentBuild(outDir: string): string | undefined {
  const out = resolve(outDir);
  if (!lstatSync(out, { throwIfNoEntry: false })?.isSymbolicLink()) return undefined;
  const target = resolve(dirname(out), readlinkSync(out));
  return dirname(target) === buildsDir(out) ? target : undefined;
}

/**
 * Finish a publish that was killed while moving an old real directory aside: the output is missing, and
 * the temporary link to the complete new build is still in the builds folder. (Anywhere else, a leftover
 * link only means the old build is still published, and prune() removes it.) The earlier version's swap
 * could be killed the same way: its old site, moved aside, is put back.
 */
function recover(out: string): void {
  if (lstatSync(out, { throwIfNoEntry: false })) return;
  const builds = buildsDir(out);
  const links = readdirSync(builds)
    .filter((entry) => {
      const parsed = parseEntry(entry);
      return parsed?.name === basename(out) && parsed.link && !isRunning(parsed.pid);
    })
    .map((entry) => join(builds, entry))
    .filter((link) => {
      const target = linkTarget(link);
      return target !== undefined && existsSync(resolve(dirname(out), target));
    })
    .sort((a, b) => lstatSync(b).mtimeMs - lstatSync(a).mtimeMs);
  const legacy = readdirSync(dirname(out)).find((entry) => entry.startsWith(`${basename(out)}.panelpress-old-`) && !isRunning(Number(LEGACY.exec(entry)?.[2])));
  if (links[0]) renameSync(links[0], out);
  else if (legacy) renameSync(join(dirname(out), legacy), out);
}

/**
 * Remove builds of this output that are neither published, nor being staged by a running process, nor
 * replaced by this process less than GRACE_MS ago (a reader may still be in it).
 */
function prune(out: string): void {
  const builds = buildsDir(out);
  const current = currentBuild(out);
  for (const entry of readdirSync(builds)) {
    const parsed = parseEntry(entry);
    const path = join(builds, entry);
    if (parsed?.name !== basename(out) || path === current || staged.has(path)) continue;
    if (Date.now() - (superseded.get(path) ?? -Infinity) < GRACE_MS) continue;
    // Another process may be building this output now; this process's own older builds are done with.
    if (parsed.pid !== process.pid && isRunning(parsed.pid)) continue;
    rmSync(path, { recursive: true, force: true });
    superseded.delete(path);
  }
  for (const entry of readdirSync(dirname(out))) {
    const legacy = LEGACY.exec(entry);
    if (legacy?.[1] === basename(out) && !isRunning(Number(legacy[2]))) rmSync(join(dirname(out), entry), { recursive: true, force: true });
  }
}

function entryName(out: string): string {
  return `${basename(out)}-${process.pid}-${randomBytes(6).toString("hex")}`;
}

function linkTarget(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

export function parseEntry(entry: string): { name: string; pid: number; link: boolean } | undefined {
  const match = ENTRY.exec(entry);
  return match ? { name: match[1]!, pid: Number(match[2]), link: match[4] !== undefined } : undefined;
}
