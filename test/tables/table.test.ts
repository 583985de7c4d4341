import { describe, expect, it } from "vitest";
import { computeTable } from "../../src/tables/compute.ts";
import { tableSchema } from "../../src/tables/schema.ts";
import { tableView } from "../../src/tables/view.ts";
import { parseYaml } from "../../src/content/yaml.ts";
import { Problems } from "../../src/content/problems.ts";

function table(yamlText: string) {
  const located = parseYaml(yamlText);
  const problems = new Problems();
  const input = tableSchema.parse(located.value);
  const computed = computeTable("t", input, { file: "t.yaml", located, path: [], problems });
  const view = tableView(computed, { id: "t", label: "Figure 1" });
  const cell = (row: number, key: string) => computed.rows[row]!.values[key];
  return { computed, problems, view, cell };
}

const MTFS = `caption: MTFS
columns:
  - {key: line, label: Line, row_header: true}
  - {key: a, label: "2023/24", type: money_m}
  - {key: b, label: "2024/25", type: money_m}
  - {key: total, label: Total, type: money_m, sum_of: [a, b]}
rows:
  - {id: nbr, line: Net budget, a: 384.4, b: 386.0}
  - {id: approp, line: Appropriations, a: -3.1, b: -2.6}
  - {id: req, line: Requirement, sum_of: [nbr, approp], a: 381.3}
  - {id: funding, line: Funding, a: -369.4, b: -379.5}
  - {id: gap, line: Shortfall, sum_of: [req, funding], negate: true}
`;

describe("computed tables", () => {
  it("computes columns, rows, and a computed row meeting a computed column", () => {
    const { cell, problems } = table(MTFS);
    expect(problems.list).toEqual([]);
    expect(cell(0, "total")).toBeCloseTo(770.4);
    expect(cell(2, "a")).toBeCloseTo(381.3);
    expect(cell(2, "total")).toBeCloseTo(764.7);
    expect(cell(4, "a")).toBeCloseTo(-11.9); // negated sum: (381.3 - 369.4) shown as a shortfall
  });
  it("reports a stated figure that disagrees, at its line", () => {
    const { problems } = table(MTFS.replace("a: 381.3", "a: 381.9"));
    expect(problems.list).toHaveLength(1);
    expect(problems.list[0]).toMatchObject({ rule: "total/mismatch", line: 10, severity: "error" });
    expect(problems.list[0]!.message).toContain("states 381.9 but the computed value is 381.3");
  });
  it("accepts a difference within the declared tolerance", () => {
    const { problems } = table(MTFS.replace("a: 381.3", "a: 381.4").replace("caption: MTFS", "caption: MTFS\ntolerance: 0.1"));
    expect(problems.list).toEqual([]);
  });
  it("turns a listed erratum into a warning and a published note", () => {
    const { problems, view } = table(MTFS.replace("a: 381.3", "a: 381.9") + "errata:\n  - {row: req, column: a}\n");
    expect(problems.list.map((p) => [p.rule, p.severity])).toEqual([["total/erratum", "warning"]]);
    expect(view.errata[0]).toContain("printed in the source as 381.9; computed from its parts as 381.3");
  });
  it("sums a total row, checks its stated value and recomputes ratios from totals", () => {
    const { cell, problems, computed } = table(`caption: Attendance
columns:
  - {key: month, label: Month, row_header: true}
  - {key: met, label: Met, type: integer}
  - {key: all, label: All, type: integer}
  - {key: pct, label: "% met", type: percent, ratio_of: [met, all]}
rows:
  - {month: Sep, met: 13, all: 16}
  - {month: Oct, met: 1, all: 3, pct: 33.3}
total_row: {label: Total, met: 14, all: 19}
`);
    expect(problems.list).toEqual([]);
    expect(cell(0, "pct")).toBe(81.3);
    expect(computed.rows[2]!.values).toMatchObject({ met: 14, all: 19, pct: 73.7 });
  });
  it("flags values that are not numbers, with a hint", () => {
    const { problems } = table(MTFS.replace("b: 386.0", 'b: "£1,2,34"'));
    expect(problems.list[0]).toMatchObject({ rule: "value/not-a-number", line: 8 });
    expect(problems.list[0]!.hint).toContain("plain number");
  });
  it("flags unknown rows and columns", () => {
    const { problems } = table(MTFS.replace("sum_of: [nbr, approp]", "sum_of: [nbr, aprop]").replace("b: -2.6", "c: -2.6"));
    expect(problems.list.map((p) => p.rule)).toEqual(expect.arrayContaining(["table/unknown-column", "table/unknown-row"]));
  });
  it("renders £m with brackets and a note, and header groups", () => {
    const { view } = table(MTFS);
    expect(view.rows[1]!.cells[1]!.text).toBe("(3.1)");
    expect(view.bracketsNegative).toBe(true);
    expect(view.headerRows[0]!.map((h) => h.text)).toEqual(["Line", "2023/24", "2024/25", "Total"]);
  });
});

