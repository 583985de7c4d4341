/**
 * Tables that copy or take from another paper of the same meeting (`<paper>:<table>`, src/kinds/generic/papers.ts):
 * the other paper is built first whatever the agenda's order, a name of no paper or table is ref/unresolved at
 * the cell with a "did you mean", papers that take from each other are ref/cycle, and a public table reads
 * no exempt paper, no table of an exempt appendix and no exempt cell (exempt/reference), in either build.
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/pipeline/index.ts";
import { buildSite } from "../../src/pipeline/build.ts";
import { bodyHtmlOf } from "../golden.ts";
import { edit, fixtureProject, lineIn } from "../helpers.ts";

const MEETING = "content/meetings/2025-03-06/meeting.yaml";
const LIBRARIES = "content/meetings/2025-03-06/papers/02-libraries.md";
const LIBRARIES_DATA = "data/meetings/2025-03-06/02-libraries.yaml";
const BUDGET = "content/meetings/2025-03-06/papers/03-budget.md";
const BUDGET_DATA = "data/meetings/2025-03-06/03-budget.yaml";

/** The small fixture with a second paper, 03-budget, after 02-libraries on the agenda; 02-libraries takes from it. */
function project(): string {
  const dir = fixtureProject("small");
  appendFileSync(join(dir, MEETING), "  - title: Library Budget\n    ref: BVP/08/25\n    kind: paper\n    paper: 03-budget\n");
  writeFileSync(join(dir, BUDGET), [
    "---",
    "title: Library Budget",
    "cover: report",
    "author: Head of Libraries",
    "for: noting",
    "enquiries:",
    "  - name: Olwen Featherstonehaugh",
    "    role: Committee Officer",
    "    email: committees@brackenridge.example",
    "numbering: paragraphs",
    "---",
    "",
    "## Budget",
    "",
    "The cost of Saturday opening is set out in [@fig:budget].",
    "",
    "::: table budget",
    "",
  ].join("\n"));
  writeFileSync(join(dir, BUDGET_DATA), [
    "tables:",
    "  budget:",
    "    caption: Cost of Saturday opening",
    "    columns:",
    "      - {key: line, label: Line, type: text, row_header: true}",
    "      - {key: y2526, label: \"2025/26\", type: money}",
    "      - {key: y2627, label: \"2026/27\", type: money}",
    "    rows:",
    "      - {id: staff, line: Staff, y2526: 41200, y2627: 42400}",
    "      - {id: running, line: Running costs, y2526: 7000, y2627: 7200}",
    "    total_row: {label: Total}",
    "",
  ].join("\n"));
  edit(dir, LIBRARIES, "::: chart visits-chart\n", "::: chart visits-chart\n\nThe cost ([@fig:cost]) is the budget's, as [@fig:cost-again] repeats.\n\n::: table cost\n\n::: table cost-again\n");
  const data = readFileSync(join(dir, LIBRARIES_DATA), "utf8");
  writeFileSync(join(dir, LIBRARIES_DATA), data.replace("charts:\n", [
    "  cost:",
    "    caption: Cost of Saturday opening (from the budget paper)",
    "    columns:",
    "      - {key: line, label: Line, type: text, row_header: true}",
    "      - {key: y2526, label: \"2025/26\", type: money}",
    "    rows:",
    "      - {id: staff, line: Staff, y2526: {from: 03-budget:budget/staff/y2526}}",
    "      - {id: running, line: Running costs, from: 03-budget:budget/running}",
    "      - {id: all, line: All, y2526: {from: 03-budget:budget/total/y2526}}",
    "  cost-again:",
    "    caption: Cost of Saturday opening, two years",
    "    copy_of: 03-budget:budget",
    "    columns:",
    "      - {key: line, label: Line, type: text, row_header: true}",
    "      - {key: y2526, label: \"2025/26\", type: money}",
    "      - {key: y2627, label: \"2026/27\", type: money}",
    "    rows:",
    "      - {id: staff, line: Staff, y2526: 41200, y2627: 42400}",
    "      - {id: running, line: Running, y2526: 7000, y2627: 7200}",
    "charts:\n",
  ].join("\n")));
  return dir;
}

const found = (dir: string, problems: { list: Array<{ file: string; line?: number; rule: string; severity: string; message: string; hint?: string }> }) =>
  problems.list.filter((p) => p.severity === "error").map((p) => ({ file: p.file.slice(dir.length + 1), line: p.line, rule: p.rule, message: p.message, hint: p.hint }));

