import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../../src/content/yaml.ts";
import { Problems } from "../../../src/content/problems.ts";
import { validate } from "../../../src/content/validate.ts";
import { check } from "../../../src/pipeline/index.ts";
import { changeOf, claimText, figureLabels, figureTable, placements, seriesProblems, seriesRows } from "../../../src/kinds/plan-closure/build.ts";
import { planClosureSchema, seriesSchema, type SeriesInput } from "../../../src/kinds/plan-closure/schema.ts";
import { cliAsync, edit, fixturePath, fixtureProject, MAIN, ROOT, sharedBuild } from "../../helpers.ts";
import { pageTexts } from "../../e2e/pdf.ts";

// The main fixture's closure report (test/fixtures/projects/harrowdene).
const PAPER = "content/meetings/2024-11-14/papers/06-plan-closure.md";
const DATA = "data/meetings/2024-11-14/06-plan-closure.yaml";
const FY = ["2015/16", "2016/17", "2017/18", "2018/19", "2019/20", "2020/21", "2021/22"];

const lineOf = (text: string, needle: string): number => {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`'${needle}' not found`);
  return i + 1;
};

/** The first line of the paragraph holding `needle` (references are reported at their paragraph's first line). */
const paragraphOf = (text: string, needle: string): number => {
  const lines = text.split("\n");
  let i = lineOf(text, needle) - 1;
  while (i > 0 && lines[i - 1]!.trim() !== "") i--;
  return i + 1;
};

describe("change and rounding rules", () => {
  it("computes per cent change against the baseline, rounded half away from zero", () => {
    expect(changeOf(52732, 30674, "count", 0)).toEqual({ abs: -22058, pct: -42 }); // ASB, "42 per cent"
    expect(changeOf(111022, 165518, "count", 0).pct).toBe(49); // total crime, "49 per cent"
    expect(changeOf(1000, 1005, "count", 0).pct).toBe(1); // exactly 0.5 rounds up …
    expect(changeOf(1000, 995, "count", 0).pct).toBe(-1); // … and away from zero when negative
    expect(changeOf(52732, 30674, "count", 1).pct).toBe(-41.8);
  });
  it("gives a percentage measure its change in percentage points, never per cent", () => {
    expect(changeOf(68.7, 79, "percent", 1)).toEqual({ abs: 10.3, pct: null });
    expect(changeOf(8.32, 6.29, "percent", 1, 2)).toEqual({ abs: -2.03, pct: null });
  });
  it("computes year-on-year change only between consecutive stated periods", () => {
    const series: SeriesInput = { measure: "VWI", unit: "count", period_type: "financial_year", periods: FY, baseline: "2015/16", points: { "2015/16": 11680, "2019/20": 15262, "2020/21": 13204, "2021/22": 15706 } };
    const rows = seriesRows(series, 1);
    expect(rows.map((r) => r.stated)).toEqual([true, false, false, false, true, true, true]);
    expect(rows[4]!.yearOnYear).toBeNull(); // 2018/19 is not stated
    expect(rows[5]!.yearOnYear).toEqual({ abs: -2058, pct: -13.5 });
    expect(rows[6]!.yearOnYear).toEqual({ abs: 2502, pct: 18.9 });
    expect(rows[6]!.vsBaseline).toEqual({ abs: 4026, pct: 34.5 });
    expect(rows[0]!.vsBaseline).toBeNull();
  });
  it("words claims from the data", () => {
    const asb: SeriesInput = { measure: "ASB", unit: "count", period_type: "financial_year", periods: FY, baseline: "2015/16", points: { "2015/16": 52732, "2021/22": 30674 } };
    expect(claimText({ series: "asb", kind: "change", from: "2015/16", to: "2021/22" }, asb, 0)).toMatchObject({ text: "a reduction of 42 per cent", computed: -42 });
    expect(claimText({ series: "asb", kind: "value", from: "2015/16" }, asb, 0).text).toBe("52,732");
    expect(claimText({ series: "asb", kind: "value", from: "2018/19" }, asb, 0).error?.message).toMatch(/states no value for '2018\/19'/);
    const search: SeriesInput = { ...asb, points: { "2015/16": 378, "2021/22": 3060 } };
    expect(claimText({ series: "s", kind: "multiple", from: "2015/16", to: "2021/22" }, search, 0).text).toBe("8.1 times");
  });
  it("marks unstated periods in a figure's table and never fills them", () => {
    const series: SeriesInput = { measure: "KSI", unit: "count", period_type: "financial_year", periods: FY, baseline: "2015/16", points: { "2015/16": 850, "2021/22": 846 } };
    const table = figureTable({ id: "ksi", chapter: 10, caption: "KSI", series: ["ksi"], chart: "bar" }, [series], 1);
    expect(table.rows.map((r) => r.stated)).toEqual(["stated", "not stated", "not stated", "not stated", "not stated", "not stated", "stated"]);
    expect(table.rows.map((r) => r.v0)).toEqual([850, null, null, null, null, null, 846]);
    expect(table.rows[6]!.base_pct).toBe(-0.5);
  });
});

