/** End to end: a committee's figure_distance sets how far a figure may stand from its first reference. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { check } from "../../src/pipeline/index.ts";
import { fixturePath } from "../helpers.ts";

const PAPER = `---
title: Spending
---
## Spending

Spending rose ([@fig:spending]).

One.

Two.

Three.

::: table spending
`;
const DATA = `tables:
  spending:
    caption: Spending
    columns:
      - {key: quarter, label: Quarter, row_header: true}
      - {key: amount, label: Spent, type: money}
    rows:
      - {quarter: Q1, amount: 12500}
`;

const made: string[] = [];
afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The golden skeleton (one committee, one meeting, its one paper 01-paper) with this paper, the committee file edited. */
function project(committeeExtra: string): string {
  const root = mkdtempSync(join(tmpdir(), "panelpress-distance-"));
  made.push(root);
  cpSync(fixturePath("golden"), root, { recursive: true });
  mkdirSync(join(root, "content/meetings/2025-03-06/papers"), { recursive: true });
  mkdirSync(join(root, "data/meetings/2025-03-06"), { recursive: true });
  writeFileSync(join(root, "content/meetings/2025-03-06/papers/01-paper.md"), PAPER);
  writeFileSync(join(root, "data/meetings/2025-03-06/01-paper.yaml"), DATA);
  const committee = join(root, "data/committees/bvp.yaml");
  writeFileSync(committee, readFileSync(committee, "utf8") + committeeExtra);
  return root;
}

const distanceProblems = async (root: string) => (await check(root)).problems.list.filter((p) => p.rule.startsWith("figure/")).map((p) => [p.rule, p.file.replace(root + "/", ""), p.line, p.severity]);

describe("figure_distance in the committee file", () => {
  it("by default (5) a figure three paragraphs from its reference passes", async () => {
    expect(await distanceProblems(project(""))).toEqual([]);
  });
  it("set to 2, the same figure is reported at its embed line, as a warning", async () => {
    expect(await distanceProblems(project("figure_distance: 2\n"))).toEqual([["figure/far-from-reference", "content/meetings/2025-03-06/papers/01-paper.md", 14, "warning"]]);
  });
});