describe("tables taken from another paper of the meeting", () => {
  it("takes cells, rows and a copy from a paper later on the agenda (built first)", async () => {
    const dir = project();
    const { problems, site } = await check(dir);
    expect(found(dir, problems)).toEqual([]);
    const html = bodyHtmlOf(site, "02-libraries")!;
    expect(html).toMatch(/Staff<\/th>\s*<td class="numeric">£41,200<\/td>/);
    expect(html).toMatch(/Running costs<\/th>\s*<td class="numeric">£7,000<\/td>/);
    expect(html).toMatch(/All<\/th>\s*<td class="numeric">£48,200<\/td>/);
    // The agenda's order holds on the meeting's page, whichever paper was built first.
    expect(site.meetings[0]!.papers.map((p) => p.slug)).toEqual(["02-libraries", "03-budget"]);
  }, 60_000);

  it("reports a paper or table of no such name at the cell, with a 'did you mean', and a copy that differs", async () => {
    const dir = project();
    edit(dir, LIBRARIES_DATA, "{from: 03-budget:budget/staff/y2526}", "{from: 03-budgte:budget/staff/y2526}");
    edit(dir, LIBRARIES_DATA, "from: 03-budget:budget/running}", "from: 03-budget:budgt/running}");
    edit(dir, LIBRARIES_DATA, "{id: running, line: Running, y2526: 7000, y2627: 7200}", "{id: running, line: Running, y2526: 7200, y2627: 7000}");
    const { problems } = await check(dir);
    expect(found(dir, problems)).toEqual([
      { file: LIBRARIES_DATA, line: lineIn(dir, LIBRARIES_DATA, "03-budgte:"), rule: "ref/unresolved", message: "table 'cost' takes '03-budgte:budget/staff': '03-budgte' is not a paper of this meeting", hint: "did you mean '03-budget'?" },
      { file: LIBRARIES_DATA, line: lineIn(dir, LIBRARIES_DATA, "03-budget:budgt"), rule: "ref/unresolved", message: "table 'cost' takes '03-budget:budgt/running': paper '03-budget' has no table 'budgt'", hint: "did you mean 'budget'?" },
      expect.objectContaining({ file: LIBRARIES_DATA, line: lineIn(dir, LIBRARIES_DATA, "y2526: 7200, y2627: 7000"), rule: "table/copy", message: "table 'cost-again' is a copy of '03-budget:budget', but row 'running', column '2025/26' is £7,200 where '03-budget:budget' has £7,000 (and 1 more cell)" }),
    ]);
  }, 60_000);

  it("reports papers that take from each other as a cycle, at the cell that closes it", async () => {
    const dir = project();
    edit(dir, BUDGET_DATA, "{id: running, line: Running costs, y2526: 7000,", "{id: running, line: Running costs, y2526: {from: 02-libraries:cost/running/y2526},");
    const { problems } = await check(dir);
    expect(found(dir, problems)).toEqual([
      expect.objectContaining({ file: BUDGET_DATA, line: lineIn(dir, BUDGET_DATA, "02-libraries:cost"), rule: "ref/cycle", message: "table 'budget' takes '02-libraries:cost/running': papers take tables from each other in a circle: 02-libraries → 03-budget → 02-libraries" }),
    ]); // one finding: the copy of the budget, computed without the cell the cycle kept from it, is not compared
  }, 60_000);

  it("lets a value and a claim read another paper's cell, and reports a name of no paper there", async () => {
    const dir = project();
    edit(dir, LIBRARIES, "The cost ([@fig:cost])", "Saturdays cost [@value:budget-total] a year, [@value:staff-share] of it staff. The cost ([@fig:cost])");
    edit(dir, LIBRARIES_DATA, "charts:\n", "values:\n  budget-total: {cell: {table: \"03-budget:budget\", row: total, column: y2526}}\nclaims:\n  staff-share: {ratio: [03-budget:budget/staff/y2526, budget-total], per: 100, stated: 85}\ncharts:\n");
    const clean = await check(dir);
    expect(found(dir, clean.problems)).toEqual([]);
    expect(bodyHtmlOf(clean.site, "02-libraries")).toContain("Saturdays cost £48,200 a year, 85% of it staff.");
    edit(dir, LIBRARIES_DATA, "{table: \"03-budget:budget\"", "{table: \"03-budgt:budget\"");
    edit(dir, LIBRARIES_DATA, "ratio: [03-budget:budget/staff/y2526", "ratio: [03-budget:budgte/staff/y2526");
    const { problems } = await check(dir);
    // Each at its own line (the prose quoting the value that could not be read, and the claim naming it, follow from it).
    expect(found(dir, problems)).toEqual(expect.arrayContaining([
      { file: LIBRARIES_DATA, line: lineIn(dir, LIBRARIES_DATA, "03-budgt:budget"), rule: "ref/unresolved", message: "value 'budget-total' reads '03-budgt:budget': '03-budgt' is not a paper of this meeting", hint: "did you mean '03-budget'?" },
      { file: LIBRARIES_DATA, line: lineIn(dir, LIBRARIES_DATA, "03-budget:budgte"), rule: "ref/unresolved", message: "claim 'staff-share': '03-budget:budgte/staff/y2526': paper '03-budget' has no table 'budgte'", hint: "did you mean 'budget'?" },
    ]));
  }, 60_000);

  describe("exempt material", () => {
    const SECRET = "£48,200"; // the budget's total: only the taken cell could print it
    /** The budget paper made exempt: its agenda item, and the paper's own front matter. */
    const exemptBudget = (dir: string) => {
      edit(dir, MEETING, "    paper: 03-budget\n", "    paper: 03-budget\n    exempt: {paragraphs: [3]}\n");
      edit(dir, BUDGET, "for: noting\n", "for: noting\nexempt: {paragraphs: [3]}\n");
    };

    it.each([false, true])("a public table cannot take from an exempt paper (restricted build: %s)", async (restricted) => {
      const dir = project();
      exemptBudget(dir);
      const { problems, site } = await buildSite({ root: dir, builtAt: "2025-03-01T00:00:00Z", restricted });
      const errors = found(dir, problems);
      expect(errors).toEqual(expect.arrayContaining([
        expect.objectContaining({ file: LIBRARIES_DATA, line: lineIn(dir, LIBRARIES_DATA, "{from: 03-budget:budget/staff/y2526}"), rule: "exempt/reference", message: "table 'cost' takes '03-budget:budget/staff': paper '03-budget' is exempt (not for publication), and this table is public" }),
        expect.objectContaining({ file: LIBRARIES_DATA, line: lineIn(dir, LIBRARIES_DATA, "copy_of: 03-budget:budget"), rule: "exempt/reference" }),
      ]));
      expect(errors.every((e) => e.rule === "exempt/reference")).toBe(true);
      // The exempt figure reaches no public page: the cell is left empty, never filled from the exempt paper.
      if (!restricted) expect(bodyHtmlOf(site, "02-libraries")).not.toContain(SECRET);
    }, 60_000);

    it("a public value or claim cannot read an exempt paper's cell", async () => {
      const dir = project();
      exemptBudget(dir);
      edit(dir, LIBRARIES, "The cost ([@fig:cost])", "Saturdays cost [@value:budget-total], [@value:staff-share] staff. The cost ([@fig:cost])");
      edit(dir, LIBRARIES_DATA, "charts:\n", "values:\n  budget-total: {cell: {table: \"03-budget:budget\", row: total, column: y2526}}\nclaims:\n  staff-share: {ratio: [03-budget:budget/staff/y2526, 03-budget:budget/total/y2526], per: 100}\ncharts:\n");
      const { problems, site } = await check(dir);
      expect(found(dir, problems)).toEqual(expect.arrayContaining([
        expect.objectContaining({ file: LIBRARIES_DATA, line: lineIn(dir, LIBRARIES_DATA, "budget-total: {cell"), rule: "exempt/reference", message: "value 'budget-total' reads '03-budget:budget': paper '03-budget' is exempt (not for publication), and this table is public" }),
        expect.objectContaining({ file: LIBRARIES_DATA, line: lineIn(dir, LIBRARIES_DATA, "staff-share:"), rule: "exempt/reference" }),
      ]));
      expect(bodyHtmlOf(site, "02-libraries")).not.toContain(SECRET);
    }, 60_000);

    it("a public table cannot take from a table another paper places only in its exempt appendix", async () => {
      const dir = project();
      edit(dir, BUDGET, "::: table budget\n", "# Appendix: Costs {exempt=3}\n\n::: table budget\n");
      const { problems, site } = await check(dir);
      expect(found(dir, problems)).toEqual(expect.arrayContaining([
        expect.objectContaining({ file: LIBRARIES_DATA, line: lineIn(dir, LIBRARIES_DATA, "{from: 03-budget:budget/staff/y2526}"), rule: "exempt/reference", message: expect.stringContaining("table 'budget' of paper '03-budget' is placed only inside its exempt appendix") }),
      ]));
      expect(bodyHtmlOf(site, "02-libraries")).not.toContain(SECRET);
    }, 60_000);

    it("a public table cannot take another paper's exempt cell", async () => {
      const dir = project();
      edit(dir, BUDGET_DATA, "      - {key: y2627, label: \"2026/27\", type: money}\n", "      - {key: y2627, label: \"2026/27\", type: money}\n      - {key: supplier, label: Supplier, type: text}\n");
      edit(dir, BUDGET_DATA, "y2526: 41200, y2627: 42400}", "y2526: 41200, y2627: 42400, supplier: {exempt: [3], value: Quillfeather Staffing, public: \"*\"}}");
      edit(dir, LIBRARIES_DATA, "      - {key: y2526, label: \"2025/26\", type: money}\n    rows:\n      - {id: staff", "      - {key: y2526, label: \"2025/26\", type: money}\n      - {key: supplier, label: Supplier, type: text}\n    rows:\n      - {id: staff");
      edit(dir, LIBRARIES_DATA, "y2526: {from: 03-budget:budget/staff/y2526}}", "y2526: {from: 03-budget:budget/staff/y2526}, supplier: {from: 03-budget:budget/staff/supplier}}");
      const { problems, site } = await check(dir);
      expect(found(dir, problems)).toEqual([
        expect.objectContaining({ file: LIBRARIES_DATA, line: lineIn(dir, LIBRARIES_DATA, "03-budget:budget/staff/supplier"), rule: "exempt/reference", message: "'03-budget:budget/staff/supplier' is an exempt cell: it is printed only where it is stated" }),
      ]);
      expect(bodyHtmlOf(site, "02-libraries")).not.toContain("Quillfeather");
    }, 60_000);
  });
});
