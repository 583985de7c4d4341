/**
 * Once per `vitest run`: a folder for the builds that several test files share (see sharedBuild() in
 * test/helpers.ts). Each fixture is built into it at most once per run, by the first file that asks, and
 * the folders are removed when vitest exits (PANELPRESS_KEEP_BUILDS=1 keeps them, to look at). Files run
 * in separate workers, so they find the folder through vitest's provide/inject. In watch mode every rerun
 * gets a new folder, so a rerun after an edit to src/ or templates/ never reuses an older build.
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
  const folders: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), "panelpress-shared-builds-"));
    folders.push(dir);
    project.provide("sharedBuilds", dir);
  };
  fresh();
  project.onTestsRerun(fresh);
  return () => {
    if (!process.env.PANELPRESS_KEEP_BUILDS) for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  };
}
