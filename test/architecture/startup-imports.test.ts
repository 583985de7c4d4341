/**
 * Every `panelpress` run loads the modules of every command (src/commands/index.ts), so a package that only
 * one stage needs and that is slow to load is imported where it is used (`await import(...)`), never at the
 * top of a module: a browser driver, a PDF reader, an HTML validator, the chart compilers, Eleventy and the
 * search indexer together took about 0.4 s of CPU at the start of every run, `--help` included, when the
 * audit's modules imported three of them statically.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { filesUnder } from "../../src/lib/files.ts";
import { ROOT } from "../helpers.ts";

/** Packages loaded only by the stage that uses them. */
const LOADED_WHEN_USED = ["puppeteer-core", "pdfjs-dist", "html-validate", "vega", "vega-lite", "@11ty/eleventy", "pagefind", "axe-core", "esbuild"];

/** The value imports (not `import type`) at the top of a module, by package. */
function staticImports(source: string): string[] {
  return [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]!);
}

const packageOf = (specifier: string) => (specifier.startsWith("@") ? specifier.split("/").slice(0, 2) : specifier.split("/").slice(0, 1)).join("/");

describe("start-up", () => {
  it("finds top-level imports, and not type-only ones", () => {
    expect(staticImports('import type { View } from "vega";\nimport { z } from "zod";\nimport {\n  a,\n  b,\n} from "pagefind";\n')).toEqual(["zod", "pagefind"]);
  });

  it("imports the slow, single-stage packages only where they are used", () => {
    const offenders = filesUnder(join(ROOT, "src"))
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) => staticImports(readFileSync(join(ROOT, "src", file), "utf8")).filter((s) => LOADED_WHEN_USED.includes(packageOf(s))).map((s) => `src/${file}: ${s}`));
    expect(offenders).toEqual([]);
  });
});
