import { describe, expect, it } from "vitest";
import { computeTable } from "../../../src/tables/compute.ts";
import { tableSchema } from "../../../src/tables/schema.ts";
import { Problems as TableProblems } from "../../../src/content/problems.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseYaml } from "../../../src/content/yaml.ts";
import { Problems } from "../../../src/content/problems.ts";
import { parseQuarter } from "../../../src/lib/format.ts";
import { fixturePath, MAIN, ROOT } from "../../helpers.ts";
import {
  allAfis, byLead, byQuarter, countByPillar, countBySubQuestion, dueStatus, gradeScore, movement, movementCounts, quarterOf,
} from "../../../src/kinds/hmicfrs-progress/build.ts";
import { loadInspection, proseValues, typedCounts } from "../../../src/kinds/hmicfrs-progress/index.ts";
import { generatedTables } from "../../../src/kinds/hmicfrs-progress/figures.ts";
import type { HmicfrsData, ProgressRow } from "../../../src/kinds/hmicfrs-progress/schema.ts";

/** The main fixture's inspection: 9 areas for improvement, grades moving up, down and not at all. */
const FIXTURE = fixturePath(MAIN, "data/meetings/2024-11-14/04-inspection.yaml");
const MEETING = "2024-11-14";
const FIXTURES = join(ROOT, "test/fixtures/hmicfrs-progress");

function load(file: string) {
  const text = readFileSync(file, "utf8");
  const problems = new Problems();
  const data = loadInspection(parseYaml(text), file, problems);
  return { data, problems, text };
}

/** The 1-based line of the first line containing `needle` (so expectations follow the fixture, not a typed number). */
function lineOf(text: string, needle: string, occurrence = 1): number {
  let seen = 0;
  const index = text.split("\n").findIndex((line) => line.includes(needle) && ++seen === occurrence);
  if (index < 0) throw new Error(`'${needle}' not in fixture`);
  return index + 1;
}

const inspection = (): HmicfrsData => {
  const { data, problems } = load(FIXTURE);
  expect(problems.list.filter((p) => p.severity === "error")).toEqual([]);
  return data!;
};

const row = (afi: string, timescale: string | null): ProgressRow => ({ afi, timescale, lead: "x", progress: ["p"], future: [] });

describe("the fixture inspection (HPFCP/41/24)", () => {
  it("has 9 areas for improvement: 4 effectiveness, 2 efficiency, 3 people", () => {
    const data = inspection();
    expect(allAfis(data.pillars)).toHaveLength(9);
    expect(data.pillars.map((p) => [p.id, countByPillar(p)])).toEqual([["effectiveness", 4], ["efficiency", 2], ["people", 3]]);
    expect(data.pillars.flatMap((p) => p.sub_questions.map(countBySubQuestion))).toEqual([1, 2, 1, 2, 0, 1, 2]);
  });

  it("keeps the areas for improvement in inspection order with their progress rows", () => {
    const data = inspection();
    expect(data.progress.map((r) => r.afi)).toEqual(allAfis(data.pillars).map((a) => a.id));
  });

  it("counts grade movements of the sub-questions on the ordinal scale: 3 up, 1 down, 3 unchanged", () => {
    expect(movementCounts(inspection().pillars)).toEqual({ up: 3, down: 1, same: 3 });
  });

  it("rolls actions up by quarter in chronological order across financial years, 'Not set' last", () => {
    const groups = byQuarter(inspection().progress);
    expect(groups.map((g) => [g.label, g.rows.length])).toEqual([
      ["Q2 2024/25", 1], ["Q3 2024/25", 2], ["Q4 2024/25", 3], ["Q1 2025/26", 1], ["Q2 2025/26", 1], ["Not set", 1],
    ]);
  });

  it("rolls actions up by lead, leaving out a lead with none", () => {
    const data = inspection();
    const counts = Object.fromEntries(byLead(data.progress, data.leads).map((g) => [g.lead, g.rows.length]));
    expect(counts).toEqual({ "ad-prevention": 2, "ad-response": 2, "ad-finance": 2, "ad-people": 3 });
  });

  it("computes the prose values and Table A from the data", () => {
    const data = inspection();
    const values = proseValues(data, MEETING);
    expect([values["afi-total"], values["afi-effectiveness"], values["afi-efficiency"], values["afi-people"]]).toEqual(["9", "4", "2", "3"]);
    // Due by 31 March 2025: Q2, Q3 and Q4 2024/25 (6); later: Q1 and Q2 2025/26 (2); one has no timescale.
    expect(values["due-by-year-end"]).toBe("6");
    expect(values["due-this-quarter"]).toBe("2");
    expect(values["due-later"]).toBe("2");
    expect(values["no-timescale"]).toBe("1");
    expect(values["overdue-summary"]).toBe("1 action was past the end of its due quarter at 14 November 2024 (EFF-01)");
    expect(values["afi-repeat"]).toBe("3");
    expect([values["top-lead"], values["top-lead-count"]]).toEqual(["Assistant Director, People", "3"]);
    // The share column is computed by the table (share_of), from the counts the kind writes.
    const input = generatedTables(data)["afis-by-pillar"]!;
    const table = computeTable("afis-by-pillar", tableSchema.parse(input), { file: "t.yaml", located: parseYaml("{}"), path: [], problems: new TableProblems() });
    expect(table.rows.map((r) => [r.values.pillar, r.values.areas, r.values.share])).toEqual([["Effectiveness", 4, 44.4], ["Efficiency", 2, 22.2], ["People", 3, 33.3], ["Total", 9, 100]]);
  });
});

