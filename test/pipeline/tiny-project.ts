/**
 * A tiny project of its own (one committee, one meeting, one paper, scaffolded as `panelpress new` does,
 * in a git repository) and the real CLI building it as a child process that a test can kill: for
 * test/pipeline/publish.test.ts (builds killed at any moment) and test/print/interrupted.test.ts (builds
 * interrupted while printing).
 */
import { afterAll, expect } from "vitest";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planMeeting, planPaper, writePlanned } from "../../src/scaffold/index.ts";
import { ROOT } from "../helpers.ts";

export const ENV = { ...process.env, CI: "true", SOURCE_DATE_EPOCH: "1670457600" };

const made: string[] = [];
/** A temporary folder, removed when the file's tests are done. */
export function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const COMMITTEE = `id: tiny
name: Tiny Test Panel
short: TTP
host: Test Council
quorum: 3
default_start: "10:00"
venues:
  hall: {room: Room 1, building: Town Hall, town: Testford, postcode: TE1 1ST}
contact: {name: A Officer, role: Clerk, email: clerk@example.org}
notices:
  - {heading: About this meeting, body: Meetings are open to the public.}
exempt_notice:
  heading: Exempt Items
  subtitle: The press and public may be excluded
  statement: These items are not published.
  resolution: That the press and public be excluded.
`;
export const MEETING = "2023-01-10";
export const PAPER = `content/meetings/${MEETING}/papers/02-paper.md`;

/** One committee, one meeting, one paper (scaffolded as `panelpress new` does); a git repository, committed. */
export function tinyProject(): string {
  const dir = temp("panelpress-publish-project-");
  mkdirSync(join(dir, "data", "committees"), { recursive: true });
  writeFileSync(join(dir, "data", "committees", "tiny.yaml"), COMMITTEE);
  cpSync(join(ROOT, "templates"), join(dir, "templates"), { recursive: true });
  for (const file of [".eleventy.js", "package.json", ".gitignore"]) cpSync(join(ROOT, file), join(dir, file));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  writePlanned(dir, planMeeting(dir, MEETING));
  writePlanned(dir, planPaper(dir, { meeting: MEETING, kind: "generic", slug: "02-paper", title: "A small report" }));
  git(dir, "init", "-q");
  commitAll(dir, "content");
  return dir;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", ...args], { cwd: dir, encoding: "utf8" });
}

export function commitAll(dir: string, message: string): void {
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", message);
}

/** `panelpress build` in a child process. */
export function build(dir: string, args: string[], env: NodeJS.ProcessEnv = ENV): ChildProcess {
  return spawn(process.execPath, [join(ROOT, "bin", "panelpress.js"), "build", ...args], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
}

export async function buildOk(dir: string, args: string[], env: NodeJS.ProcessEnv = ENV): Promise<void> {
  const child = build(dir, args, env);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  expect((await exited(child)).code, output).toBe(0);
}

export const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