describe("figure numbering", () => {
  it("numbers figures per chapter in lower-case roman numerals, restarting each chapter", () => {
    const body = ["## One", "::: chart a", "## Two", "text", "## Three", "::: chart b", "::: table c", "::: chart d", "::: chart e", "::: chart f", "::: chart g", "::: chart h", "::: chart i", "::: chart j", "## Four", "::: chart k", "# Appendix: X", "::: table app-x"].join("\n");
    const labels = figureLabels(placements(body));
    expect(labels.get("a")).toBe("Figure 1 (i)");
    expect(labels.get("b")).toBe("Figure 3 (i)");
    expect(labels.get("e")).toBe("Figure 3 (iv)");
    expect(labels.get("f")).toBe("Figure 3 (v)");
    expect(labels.get("i")).toBe("Figure 3 (viii)");
    expect(labels.get("j")).toBe("Figure 3 (ix)");
    expect(labels.get("k")).toBe("Figure 4 (i)");
    expect(labels.has("app-x")).toBe(false); // appendix tables are labelled separately
  });
});

describe("series fixture", () => {
  it("reports each period problem at its line", () => {
    const file = join(ROOT, "test", "fixtures", "plan-closure", "bad-series.yaml");
    const text = readFileSync(file, "utf8");
    const located = parseYaml(text);
    const series = validate(seriesSchema, located, file, new Problems())!;
    const found = seriesProblems(series).map((p) => ({ line: located.at(p.path).line, message: p.message }));
    expect(found).toEqual(expect.arrayContaining([
      { line: lineOf(text, "periods:"), message: "'2018/19' does not follow '2016/17'" },
      { line: lineOf(text, "periods:"), message: "'2019/21' is not a financial year such as 2015/16" },
      { line: lineOf(text, "points:"), message: "a value is given for '2020/21', which is not one of the series' periods" },
      { line: lineOf(text, "baseline:"), message: "the baseline '2014/15' is not one of the series' periods" },
    ]));
  });
});

