/**
 * Once per `vitest run`:
 * - a temp folder for the whole run: TMPDIR points into it, so every temp folder a test, a CLI run it starts or a
 *   browser makes is removed with it when vitest exits (a run used to leave hundreds of fixture copies in /tmp);
 * - in it, a folder for the builds that several test files share (see sharedBuild() in test/helpers.ts). Each
 *   fixture is built into it at most once per run, by the first file that asks. Files run in separate workers,
 *   so they find the folder through vitest's provide/inject. In watch mode every rerun gets a new folder, so a
 *   rerun after an edit to src/ or templates/ never reuses an older build.
 * PANELPRESS_KEEP_BUILDS=1 keeps it all, to look at. Workers and the processes they start are given
 * process.env as it is after this setup, so TMPDIR reaches them all.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder shared builds go into for this run. */
    sharedBuilds: string;
  }
}

export default function setup(project: TestProject): () => void {
  // A short name: a test that sets TMPDIR to a folder inside it still leaves Chromium room for its socket's
  // path (a Unix socket's path is at most 107 bytes; a browser that cannot make one does not start).
  const run = mkdtempSync(join(tmpdir(), "pp-run-"));
  process.env.TMPDIR = run;
  const fresh = () => project.provide("sharedBuilds", mkdtempSync(join(run, "shared-builds-")));
  fresh();
  project.onTestsRerun(fresh);
  return () => {
    if (!process.env.PANELPRESS_KEEP_BUILDS) rmSync(run, { recursive: true, force: true });
  };
}
