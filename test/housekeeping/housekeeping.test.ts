/** Housekeeping rules: figures referred to and placed near it, page furniture, header periods, dates after the paper. */
import { describe, expect, it } from "vitest";
import { figureFindings } from "../../src/housekeeping/figures.ts";
import { furnitureFindings } from "../../src/housekeeping/furniture.ts";
import { misnamedPeriod } from "../../src/housekeeping/periods.ts";
import { computeTable } from "../../src/tables/compute.ts";
import { tableSchema } from "../../src/tables/schema.ts";
import { parseYaml } from "../../src/content/yaml.ts";
import { Problems } from "../../src/content/problems.ts";

const para = (n: number) => Array.from({ length: n }, (_, i) => `Paragraph ${i + 1} of the text.`).join("\n\n");

describe("figure/unreferenced", () => {
  const body = `## Spending\n\nSpending rose ([@fig:spending]).\n\n::: table spending\n\n::: table staff\n`;
  it("flags a placed figure the text never refers to, at its embed line", () => {
    expect(figureFindings(body, { maxDistance: 5 }).map((f) => [f.rule, f.line])).toEqual([["figure/unreferenced", 7]]);
  });
  it("passes once it is referred to, anywhere in the body or in the data file's text", () => {
    expect(figureFindings(body.replace("rose (", "rose and staff fell ([@fig:staff]) ("), { maxDistance: 5 })).toEqual([]);
    expect(figureFindings(body, { maxDistance: 5, otherText: "note: see [@fig:staff]" })).toEqual([]);
  });
  it("counts a chart and the table it draws as one figure", () => {
    const withChart = "Spending rose ([@fig:spending]).\n\n::: table spending\n\n::: chart spending-chart\n";
    expect(figureFindings(withChart, { maxDistance: 5 })).toHaveLength(1);
    expect(figureFindings(withChart, { maxDistance: 5, chartTables: { "spending-chart": "spending" } })).toEqual([]);
  });
  it("leaves alone figures in appendices and papers that refer to no figure", () => {
    expect(figureFindings("Text ([@fig:a]).\n\n::: table a\n\n# Appendix: Detail\n\n::: table b\n", { maxDistance: 5 })).toEqual([]);
    expect(figureFindings("## Dates\n\n::: table dates\n", { maxDistance: 5 })).toEqual([]);
  });
  it("reads no reference inside code", () => {
    const findings = figureFindings("Use `[@fig:b]` to refer ([@fig:a]).\n\n::: table a\n\n::: table b\n", { maxDistance: 5 });
    expect(findings.map((f) => f.line)).toEqual([5]);
  });
});

describe("figure/far-from-reference", () => {
  it("counts the paragraphs between the first reference and the figure, either way round", () => {
    const after = `See [@fig:a].\n\n${para(6)}\n\n::: table a\n`;
    expect(figureFindings(after, { maxDistance: 5 }).map((f) => [f.rule, f.line, f.message])).toEqual([
      ["figure/far-from-reference", 15, "table 'a' is placed 6 paragraphs after its first reference ([@fig:a]); at most 5 are allowed"],
    ]);
    expect(figureFindings(after, { maxDistance: 6 })).toEqual([]);
    const before = `::: table a\n\n${para(3)}\n\nSee [@fig:a].\n`;
    expect(figureFindings(before, { maxDistance: 2 }).map((f) => [f.line, f.message.includes("3 paragraphs before")])).toEqual([[1, true]]);
  });
  it("does not count headings, and a figure just after its paragraph is 0 away", () => {
    expect(figureFindings("See [@fig:a].\n\n## A\n\n### B\n\n::: table a\n", { maxDistance: 0 })).toEqual([]);
  });
});

describe("text/page-furniture", () => {
  const flagged = (text: string) => furnitureFindings(text).map((f) => [f.line, f.column]);
  it("flags lines that are only a page number or running header", () => {
    expect(flagged("Text.\n\nPage 14 of 33\n\nMore.")).toEqual([[3, 1]]);
    expect(flagged("Page 3")).toEqual([[1, 1]]);
    expect(flagged("  14 of 33  ")).toEqual([[1, 3]]);
    expect(flagged("Agenda item 5")).toEqual([[1, 1]]);
    expect(flagged("AGENDA ITEM 5a")).toEqual([[1, 1]]);
    expect(flagged("**Page 2 of 9**")).toEqual([[1, 3]]);
  });
  it("flags 'Page 14 of 33' run into a sentence, at its column", () => {
    expect(flagged("the force will Page 14 of 33 continue to recruit")).toEqual([[1, 16]]);
  });
  it("leaves prose about pages alone", () => {
    expect(flagged("The priorities are on page 3 of the plan.")).toEqual([]);
    expect(flagged("The table is on Page 14 of 33 of the pack.")).toEqual([]);
    expect(flagged("see Page 4 of 10.")).toEqual([]);
    expect(flagged("Page 3 of the plan sets out the priorities.")).toEqual([]);
    expect(flagged("The Panel considered agenda item 5 in private.")).toEqual([]);
    expect(flagged("## Agenda item 5: the budget")).toEqual([]);
    expect(flagged("```\nPage 3\n```\n`Page 4`")).toEqual([]);
  });
});

