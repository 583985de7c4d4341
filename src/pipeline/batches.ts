/**
 * A build of many meetings, in batches of a few, each in a child process of its own (issue 22). One process
 * building every meeting holds every meeting's model, downloads and rendered pages until the site-wide pages
 * are rendered, so its memory grows with the archive (about 13 MB a meeting). But a meeting's output depends
 * only on its own inputs and on the meetings linked to it by minutes, which is why the meeting cache
 * (incremental.ts) can reuse meetings one by one: so a large build first builds its meetings in link-closed
 * batches, each by the ordinary build (load, validate, model, render, print, leak-check its own files) into a
 * scratch folder whose meetings are kept in the meeting cache and then dropped with the process, several
 * processes at once (one per core). Then the ordinary build runs once more, in which every meeting is a cache
 * hit: it renders only the site-wide pages from the records, writes the manifest and search index, checks
 * the whole output for leaks (across batches) and publishes. A child's memory is returned to the system when
 * it ends, so the peak is a few batches and the records, however large the archive. A batch reports its
 * problems to the parent in a JSON file; a batch that crashes or is killed is an error of the build, with its
 * last words. Nothing is published unless every batch and the assembly succeed.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { Problems, type Problem } from "../content/problems.ts";
import { countSetting } from "../lib/counts.ts";
import { TOOL_ROOT } from "../lib/files.ts";
import { onInterrupt } from "../print/print.ts";
import { meetingCommittee } from "./scope.ts";

/**
 * Meetings a batch holds at most, unless PANELPRESS_BATCH_SIZE (or the option) says otherwise. A batch process
 * of synthetic meetings peaks at about 330 MB and 7 MB a meeting (15: 387 MB, 30: 540 MB), and as many run at
 * once as there are cores: 15 keeps two of them and the parent under 1 GB.
 */
export const DEFAULT_BATCH_SIZE = 15;

/** The first argument that makes bin/panelpress.js a batch child (not a command: not in any help). */
export const BATCH_CHILD = "--internal-build-batch";

/** A meeting a batch builds, with what the parent decided about it (so the child need not hash the archive). */
export interface BatchMeeting {
  id: string;
  /** Its meeting-cache key, as the parent computed it. */
  key: string;
  /** With PDFs: the date its PDFs carry. */
  date: string;
}

/** What a child is asked to build (written to a file the child reads). */
export interface BatchSpec {
  root: string;
  outDir: string;
  pdf: boolean;
  restricted: boolean;
  clean: boolean;
  builtAt: string;
  meetings: BatchMeeting[];
  /** The committee of every meeting of the project (as its meeting.yaml names it): minutes are checked against them. */
  committees: Record<string, string>;
  /** Where the child writes its BatchResult. */
  result: string;
}

/** What a child reports: its problems (warnings too) and the meetings it kept in the meeting cache. */
export interface BatchResult {
  problems: Problem[];
  kept: string[];
}

export interface BatchOptions {
  /** Meetings per batch (a group linked by minutes is never split, so a batch may be larger). */
  size?: number;
  /** Batches at once; the number of cores by default. */
  jobs?: number;
}

/** Meetings a batch holds at most: the option, else PANELPRESS_BATCH_SIZE, else DEFAULT_BATCH_SIZE. */
export function batchSize(options: BatchOptions = {}): number {
  return countSetting(options.size, "PANELPRESS_BATCH_SIZE") ?? DEFAULT_BATCH_SIZE;
}

/** Batches at once: the option, else PANELPRESS_JOBS, else the number of cores. */
export function batchJobs(options: BatchOptions = {}): number {
  return countSetting(options.jobs, "PANELPRESS_JOBS") ?? availableParallelism();
}

/**
 * How many meetings to put in a batch: as many as `most`, but evenly, so that the batches come in full rounds
 * of `jobs` at once. A last round of one batch leaves the other cores idle while it runs (60 meetings in
 * batches of 12 on two cores: three rounds, the last one batch alone), and every batch pays the start of a
 * build (loading modules, compiling templates: about a second), so fewer, fuller batches are faster.
 */
