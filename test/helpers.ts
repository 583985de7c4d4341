/** Test helpers: a throwaway copy of the project, and running the real CLI against it. */
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { spawnSync } from "node:child_process";
import { filesUnder } from "../src/lib/files.ts";

export const ROOT = resolve(import.meta.dirname, "..");

/** Copy content/, data/ and templates/ into a temp folder (node_modules linked), for tests that change them. */
export function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "panelpress-test-"));
  for (const folder of ["content", "data", "templates"]) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  for (const file of [".eleventy.js", "package.json"]) cpSync(join(ROOT, file), join(dir, file));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** Replace text in a file of a copied project; fails loudly if the text is not there (so the test cannot pass vacuously). */
export function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`edit: '${String(from)}' not found in ${file}`);
  writeFileSync(path, changed);
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(cwd: string, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [join(ROOT, "bin", "panelpress.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "true", SOURCE_DATE_EPOCH: "1670457600" },
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The SHA-256 of every file under a folder, by path relative to it: two builds compared byte for byte. */
export function fileHashes(dir: string): Map<string, string> {
  return new Map(filesUnder(dir).map((file) => [file, createHash("sha256").update(readFileSync(join(dir, file))).digest("hex")]));
}

/**
 * A throwaway project made from a fixture of the tests' own (test/fixtures/projects/<name>: its content/
 * and data/), with panelpress's templates: never the shipped example's content.
 */
export function fixtureProject(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `panelpress-${name}-`));
  const fixture = join(ROOT, "test", "fixtures", "projects", name);
  for (const folder of ["content", "data"]) cpSync(join(fixture, folder), join(dir, folder), { recursive: true });
  cpSync(join(ROOT, "templates"), join(dir, "templates"), { recursive: true });
  for (const file of [".eleventy.js", "package.json"]) cpSync(join(ROOT, file), join(dir, file));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}
