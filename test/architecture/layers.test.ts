/**
 * The pipeline drives the rest; nothing it drives reaches back into it. src/pipeline/ runs the stages (load,
 * validate, build model, render, print, publish) over the report kinds, tables, charts, the Markdown parser,
 * the model, exempt material and the shared helpers; those import what they need from below (src/content/
 * for Problems, Located and the zod helpers; src/lib/ for formatting and files), never from src/pipeline/.
 * Checked statically: every import of every .ts file in those folders (static, type-only, re-exports and
 * dynamic imports alike, as TypeScript's own scanner finds them), resolved to the file it names.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { filesUnder } from "../../src/lib/files.ts";
import { ROOT } from "../helpers.ts";

/** The folders the pipeline drives, and the folder below them that they share with it. */
const DRIVEN = ["src/kinds", "src/tables", "src/housekeeping", "src/charts", "src/markdown", "src/model", "src/exempt", "src/lib", "src/content", "src/claims", "src/facts"];
const DRIVER = "src/pipeline/";

/** The repository-relative paths a file imports from, for the imports that name a path (not a package). */
function importsOf(path: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, path), "utf8"), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((name) => name.startsWith("."))
    .map((name) => relative(ROOT, resolve(dirname(join(ROOT, path)), name)).split("\\").join("/"));
}

describe("layers: no folder imports the one that drives it", () => {
  it("finds the imports it checks (the scanner sees static, type-only and dynamic imports)", () => {
    expect(importsOf("src/kinds/kind.ts")).toContain("src/content/problems.ts");
    const sample = "import type { A } from './a.ts';\nexport { b } from './b.ts';\nconst c = await import('./c.ts');";
    expect(ts.preProcessFile(sample, true, true).importedFiles.map((f) => f.fileName)).toEqual(["./a.ts", "./b.ts", "./c.ts"]);
  });

  it(`nothing under ${DRIVEN.join(", ")} imports from ${DRIVER}`, () => {
    const offenders: string[] = [];
    for (const folder of DRIVEN) {
      for (const file of filesUnder(join(ROOT, folder)).filter((f) => f.endsWith(".ts"))) {
        const path = `${folder}/${file}`;
        for (const target of importsOf(path)) if (target.startsWith(DRIVER)) offenders.push(`${path} imports ${target}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