export function evenBatchSize(meetings: number, jobs: number, most: number): number {
  const batches = Math.max(1, jobs) * Math.ceil(meetings / (Math.max(1, jobs) * most));
  return Math.max(1, Math.ceil(meetings / batches));
}

/**
 * The meetings to build, in folder order, cut into batches of about `size`: meetings linked by minutes
 * (one's page shows what the other publishes) always share a batch, so each batch is closed under links.
 */
export function planBatches(pending: readonly string[], links: ReadonlyMap<string, ReadonlySet<string>>, size: number): string[][] {
  const groupOf = new Map<string, string[]>();
  const groups: string[][] = [];
  for (const id of pending) {
    if (groupOf.has(id)) continue;
    const group: string[] = [];
    for (const queue = [id]; queue.length > 0;) {
      const next = queue.pop()!;
      if (groupOf.has(next)) continue;
      groupOf.set(next, group);
      group.push(next);
      for (const other of links.get(next) ?? []) if (!groupOf.has(other)) queue.push(other);
    }
    groups.push(group.sort());
  }
  const batches: string[][] = [];
  let current: string[] = [];
  for (const group of groups) {
    if (current.length > 0 && current.length + group.length > size) {
      batches.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Whether to build in batches: more meetings to build than a batch holds, none of them linked to a meeting
 * kept as it was (outside a scoped build's scope: a batch builds its meetings with no others in view, so
 * such a build runs in one process, as a small one does).
 */
export function wantsBatches(pending: readonly string[], links: ReadonlyMap<string, ReadonlySet<string>>, reused: ReadonlyMap<string, unknown>, options?: BatchOptions): boolean {
  return pending.length > batchSize(options) && pending.every((id) => [...links.get(id) ?? []].every((other) => !reused.has(other)));
}

/** What the parent knows of the project and of this build. */
export interface BatchPlan extends Omit<BatchSpec, "meetings" | "result" | "committees"> {
  everyMeeting: readonly string[];
  keys: ReadonlyMap<string, string>;
  dates: ReadonlyMap<string, string>;
  links: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Build these meetings in link-closed batches, in child processes; their problems, and the meetings kept. */
export async function buildInBatches(pending: readonly string[], plan: BatchPlan, options: BatchOptions & { log: (message: string) => void }): Promise<{ problems: Problems; kept: Set<string> }> {
  const { everyMeeting, keys, dates, links, ...spec } = plan;
  const jobs = batchJobs(options);
  const batches = planBatches(pending, links, evenBatchSize(pending.length, jobs, batchSize(options)));
  options.log(`Building ${pending.length} meetings in ${batches.length} batches, ${Math.min(jobs, batches.length)} at once`);
  // Each meeting's committee, for checking minutes against every meeting of theirs (not only a batch's).
  const committees: Record<string, string> = {};
  for (const id of everyMeeting) committees[id] = meetingCommittee(spec.root, id) ?? "";
  const meetings = batches.map((ids) => ids.map((id) => ({ id, key: keys.get(id)!, date: dates.get(id) ?? "" })));
  return buildBatches(meetings, { ...spec, committees }, { jobs, log: options.log });
}

/**
 * Build the batches in child processes, at most `jobs` at once, and wait for all of them. Returns every
 * batch's problems (a problem of a shared file, found by each batch, once) and the meetings kept.
 */
export async function buildBatches(
  batches: BatchMeeting[][],
  spec: Omit<BatchSpec, "meetings" | "result">,
  options: { jobs: number; log: (message: string) => void },
): Promise<{ problems: Problems; kept: Set<string> }> {
  const problems = new Problems();
  const kept = new Set<string>();
  const scratch = mkdtempSync(join(tmpdir(), "panelpress-batches-"));
  const running = new Set<ReturnType<typeof spawn>>();
  // An interrupted build stops its batches too (they would otherwise keep building for nobody).
  const release = onInterrupt(() => {
    for (const child of running) child.kill("SIGTERM");
    rmSync(scratch, { recursive: true, force: true });
  });
  let done = 0;
  try {
    const queue = batches.map((meetings, index) => ({ meetings, index }));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const result = join(scratch, `batch-${next.index}.json`);
        const specFile = join(scratch, `batch-${next.index}.spec.json`);
        writeFileSync(specFile, JSON.stringify({ ...spec, meetings: next.meetings, result } satisfies BatchSpec));
        const outcome = await runChild(specFile, result, running);
        const ids = next.meetings.map((m) => m.id);
        if ("failure" in outcome) {
          problems.error(join(spec.root, "content", "meetings"), undefined, "build/batch-failed", `the batch building ${describe(ids)} ${outcome.failure}; nothing was published`, "this is a fault of panelpress or of the machine (memory, a killed process), not of your content: build again, or with fewer meetings at once (PANELPRESS_BATCH_SIZE, --jobs)");
        } else {
          problems.merge(restored(outcome.problems));
          for (const id of outcome.kept) kept.add(id);
        }
        options.log(`  built ${describe(ids)} (${++done} of ${batches.length} batches)`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.jobs, batches.length) }, worker));
    return { problems, kept };
  } finally {
    release();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Problems as a child reported them (a report reads the lines it shows from their files: Problems.format). */
function restored(list: Problem[]): Problems {
  const problems = new Problems();
  for (const problem of list) problems.add(problem);
  return problems;
}

/**
 * One child: bin/panelpress.js (the bundle, or the source through tsx, whichever this process would run)
 * with the batch's spec. Memory limits given to this process (--max-old-space-size) apply to each child as
 * well; NODE_OPTIONS is inherited as it is.
 */
function runChild(specFile: string, resultFile: string, running: Set<ReturnType<typeof spawn>>): Promise<BatchResult | { failure: string }> {
  const limits = process.execArgv.filter((arg) => /^--max-(old|semi)-space-size=/.test(arg));
  const child = spawn(process.execPath, [...limits, join(TOOL_ROOT, "bin", "panelpress.js"), BATCH_CHILD, specFile], {
    cwd: TOOL_ROOT,
    // The bench reads this process's own peak from PANELPRESS_RSS_FILE: a child must not overwrite it.
    env: { ...process.env, PANELPRESS_RSS_FILE: "" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  running.add(child);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4000);
  });
  return new Promise((done) => {
    child.on("error", (error) => {
      running.delete(child);
      done({ failure: `could not be started (${error.message})` });
    });
    child.on("close", (code, signal) => {
      running.delete(child);
      // Its last words without the stack frames: what went wrong, in a line or two.
      const words = stderr.trim().split("\n").filter((line) => line.trim() && !/^\s+at /.test(line)).slice(-4);
      const last = words.length > 0 ? `: ${words.join(" | ")}` : "";
      if (signal) return done({ failure: `was killed (${signal})${last}` });
      if (code !== 0) return done({ failure: `stopped with exit code ${code}${last}` });
      const result = readResult(resultFile);
      done(result ?? { failure: `ended without reporting what it built${last}` });
    });
  });
}

function readResult(file: string): BatchResult | undefined {
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as Partial<BatchResult>;
    return Array.isArray(value.problems) && Array.isArray(value.kept) ? { problems: value.problems, kept: value.kept } : undefined;
  } catch {
    return undefined;
  }
}

function describe(ids: readonly string[]): string {
  return ids.length === 1 ? `meeting ${ids[0]}` : `meetings ${ids[0]} to ${ids[ids.length - 1]} (${ids.length})`;
}

/** The child's side: read the spec it was given. */
export function readSpec(file: string): BatchSpec {
  return JSON.parse(readFileSync(file, "utf8")) as BatchSpec;
}

/** The child's side: report to the parent. */
export function writeResult(spec: BatchSpec, result: BatchResult): void {
  writeFileSync(spec.result, JSON.stringify(result));
}
