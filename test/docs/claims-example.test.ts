/** The claims example in docs/content-format.md builds clean and prints what its comments say. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCase } from "../golden.ts";
import { ROOT } from "../helpers.ts";

/** The first YAML block after a heading of the document. */
function exampleAfter(doc: string, heading: string): string {
  const section = doc.slice(doc.indexOf(heading));
  return /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
}

describe("the documented claims", () => {
  it("check clean and print their figures", async () => {
    const doc = readFileSync(join(ROOT, "docs", "content-format.md"), "utf8");
    const data = exampleAfter(doc, "## Claims: figures the prose states about values");
    const dir = mkdtempSync(join(tmpdir(), "panelpress-claims-doc-"));
    try {
      writeFileSync(join(dir, "data.yaml"), data);
      writeFileSync(join(dir, "input.md"), "## Figures\n\n[@value:officers-total]; [@value:solved-rate]; [@value:burglary-cut]; [@value:confidence-rise]; [@value:officers-and-solved].\n");
      const { html, problems } = await runCase(dir);
      expect(problems).toBe("");
      expect(html).toContain("3,787; 6.29%; 24%; 2.7; 7,014.");
      // Each comment's quoted figure is what prints.
      for (const [, printed] of data.matchAll(/# "([^"]+)"/g)) if (!printed!.startsWith("at least")) expect(html).toContain(printed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
