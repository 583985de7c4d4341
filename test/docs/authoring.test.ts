/**
 * docs/authoring.md cannot rot: a new user's steps, done by a test. Every fenced block of the guide is
 * one of: a file to write (```lang file=PATH), text to add to a file (```lang append=PATH), commands to run
 * (```sh), or the layout listing (```, whose paths must exist). They are applied in order to a copy of
 * the tests' "guide" fixture (test/fixtures/projects/guide: the committee, meeting and paper the guide's
 * examples name), with no change to src/ or templates/; then the new paper must check clean and be previewed.
 */
import { describe, expect, it } from "vitest";
import { appendFileSync, existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { COMMANDS } from "../../src/commands/index.ts";
import { startPreview } from "../../src/serve/server.ts";
import { fixtureProject, ROOT } from "../helpers.ts";

interface Block {
  lang: string;
  action?: "file" | "append";
  path?: string;
  body: string;
}

export function blocksOf(markdown: string): Block[] {
  return [...markdown.matchAll(/^```([A-Za-z]*)(?: (file|append)=(\S+))?\n([\s\S]*?)^```$/gm)].map((m) => ({
    lang: m[1]!,
    action: m[2] as Block["action"],
    path: m[3],
    body: m[4]!,
  }));
}

/** Run a `panelpress` command line in-process in `root`; returns exit code and output. */
async function run(root: string, line: string): Promise<{ code: number; out: string }> {
  const args = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
  expect(args.slice(0, 2)).toEqual(["npx", "panelpress"]);
  const command = COMMANDS.get(args[2]!);
  expect(command, line).toBeDefined();
  let out = "";
  const code = await command!.run(args.slice(3), { root, log: () => {}, stdout: (t) => void (out += t), stderr: (t) => void (out += t) });
  return { code, out };
}

describe("docs/authoring.md, followed step by step", () => {
  const guide = readFileSync(join(ROOT, "docs", "authoring.md"), "utf8");
  const blocks = blocksOf(guide);

  it("has only blocks the test knows how to follow", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(7);
    for (const block of blocks) expect(block.action !== undefined || block.lang === "sh" || block.lang === "", block.body.slice(0, 80)).toBe(true);
  });

  it("adds a generic paper with a table, totals, a chart and exempt material, which checks clean and previews", async () => {
    const project = fixtureProject("guide");
    let previewed = "";
    for (const block of blocks) {
      if (block.action === "file") {
        mkdirSync(dirname(join(project, block.path!)), { recursive: true });
        writeFileSync(join(project, block.path!), block.body);
      } else if (block.action === "append") {
        appendFileSync(join(project, block.path!), block.body);
      } else if (block.lang === "") {
        for (const path of block.body.split("\n").map((l) => l.split(/\s+/)[0]).filter(Boolean)) expect(existsSync(join(project, path!)), path).toBe(true);
      } else {
        for (const line of block.body.split("\n").filter((l) => l.trim())) {
          if (line.trim() === "npx panelpress serve") {
            const preview = await startPreview({ root: project, port: 0, log: () => {} });
            try {
              previewed = await (await fetch(new URL("meetings/2022-12-08/17-spending/", preview.url))).text();
              const pdf = guide.includes("http://localhost:8080/pdf/2022-12-08/17-spending");
              expect(pdf).toBe(true);
            } finally {
              await preview.close();
            }
          } else {
            const result = await run(project, line);
            expect(result.code, `${line}\n${result.out}`).toBe(0);
            if (line.includes("check")) expect(result.out).toMatch(/\b0 errors\b/);
          }
        }
      }
    }
    // The page the author previewed: numbered, computed, charted, and without the exempt material.
    expect(previewed).toContain("Panel Spending Update 2022/23");
    expect(previewed).toMatch(/Figure 1/);
    expect(previewed).toContain("£29,671"); // 14,200 + 15,471, computed: never typed
    expect(previewed).toMatch(/paragraph 1\.2/);
    expect(previewed).toContain("<svg"); // the chart
    expect(previewed).not.toContain("Harbour Consulting");
    expect(previewed).not.toContain("£650");
    // No change to the tool: the guide only wrote content and data.
    const written = blocks.filter((b) => b.action).map((b) => b.path!);
    expect(written.every((p) => p.startsWith("content/") || p.startsWith("data/"))).toBe(true);
  });
});
