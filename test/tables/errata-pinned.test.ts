/** A misprint is pinned to its own cell: the printed totals that follow from it are its consequences, one finding. */
import { describe, expect, it } from "vitest";
import { computeTable } from "../../src/tables/compute.ts";
import { tableSchema } from "../../src/tables/schema.ts";
import { tableView } from "../../src/tables/view.ts";
import { parseYaml } from "../../src/content/yaml.ts";
import { Problems } from "../../src/content/problems.ts";

function table(yamlText: string) {
  const located = parseYaml(yamlText);
  const problems = new Problems();
  const computed = computeTable("t", tableSchema.parse(located.value), { file: "t.yaml", located, path: [], problems });
  return { problems, view: tableView(computed, { id: "t", label: "Figure 1" }) };
}

// The source prints 'after' 2023/24 as 374.8 where its parts give 377.8; the shortfall below it and both
// 5-year totals are consistent with the misprint, as printed totals are.
const MTFS = `caption: MTFS
columns:
  - {key: line, label: Line, row_header: true}
  - {key: a, label: "2023/24", type: money_m}
  - {key: b, label: "2024/25", type: money_m}
  - {key: total, label: 5 Year Total, type: money_m, sum_of: [a, b]}
rows:
  - {id: req, line: Requirement, a: 386.7, b: 389.0}
  - {id: savings, line: Savings, a: -8.9, b: -2.8}
  - {id: after, line: After savings, sum_of: [req, savings], a: 374.8, b: 386.2, total: 761.0}
  - {id: funding, line: Funding, a: -369.6, b: -379.7}
  - {id: shortfall, line: Shortfall, sum_of: [after, funding], negate: true, a: -5.2, b: -6.5, total: -11.7}
`;

describe("errata pinned to the misprinted cell", () => {
  it("reports the misprint once, at its cell, naming the figures that follow from it", () => {
    const { problems } = table(MTFS);
    expect(problems.list.map((p) => [p.rule, p.line, p.column])).toEqual([["total/mismatch", 10, 65]]);
    expect(problems.list[0]!.message).toBe("row 3 ('after'), column '2023/24': states 374.8 but the computed value is 377.8; 3 printed figures computed from it differ as a consequence ('after', column '5 Year Total': prints 761.0, computed 764.0; 'shortfall', column '2023/24': prints (5.2), computed (8.2); 'shortfall', column '5 Year Total': prints (11.7), computed (14.7))");
  });
  it("listed in errata: one warning and one published note that names the corrected figures", () => {
    const { problems, view } = table(`${MTFS}errata:\n  - {row: after, column: a, note: A misprint in the source.}\n`);
    expect(problems.list.map((p) => [p.rule, p.line])).toEqual([["total/erratum", 10]]);
    expect(view.errata).toEqual(["After savings, 2023/24: printed in the source as 374.8; computed from its parts as 377.8. A misprint in the source. Figures computed from it are corrected too: After savings, 5 Year Total (printed as 761.0; computed as 764.0); Shortfall, 2023/24 (printed as (5.2); computed as (8.2)); Shortfall, 5 Year Total (printed as (11.7); computed as (14.7))."]);
  });
  it("says an erratum listed for a consequence is not needed", () => {
    const { problems } = table(`${MTFS}errata:\n  - {row: after, column: a}\n  - {row: shortfall, column: a}\n`);
    expect(problems.list.map((p) => [p.rule, p.line])).toEqual([["total/erratum", 10], ["total/erratum-unused", 15]]);
    expect(problems.list[1]!.message).toContain("follows from the misprint at row 3 ('after'), column '2023/24'");
  });
  it("reports two misprints as two findings: a printed total its own printed parts do not give is not a consequence", () => {
    const { problems } = table(MTFS.replace("a: -5.2,", "a: -5.9,"));
    expect(problems.list.map((p) => [p.rule, p.line])).toEqual([["total/mismatch", 10], ["total/mismatch", 12]]);
  });
  it("checks the total row against its printed parts too", () => {
    const { problems } = table(`caption: Spend
columns:
  - {key: line, label: Line, row_header: true}
  - {key: a, label: A, type: integer}
  - {key: b, label: B, type: integer}
  - {key: total, label: Total, type: integer, sum_of: [a, b]}
rows:
  - {line: One, a: 1, b: 2, total: 4}
  - {line: Two, a: 3, b: 4}
total_row: {label: Total, total: 11}
`);
    expect(problems.list.map((p) => [p.rule, p.line])).toEqual([["total/mismatch", 8]]);
    expect(problems.list[0]!.message).toContain("1 printed figure computed from it differs as a consequence (total row, column 'Total': prints 11, computed 10)");
  });
});
