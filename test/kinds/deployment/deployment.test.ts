import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../../src/content/yaml.ts";
import { Problems } from "../../../src/content/problems.ts";
import { percentOf, roundHalfUp } from "../../../src/lib/format.ts";
import { analyse, bestAndWorst, compareKpi, gradeSeries } from "../../../src/kinds/deployment/performance.ts";
import { checkMonthKeys, monthsBetween } from "../../../src/kinds/deployment/periods.ts";
import { deploymentExtras, readDeploymentData } from "../../../src/kinds/deployment/index.ts";
import { GRADES } from "../../../src/kinds/deployment/schema.ts";
import { fixturePath, MAIN, ROOT } from "../../helpers.ts";

const FIXTURES = join(ROOT, "test", "fixtures", "deployment");
/** The main fixture's deployment data: three crime types over six months, with stated figures to check. */
const FIXTURE = fixturePath(MAIN, "data", "meetings", "2024-11-14", "05-attendance.yaml");

function load(file: string) {
  const problems = new Problems();
  const text = readFileSync(file, "utf8");
  problems.remember(file, text);
  const where = { file, located: parseYaml(text), problems };
  const data = readDeploymentData(where);
  const perf = data ? analyse(data, where) : undefined;
  return { problems, data, perf, text, where };
}

/** The 1-based line of the first line of `text` containing `needle` (so tests do not hard-code line numbers). */
function lineOf(text: string, needle: string): number {
  const index = text.split("\n").findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`'${needle}' not in fixture`);
  return index + 1;
}

describe("rounding (half up, as the source prints)", () => {
  it("rounds 13 of 16 to 81.3, not 81.2", () => {
    expect(percentOf(13, 16)).toBe(81.3);
    expect(roundHalfUp(81.25, 1)).toBe(81.3);
  });
  it("matches other figures the source prints", () => {
    expect(percentOf(38, 42)).toBe(90.5); // burglary emergency, Sep 2021
    expect(percentOf(6099, 7372)).toBe(82.7); // all high harm emergency, total
    expect(percentOf(2115, 4249)).toBe(49.8);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(1, 16)).toBe(6.3); // 6.25 → 6.3
    expect(percentOf(0, 0)).toBeNull();
  });
  it("pools counts for the period rather than averaging monthly percentages", () => {
    const s = gradeSeries(["2022-01", "2022-02"], [1, 9], [1, 1]);
    expect(s.pct).toEqual([50, 90]);
    expect(s.totalPct).toBe(83.3); // 10 of 12, not the mean 70
    expect(s.total).toEqual([2, 10]);
  });
});

describe("KPI comparison", () => {
  it("reports met / not met and the gap in points", () => {
    expect(compareKpi(82.7, 90, "at_least")).toEqual({ met: false, gap: -7.3 });
    expect(compareKpi(49.8, 84, "at_least")).toEqual({ met: false, gap: -34.2 });
    expect(compareKpi(90, 90, "at_least")).toEqual({ met: true, gap: 0 });
    expect(compareKpi(1.5, 2, "below")).toEqual({ met: true, gap: -0.5 });
    expect(compareKpi(2, 2, "below")).toEqual({ met: false, gap: 0 });
  });
  it("puts the achieved figure beside the attendance KPIs of the fixture and a plain statement elsewhere", () => {
    const { data, where } = load(FIXTURE);
    const extras = deploymentExtras(data!, where, (name, params) => ({ templates: "", name, params }));
    const rows = extras.tables!.kpis!.rows;
    const emergency = rows.find((r) => String(r.measure).startsWith("Emergency"))!;
    expect(emergency.achieved).toMatch(/^84\.0%/); // 351 of 418
    expect(emergency.result).toBe("Not met: 6.0 percentage points below target");
    expect(rows.find((r) => String(r.measure).startsWith("Priority"))!.result).toBe("Not met: 18.1 percentage points below target"); // 56.9 against 75
    expect(rows.filter((r) => r.achieved === "No figure in this report")).toHaveLength(2);
  });
});

describe("months", () => {
  it("lists the months of a period across a year end", () => {
    const months = monthsBetween("2021-09", "2022-09");
    expect(months).toHaveLength(13);
    expect(months[0]).toBe("2021-09");
    expect(months[4]).toBe("2022-01");
    expect(months[12]).toBe("2022-09");
    expect(monthsBetween("2022-03", "2022-01")).toEqual([]);
  });
  it("finds months out of order, missing, outside the period or badly written", () => {
    const expected = ["2022-01", "2022-02", "2022-03"];
    expect(checkMonthKeys(expected, expected)).toEqual([]);
    expect(checkMonthKeys(["2022-02", "2022-01", "2022-03"], expected)).toEqual([{ kind: "order", key: "2022-01", after: "2022-02" }]);
    expect(checkMonthKeys(["2022-01", "2022-03"], expected)).toEqual([{ kind: "missing", month: "2022-02" }]);
    expect(checkMonthKeys(["2022-01", "2022-02", "2022-03", "2022-04"], expected)).toEqual([{ kind: "outside", key: "2022-04" }]);
    expect(checkMonthKeys(["2022-1", "2022-02", "2022-03"], expected)).toEqual([{ kind: "format", key: "2022-1" }, { kind: "missing", month: "2022-01" }]);
  });
  it("picks the best and worst month on exact ratios, the earlier month on a tie", () => {
    expect(bestAndWorst(["a", "b", "c"], [1, 2, 1], [2, 3, 2])).toEqual({ best: "b", worst: "a" });
    // 2/3 = 66.7% and 667/1000 = 66.7% rounded, but 667/1000 is higher.
    expect(bestAndWorst(["a", "b"], [2, 667], [3, 1000])).toEqual({ best: "b", worst: "a" });
  });
});

