/** The arithmetic of performance reports: ratios with their own scale, days between dates, durations, changes between rows, counts of rows. */
import { describe, expect, it } from "vitest";
import { computeTable } from "../../src/tables/compute.ts";
import { countRows } from "../../src/tables/count.ts";
import { tableSchema } from "../../src/tables/schema.ts";
import { tableView } from "../../src/tables/view.ts";
import { parseYaml } from "../../src/content/yaml.ts";
import { Problems } from "../../src/content/problems.ts";
import { daysBetween } from "../../src/lib/dates.ts";
import { formatDuration, parseDuration, ratioOf } from "../../src/lib/format.ts";

function table(yamlText: string) {
  const located = parseYaml(yamlText);
  const problems = new Problems();
  const input = tableSchema.parse(located.value);
  const computed = computeTable("t", input, { file: "t.yaml", located, path: [], problems });
  const view = tableView(computed, { id: "t", label: "Figure 1" });
  const cell = (row: number, key: string) => computed.rows[row]!.values[key];
  const text = (row: number, key: string) => view.rows[row]!.cells[computed.columns.findIndex((c) => c.key === key)]!.text;
  return { computed, problems, view, cell, text };
}

describe("ratios with their own scale", () => {
  const CALLS = `caption: Calls
columns:
  - {key: area, label: Area, row_header: true}
  - {key: calls, label: Calls, type: integer}
  - {key: days, label: Days, type: integer}
  - {key: people, label: Population, type: integer}
  - {key: per_day, label: Calls a day, type: number, decimals: 1, ratio_of: [calls, days]}
  - {key: rate, label: "Calls per 1,000 residents", type: number, decimals: 1, per: 1000, ratio_of: [calls, people]}
  - {key: share, label: Share answered, type: percent, ratio_of: [calls, people]}
rows:
  - {area: North, calls: 20615, days: 365, people: 412000}
  - {area: South, calls: 1000, days: 0, people: 80000}
total_row: {label: Total}
`;
  it("a number column is a plain ratio (an average a day of 56.5, not 5,648.1)", () => {
    const { cell, text, problems } = table(CALLS);
    expect(problems.list).toEqual([]);
    expect(cell(0, "per_day")).toBe(56.5);
    expect(text(0, "per_day")).toBe("56.5");
    expect(cell(1, "per_day")).toBeNull(); // no days: no average, never a division by zero
  });
  it("per: 1000 gives a rate per 1,000, and a percent column stays a percentage", () => {
    const { cell, text } = table(CALLS);
    expect(cell(0, "rate")).toBe(50);
    expect(cell(1, "rate")).toBe(12.5);
    expect(text(0, "share")).toBe("5.0%");
    // The total row's rate is computed from the totals, never summed.
    expect(cell(2, "rate")).toBe(roundTo(((20615 + 1000) / 492000) * 1000, 1));
  });
  it("checks a stated ratio at its own scale", () => {
    const { problems } = table(CALLS.replace("{area: North, calls: 20615, days: 365, people: 412000}", "{area: North, calls: 20615, days: 365, people: 412000, per_day: 5648.1}"));
    expect(problems.list.map((p) => [p.rule, p.line])).toEqual([["total/mismatch", 11]]);
    expect(problems.list[0]!.message).toContain("states 5,648.1 but the computed value is 56.5");
  });
  it("refuses 'per' without a ratio", () => {
    const { problems } = table(CALLS.replace("{key: days, label: Days, type: integer}", "{key: days, label: Days, type: integer, per: 10}"));
    expect(problems.list.map((p) => [p.rule, p.line])).toEqual([["schema/invalid", 5]]);
  });
  it("ratioOf scales and rounds half up; a zero denominator gives nothing", () => {
    expect(ratioOf(1, 8, 100, 1)).toBe(12.5);
    expect(ratioOf(1, 8, 1, 2)).toBe(0.13);
    expect(ratioOf(3, 0, 1, 0)).toBeNull();
  });
});

describe("days between two dates", () => {
  const ACTIONS = `caption: Actions
columns:
  - {key: action, label: Action, row_header: true}
  - {key: raised, label: Raised, type: date}
  - {key: closed, label: Closed, type: date}
  - {key: days, label: Days open, type: integer, days_between: [raised, closed]}
rows:
  - {action: A1, raised: "2022-11-30", closed: "2022-12-08"}
  - {action: A2, raised: "2022-02-27", closed: "2022-03-01", days: 3}
  - {action: A3, raised: "2022-10-01"}
total_row: {label: Total}
`;
  it("counts whole days, across month ends; an open item has none; the total row does not add them up", () => {
    const { cell, problems } = table(ACTIONS);
    expect(cell(0, "days")).toBe(8);
    expect(cell(2, "days")).toBeNull();
    expect(cell(3, "days")).toBeUndefined();
    // A2 states 3 days, but 27 February to 1 March 2022 is 2.
    expect(problems.list.map((p) => [p.rule, p.line])).toEqual([["total/mismatch", 9]]);
    expect(problems.list[0]!.message).toContain("states 3 but the computed value is 2");
  });
  it("needs two date columns and a number type", () => {
    const { problems } = table(ACTIONS.replace("{key: raised, label: Raised, type: date}", "{key: raised, label: Raised}").replace("type: integer, days_between", "days_between"));
    expect(problems.list.map((p) => p.rule).filter((r) => r.startsWith("table/")).sort()).toEqual(["table/not-date", "table/not-numeric"]);
  });
  it("daysBetween is calendar arithmetic, leap days included", () => {
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2022-12-08", "2022-11-30")).toBe(-8);
    expect(daysBetween("2022-02-30", "2022-03-01")).toBeNull();
  });
});