describe("grades and movement", () => {
  it("scores the scale inadequate < requires improvement < good < outstanding", () => {
    expect(["inadequate", "requires_improvement", "good", "outstanding"].map((g) => gradeScore(g as never))).toEqual([1, 2, 3, 4]);
  });
  it("says up, down or same", () => {
    expect(movement("good", "requires_improvement")).toBe("up");
    expect(movement("requires_improvement", "good")).toBe("down");
    expect(movement("inadequate", "inadequate")).toBe("same");
    expect(movement("requires_improvement", "inadequate")).toBe("up");
  });
});

describe("quarters", () => {
  it("parses financial-year quarters and rejects malformed ones", () => {
    expect(parseQuarter("Q4 2022/23")).toEqual({ quarter: 4, fyStart: 2022 });
    for (const bad of ["Q5 2022/23", "Q4 2022/24", "Q4 22/23", "q4 2022/23", "2022/23 Q4"]) expect(parseQuarter(bad)).toBeNull();
  });
  it("finds the quarter of a date (Q1 = April to June)", () => {
    expect(quarterOf("2022-12-08")).toEqual({ quarter: 3, fyStart: 2022 });
    expect(quarterOf("2023-01-16")).toEqual({ quarter: 4, fyStart: 2022 });
    expect(quarterOf("2023-04-01")).toEqual({ quarter: 1, fyStart: 2023 });
    expect(quarterOf("2022-09-30")).toEqual({ quarter: 2, fyStart: 2022 });
  });
  it("orders quarters across financial years", () => {
    const groups = byQuarter([row("a", "Q1 2023/24"), row("b", null), row("c", "Q4 2022/23"), row("d", "Q2 2022/23")]);
    expect(groups.map((g) => g.label)).toEqual(["Q2 2022/23", "Q4 2022/23", "Q1 2023/24", "Not set"]);
  });
});

describe("overdue logic at the meeting date", () => {
  const rows = [row("past", "Q2 2022/23"), row("now", "Q3 2022/23"), row("soon", "Q4 2022/23"), row("later", "Q1 2023/24"), row("none", null)];
  it("an action is overdue once its quarter has ended before the meeting", () => {
    const status = dueStatus(rows, "2022-12-08");
    expect(status.overdue.map((r) => r.afi)).toEqual(["past"]);
    expect(status.dueThisQuarter.map((r) => r.afi)).toEqual(["now"]);
    expect(status.dueByYearEnd.map((r) => r.afi)).toEqual(["past", "now", "soon"]);
    expect(status.later.map((r) => r.afi)).toEqual(["later"]);
    expect(status.noTimescale.map((r) => r.afi)).toEqual(["none"]);
  });
  it("is not overdue on the last day of its quarter, but is the day after", () => {
    expect(dueStatus([row("q3", "Q3 2022/23")], "2022-12-31").overdue).toHaveLength(0);
    expect(dueStatus([row("q3", "Q3 2022/23")], "2023-01-01").overdue).toHaveLength(1);
  });
  it("says which actions are overdue in the prose", () => {
    const data = inspection();
    const values = proseValues(data, "2025-04-01");
    expect(values["overdue-summary"]).toBe("6 actions were past the end of their due quarter at 1 April 2025 (EFF-01, EFF-02, EFF-03, EFF-04, EFC-02, PPL-01)");
  });
});

describe("the narrative", () => {
  it("flags a count typed next to 'areas for improvement'", () => {
    expect(typedCounts("HMICFRS found 26 areas of improvement.\nSee [@value:afi-total] areas for improvement.")).toEqual([{ line: 1, column: 15, text: "26 areas of improvement" }]);
  });
});

describe("failing fixtures give a clear error naming the file and line", () => {
  it("accepts the valid fixture", () => {
    const { data, problems } = load(join(FIXTURES, "valid.yaml"));
    expect(problems.list).toEqual([]);
    expect(data).toBeDefined();
  });

  const cases: Array<{ fixture: string; rule: string; needle: string; occurrence?: number; message: RegExp }> = [
    { fixture: "unknown-afi.yaml", rule: "ref/unknown-afi", needle: "afi: EFF-99", message: /area for improvement 'EFF-99', which the inspection does not have/ },
    { fixture: "duplicate-id.yaml", rule: "ref/duplicate-id", needle: "{id: EFF-01", occurrence: 2, message: /id 'EFF-01' is already used/ },
    { fixture: "duplicate-id.yaml", rule: "ref/duplicate-afi", needle: "afi: EFF-01", occurrence: 2, message: /'EFF-01' already has a progress row/ },
    { fixture: "bad-quarter.yaml", rule: "value/quarter", needle: "Q5 2022/23", message: /"Q5 2022\/23", which is not a financial-year quarter/ },
    { fixture: "unknown-lead.yaml", rule: "ref/unknown-lead", needle: "lead: ad-finance", message: /names lead 'ad-finance', which is not in leads/ },
    { fixture: "bad-grade.yaml", rule: "schema/not-allowed", needle: "grade: very_good", message: /grade is "very_good", which is not one of the allowed values/ },
  ];
  for (const c of cases) {
    it(`${c.fixture}: ${c.rule}`, () => {
      const file = join(FIXTURES, c.fixture);
      const { problems, text } = load(file);
      const found = problems.list.filter((p) => p.rule === c.rule);
      expect(found, problems.format(ROOT)).toHaveLength(1);
      expect(found[0]).toMatchObject({ file, line: lineOf(text, c.needle, c.occurrence), severity: "error" });
      expect(found[0]!.message).toMatch(c.message);
      const printed = problems.format(ROOT);
      expect(printed).toContain(`test/fixtures/hmicfrs-progress/${c.fixture}:${found[0]!.line}:`);
    });
  }
});