describe("the fixture data (item 5, HPFCP/42/24)", () => {
  const { problems, data, perf } = load(FIXTURE);

  it("has no errors (the one warning is the force's misprinted 74%)", () => {
    const all = load(FIXTURE);
    deploymentExtras(all.data!, all.where, (name, params) => ({ templates: "", name, params }));
    expect(problems.list.filter((p) => p.severity === "error")).toEqual([]);
    expect(all.problems.list.filter((p) => p.severity === "error")).toEqual([]);
    expect(all.problems.list.map((p) => [p.rule, p.line])).toEqual([["total/erratum", lineOf(all.text, "stated_rate: 74")]]);
  });

  it("covers 6 months and three crime types", () => {
    expect(perf!.months).toEqual(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]);
    expect(data!.crime_types.map((c) => c.id)).toEqual(["burglary", "robbery", "domestic_abuse"]);
    expect(perf!.byCrimeType.size).toBe(3);
  });

  it("the crime types sum to the all-high-harm figures the file states, for every month and grade", () => {
    const stated = data!.time_met.stated_all_high_harm!;
    let checked = 0;
    perf!.months.forEach((month, i) => {
      for (const grade of GRADES) {
        const met = [...perf!.byCrimeType.values()].reduce((a, s) => a + s[grade].met[i]!, 0);
        const notMet = [...perf!.byCrimeType.values()].reduce((a, s) => a + s[grade].notMet[i]!, 0);
        expect([met, notMet], `${month} ${grade}`).toEqual(stated.months[month]![grade]);
        expect(perf!.all[grade].met[i]).toBe(met);
        expect(perf!.all[grade].notMet[i]).toBe(notMet);
        checked++;
      }
    });
    expect(checked).toBe(18);
  });

  it("computes the totals, percentages, best and worst months (worked by hand from the counts)", () => {
    expect([perf!.all.emergency.totalMet, perf!.all.emergency.totalNotMet, perf!.all.emergency.totalPct]).toEqual([351, 67, 84]);
    expect([perf!.all.priority.totalMet, perf!.all.priority.totalNotMet, perf!.all.priority.totalPct]).toEqual([324, 245, 56.9]);
    expect([perf!.all.routine.totalMet, perf!.all.routine.totalNotMet, perf!.all.routine.totalPct]).toEqual([271, 37, 88]);
    expect(perf!.byCrimeType.get("burglary")!.emergency.pct[0]).toBe(81.3); // 13 of 16, January 2024
    expect(perf!.all.emergency.best).toEqual({ month: "2024-05", pct: 89.2 }); // 66 of 74
    expect(perf!.all.emergency.worst).toEqual({ month: "2024-06", pct: 76.5 }); // 52 of 68
    expect(perf!.all.priority.best).toEqual({ month: "2024-03", pct: 61.5 }); // 59 of 96, just above May's 57 of 93
    expect(perf!.all.priority.worst).toEqual({ month: "2024-06", pct: 49.5 });
  });

  it("generates the nine appendix tables from the data", () => {
    const { where } = load(FIXTURE);
    const extras = deploymentExtras(data!, where, (name, params) => ({ templates: "", name, params }));
    const appendix = Object.keys(extras.tables!).filter((id) => id.startsWith("appendix-"));
    expect(appendix).toHaveLength(9);
    const burglary = extras.tables!["appendix-burglary-emergency"]!;
    expect(burglary.columns).toHaveLength(8); // label, 6 months, total
    expect(burglary.wide).toBe(true);
    expect(burglary.rows[3]!.total).toBe(81.8); // 81 of 99
  });
});

describe("failing fixtures give a clear error with file and line", () => {
  const cases: Array<[string, string, RegExp, string]> = [
    ["missing-month.yaml", "deployment/month-missing", /Robbery has no counts for February 2022/, "robbery:"],
    ["negative-count.yaml", "value/negative", /Robbery, priority, February 2022: the count of incidents not met is -2/, "priority: [0, -2]"],
    ["stated-total.yaml", "total/mismatch", /emergency, total met: states 39 but the months give 38/, "stated_total: {emergency: {met: 39"],
    ["stated-month.yaml", "total/mismatch", /priority, February 2022: states 9 not met but the 2 crime types sum to 8/, "priority: [4, 9]"],
    ["unknown-grade.yaml", "schema/unknown-key", /unknown key 'routin'/, "routin: [0, 0]"],
    ["months-out-of-order.yaml", "deployment/month-order", /2022-01 comes after 2022-02/, "2022-01: {emergency: [13, 3]"],
  ];
  it("the base fixture is clean", () => {
    expect(load(join(FIXTURES, "base.yaml")).problems.list).toEqual([]);
  });
  for (const [fixture, rule, message, needle] of cases) {
    it(`${fixture}: ${rule}`, () => {
      const file = join(FIXTURES, fixture);
      const { problems, text } = load(file);
      const found = problems.list.find((p) => p.rule === rule && message.test(p.message));
      expect(found, JSON.stringify(problems.list, null, 1)).toBeDefined();
      expect(found!.severity).toBe("error");
      expect(found!.file).toBe(file);
      const expectedLine = needle === "robbery:" ? text.split("\n").findIndex((l) => l.trim() === "robbery:") + 2 : lineOf(text, needle);
      expect(found!.line).toBe(expectedLine);
      expect(problems.format(ROOT)).toContain(`test/fixtures/deployment/${fixture}:${found!.line}:`);
    });
  }
});