describe("totals that mean something", () => {
  const SHARES = `caption: Calls by type
columns:
  - {key: kind, label: Kind, row_header: true}
  - {key: calls, label: Calls, type: integer}
  - {key: running, label: Calls so far, type: integer, running_total_of: calls}
  - {key: share, label: Share, type: percent, decimals: 1, share_of: calls}
  - {key: typed, label: Typed share, type: percent}
  - {key: target, label: Target, type: integer, total: false}
rows:
  - {id: a, kind: Emergency, calls: 30, typed: 30, target: 25}
  - {id: b, kind: Priority, calls: 50, typed: 50, target: 40}
  - {id: c, kind: Routine, calls: 20, typed: 20, target: 20}
total_row: {label: All calls, id: all, calls: 100}
`;
  it("adds up counts, not percentages or columns that say total: false, and names the total row by its id", () => {
    const { computed, problems, cell } = table(SHARES);
    expect(problems.list).toEqual([]);
    const total = computed.rows.at(-1)!;
    expect(total.id).toBe("all");
    expect(total.total).toBe(true);
    expect(cell(3, "calls")).toBe(100);
    expect(cell(3, "typed") ?? null).toBeNull(); // a typed share is not summed into a nonsense 100 (or 50) per cent
    expect(cell(3, "target") ?? null).toBeNull();
  });
  it("computes running totals down the data rows and each row's share of the column's total", () => {
    const { cell } = table(SHARES);
    expect([0, 1, 2].map((r) => cell(r, "running"))).toEqual([30, 80, 100]);
    expect([0, 1, 2, 3].map((r) => cell(r, "share"))).toEqual([30, 50, 20, 100]);
  });
  it("refuses a running total or share of a column the table does not have", () => {
    const { problems } = table(SHARES.replace("running_total_of: calls", "running_total_of: cals"));
    expect(problems.list.map((p) => [p.rule, p.message])).toEqual([["table/unknown-column", "column 'running' is computed from 'cals', which is not a column of this table"]]);
  });
  it("treats a computed row marked is_total as a total: kept out of charts", async () => {
    const { computed } = table(`caption: Spend
columns:
  - {key: area, label: Area, row_header: true}
  - {key: spend, label: Spend, type: money}
rows:
  - {id: a, area: North, spend: 10}
  - {id: b, area: South, spend: 20}
  - {id: t, area: Total, sum_of: [a, b], is_total: true}
`);
    expect(computed.rows[2]!.total).toBe(true);
    const { chartPoints } = await import("../../src/charts/chart.ts");
    const points = chartPoints({ caption: "c", table: "t", mark: "bar", x: "area", y: ["spend"] } as Parameters<typeof chartPoints>[0], computed);
    expect(points.map((p) => p.category)).toEqual(["North", "South"]);
  });
});