describe("table/period-label", () => {
  const years = (...labels: string[]) => labels.map((label) => ({ label }));
  it("names the range the columns span when the label names another", () => {
    expect(misnamedPeriod("Medium Term Financial Strategy - 2022/23 to 2026/27", years("2023/24", "2024/25", "2027/28", "5 Year Total"))).toEqual({ named: "2022/23 to 2026/27", spanned: "2023/24 to 2027/28" });
    expect(misnamedPeriod("MTFS 2020 - 2022", years("2020", "2021"))).toEqual({ named: "2020 to 2022", spanned: "2020 to 2021" });
  });
  it("accepts a label that agrees, whatever the dash, and labels that name no range", () => {
    expect(misnamedPeriod("Medium Term Financial Strategy 2022/23-2025/26", years("2022/23", "2023/24", "2024/25", "2025/26", "Total"))).toBeUndefined();
    expect(misnamedPeriod("Plan 2023/24 – 2024/25", years("2023/24 Budget", "2024/25 Forecast"))).toBeUndefined();
    expect(misnamedPeriod("Impact of Assumptions on 2023/24 Budget", years("2023/24", "2024/25"))).toBeUndefined();
    expect(misnamedPeriod("Actual / Forecast", years("2020/21", "2021/22"))).toBeUndefined();
    expect(misnamedPeriod("2022/23 to 2026/27", years("Opening", "Closing"))).toBeUndefined();
  });
  it("is reported at the group's label, as a warning", () => {
    const { problems } = table(`caption: MTFS
groups: {mtfs: MTFS 2022/23 to 2023/24}
columns:
  - {key: line, label: Line, row_header: true}
  - {key: a, label: "2023/24", type: money_m, group: mtfs}
  - {key: b, label: "2024/25", type: money_m, group: mtfs}
rows:
  - {line: Budget, a: 1, b: 2}
`);
    expect(problems.list.map((p) => [p.rule, p.severity, p.line])).toEqual([["table/period-label", "warning", 2]]);
  });
});

describe("date/after-paper", () => {
  const DECISIONS = `caption: Decisions
columns:
  - {key: ref, label: Ref, row_header: true}
  - {key: approved, label: Date approved, type: date, past: true}
  - {key: review, label: Review, type: date}
rows:
  - {ref: "041", approved: "2022-11-22", review: "2023-06-01"}
  - {ref: "042", approved: "2022-11-25"}
`;
  it("flags a past: true date after the paper's date, at its cell; a date in another column may be in the future", () => {
    const { problems } = table(DECISIONS, "2022-11-22");
    expect(problems.list.map((p) => [p.rule, p.severity, p.line])).toEqual([["date/after-paper", "warning", 8]]);
    expect(problems.list[0]!.message).toContain("25 November 2022, after the paper's own date (22 November 2022)");
  });
  it("reports a column once, at its first late cell, counting and listing the late dates", () => {
    const several = `${DECISIONS}  - {ref: "043", approved: "2022-11-20"}\n  - {ref: "044", approved: "2022-12-01"}\n  - {ref: "045", approved: "2022-11-30"}\n`;
    const { problems } = table(several, "2022-11-22");
    expect(problems.list.map((p) => [p.rule, p.severity, p.line])).toEqual([["date/after-paper", "warning", 8]]);
    expect(problems.list[0]!.message).toBe("3 cells of 'Date approved' are after the paper's own date (22 November 2022): 25 November 2022, 1 December 2022, 30 November 2022; a paper cannot report what had not happened when it was written");
  });
  it("passes when every such date is on or before the paper's", () => {
    expect(table(DECISIONS, "2022-11-25").problems.list).toEqual([]);
  });
});

function table(yamlText: string, paperDate?: string) {
  const located = parseYaml(yamlText);
  const problems = new Problems();
  const computed = computeTable("t", tableSchema.parse(located.value), { file: "t.yaml", located, path: [], problems, paperDate });
  return { computed, problems };
}