describe("durations", () => {
  const RESPONSE = `caption: Response times
columns:
  - {key: month, label: Month, row_header: true}
  - {key: urban, label: Urban, type: duration}
  - {key: rural, label: Rural, type: duration}
rows:
  - {month: October, urban: 198, rural: "14:05"}
  - {month: November, urban: "3:00", rural: "1:02:05"}
`;
  it("reads seconds or m:ss and prints words", () => {
    const { cell, text, problems } = table(RESPONSE);
    expect(problems.list).toEqual([]);
    expect(cell(0, "rural")).toBe(845);
    expect(text(0, "urban")).toBe("3 minutes 18 seconds");
    expect(text(1, "urban")).toBe("3 minutes");
    expect(text(1, "rural")).toBe("1 hour 2 minutes 5 seconds");
  });
  it("refuses a duration it cannot read, at its cell", () => {
    const { problems } = table(RESPONSE.replace('"14:05"', '"14 mins"'));
    expect(problems.list.map((p) => [p.rule, p.line])).toEqual([["value/not-a-number", 7]]);
  });
  it("formatDuration and parseDuration", () => {
    expect(formatDuration(0)).toBe("0 seconds");
    expect(formatDuration(61)).toBe("1 minute 1 second");
    expect(formatDuration(3600)).toBe("1 hour");
    expect(formatDuration(-12)).toBe("−12 seconds");
    expect(formatDuration(197.6)).toBe("3 minutes 18 seconds");
    expect(parseDuration("3:18")).toBe(198);
    expect(parseDuration("3:75")).toBeNull();
    expect(parseDuration("1:02:05")).toBe(3725);
  });
});

describe("change from the previous row", () => {
  const YEARS = `caption: Crimes recorded
columns:
  - {key: year, label: Year, row_header: true}
  - {key: crimes, label: Crimes, type: integer}
  - {key: change, label: Change, type: integer, change_of: crimes}
  - {key: pct, label: Change (%), type: percent, percent_change_of: crimes}
rows:
  - {year: "2019/20", crimes: 1000}
  - {year: "2020/21", crimes: 754, change: -246, pct: -24.6}
  - {id: sub, heading: true, year: "Latest"}
  - {year: "2021/22", crimes: 900}
  - {year: "2022/23"}
  - {year: "2023/24", crimes: 950}
total_row: {label: Total}
`;
  it("computes each data row's change from the one above (headings skipped), blank where either is missing", () => {
    const { cell, problems } = table(YEARS);
    expect(problems.list).toEqual([]);
    expect(cell(0, "change")).toBeNull();
    expect(cell(1, "change")).toBe(-246);
    expect(cell(1, "pct")).toBe(-24.6);
    expect(cell(3, "change")).toBe(146);
    expect(cell(3, "pct")).toBe(19.4);
    expect(cell(4, "change")).toBeNull();
    expect(cell(5, "change")).toBeNull();
    expect(cell(6, "change")).toBeUndefined(); // the total row has no change
    expect(cell(6, "crimes")).toBe(3604);
  });
  it("reports a stated change that disagrees (a rounded −24.6% stated as −24)", () => {
    const { problems } = table(YEARS.replace("pct: -24.6", "pct: -24"));
    expect(problems.list.map((p) => [p.rule, p.line])).toEqual([["total/mismatch", 9]]);
  });
  it("names a column that exists", () => {
    const { problems } = table(YEARS.replace("change_of: crimes", "change_of: crime"));
    expect(problems.list.map((p) => p.rule)[0]).toBe("table/unknown-column");
  });
});

describe("counting rows", () => {
  it("counts data rows, optionally where a column equals a value", () => {
    const { computed } = table(`caption: Actions
columns:
  - {key: action, label: Action, row_header: true}
  - {key: status, label: Status}
  - {key: cost, label: Cost, type: money}
rows:
  - {heading: true, action: Open}
  - {id: a, action: A1, status: Open, cost: 1}
  - {id: b, action: A2, status: Closed, cost: 2}
  - {id: c, action: A3, status: Open, cost: 3}
  - {action: Subtotal, sum_of: [a, b]}
total_row: {label: Total}
`);
    expect(countRows(computed)).toBe(3);
    expect(countRows(computed, { status: "Open" })).toBe(2);
    expect(countRows(computed, { status: "open" })).toBe(0);
  });
});

function roundTo(value: number, decimals: number): number {
  return Math.round(value * 10 ** decimals) / 10 ** decimals;
}