describe("the fixture paper", () => {
  const md = readFileSync(fixturePath(MAIN, PAPER), "utf8");
  const parsed = parseYaml(readFileSync(fixturePath(MAIN, DATA), "utf8"));
  const data = validate(planClosureSchema, { ...parsed, value: Object.fromEntries(Object.entries(parsed.value as object).filter(([k]) => k !== "values" && k !== "claims")) }, DATA, new Problems())!;

  it("has every priority, both plan blocks each, and every captioned figure", () => {
    const old = data.priorities.filter((p) => p.chapter !== undefined);
    expect(old.map((p) => p.chapter)).toEqual([3, 4, 5]);
    expect(data.appendix).toHaveLength(2 * old.length);
    for (const p of old) expect(data.appendix.filter((b) => b.priority === p.id).map((b) => b.plan).sort(), p.id).toEqual(["pcp-2019-2022", "pcp-2022-2023-ext"]);
    expect(data.figures).toHaveLength(7);
  });

  it("resolves every figure reference in the narrative, and check is clean for the paper", async () => {
    const refs = [...md.matchAll(/\[@fig:([a-z0-9-]+)\]/g)].map((m) => m[1]!);
    const ids = new Set([...data.figures.map((f) => f.id), "priority-mapping"]);
    expect(refs.length).toBeGreaterThanOrEqual(data.figures.length);
    expect(refs.filter((r) => !ids.has(r))).toEqual([]);
    const { problems } = await check(fixtureProject(MAIN));
    expect(problems.list.filter((p) => p.file.includes("06-plan-closure") && p.severity === "error")).toEqual([]);
  }, 60_000);

  it("fails check with file and line for a dangling figure reference, a wrong claim and a misplaced figure", async () => {
    const dir = fixtureProject(MAIN);
    edit(dir, PAPER, "([@fig:ksi])", "([@fig:ksi-typo])");
    edit(dir, DATA, "stated: -9}", "stated: -7}");
    edit(dir, DATA, "{id: ksi, chapter: 5,", "{id: ksi, chapter: 4,");
    const { problems } = await check(dir);
    const paper = readFileSync(join(dir, PAPER), "utf8");
    const yaml = readFileSync(join(dir, DATA), "utf8");
    const mine = problems.list.filter((p) => p.file.includes("06-plan-closure"));
    expect(mine).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: join(dir, PAPER), line: paragraphOf(paper, "[@fig:ksi-typo]"), rule: "ref/unresolved" }),
      expect.objectContaining({ file: join(dir, DATA), line: lineOf(yaml, "stated: -7}"), rule: "claim/mismatch" }),
      expect.objectContaining({ file: join(dir, PAPER), line: lineOf(paper, "::: chart ksi"), rule: "figure/chapter" }),
    ]));
    const result = await cliAsync(dir, "check");
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain(`06-plan-closure.md:${paragraphOf(paper, "[@fig:ksi-typo]")}:`);
  }, 120_000);
});

describe("the printed paper", () => {
  it("gives each chapter's true starting page in its contents", async () => {
    const { out } = await sharedBuild(MAIN);
    const md = readFileSync(fixturePath(MAIN, PAPER), "utf8");
    // The closure report's chapters (its ## headings after the marker) and its appendix, in order.
    const closure = md.split(/^::: block closure-report$/m)[1]!;
    const chapters = [...closure.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
    const appendices = [...closure.matchAll(/^# Appendix: (.+)$/gm)].map((m) => m[1]!.trim());
    const pages = pageTexts(join(out, "meetings", "2024-11-14", "06-plan-closure", "06-plan-closure.pdf"));
    const at = pages.findIndex((p) => /^\s*Contents\s*$/m.test(p));
    expect(at).toBeGreaterThanOrEqual(0);
    const contentsPage = pages.slice(at, at + 2).join("\n").split(/^\s*Contents\s*$/m)[1]!.split(new RegExp(`^1\\. ${chapters[0]}\\s*$`, "m"))[0]!;
    const entries = [...contentsPage.matchAll(/^[ \t]*((?:\d+|Appendix 1)\.) (\S.*?)[ \t]{2,}(\d+)[ \t]*$/gm)].map((m) => ({ heading: `${m[1]} ${m[2]!.trim()}`, page: Number(m[3]) }));
    expect(entries.map((e) => e.heading)).toEqual([...chapters.map((c, i) => `${i + 1}. ${c}`), ...appendices.map((a) => `Appendix 1. ${a}`)]);
    const norm = (t: string) => t.trim().replace(/[‘’]/g, "'");
    const isHeading = (pageText: string | undefined, heading: string) => (pageText ?? "").split("\n").some((l) => norm(l) === heading);
    expect(new Set(entries.map((e) => e.page)).size, "the chapters are spread over several pages").toBeGreaterThan(2);
    for (const { heading, page } of entries) {
      const start = norm(heading.replace(/^Appendix 1\./, "Appendix 1:"));
      expect(isHeading(pages[page - 1], start), `${heading} on page ${page}`).toBe(true);
      expect(isHeading(pages[page - 2], start), `${heading} not before page ${page}`).toBe(false);
    }
  }, 300_000);
});
