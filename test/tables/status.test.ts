/**
 * Status columns on small made-up inputs (no build): the scale's checks (duplicates, 3:1 contrast), reading a
 * status cell, counting rows by status with stated counts checked, the view's symbol and the CSV's label, and
 * a chart coloured by status in the scale's colours and order.
 */
import { describe, expect, it } from "vitest";
import { computeTable } from "../../src/tables/compute.ts";
import { tableSchema, type ComputedTable } from "../../src/tables/schema.ts";
import { tableView } from "../../src/tables/view.ts";
import { countByStatus, findStatus, statusScaleProblems } from "../../src/tables/status.ts";
import { chartPoints, chartSchema, chartSpec, summarise } from "../../src/charts/chart.ts";
import { DEFAULT_STATUSES, type StatusScale } from "../../src/model/committee.ts";
import { contrastRatio } from "../../src/a11y/contrast.ts";
import { parseYaml } from "../../src/content/yaml.ts";
import { Problems } from "../../src/content/problems.ts";

const SCALE: StatusScale = [
  { id: "red", label: "Red – off track", colour: "#d4351c", symbol: "cross" },
  { id: "amber", label: "Amber – at risk", colour: "#cc6600", symbol: "triangle" },
  { id: "green", label: "Green – on track", colour: "#00703c", symbol: "circle" },
];

const PROJECTS = `caption: Projects
columns:
  - {key: project, label: Project, row_header: true}
  - {key: rag, label: Status, type: status}
  - {key: budget, label: Budget, type: money}
rows:
  - {project: Control room, rag: amber, budget: 120}
  - {project: Fleet, rag: Green, budget: 45}
  - {project: Estates, rag: red, budget: 300}
  - {project: Academy, rag: green, budget: 80}
`;

const BY_STATUS = `caption: Projects by status
columns:
  - {key: status, label: Status, type: status, row_header: true}
  - {key: projects, label: Projects, type: integer, count_of: {table: projects, column: rag}}
rows:
  - {status: red, projects: 1}
  - {status: amber}
  - {status: green}
total_row: {label: All projects, projects: 4}
`;

function compute(yamlText: string, options: { statuses?: StatusScale; tables?: Map<string, ComputedTable>; id?: string } = {}) {
  const located = parseYaml(yamlText);
  const problems = new Problems();
  const computed = computeTable(options.id ?? "t", tableSchema.parse(located.value), { file: "t.yaml", located, path: [], problems, statuses: options.statuses, tables: options.tables });
  return { computed, problems };
}

function projectsAndCounts(counts = BY_STATUS, projects = PROJECTS) {
  const source = compute(projects, { statuses: SCALE, id: "projects" });
  const summary = compute(counts, { statuses: SCALE, tables: new Map([["projects", source.computed]]), id: "by-status" });
  return { source, summary };
}

describe("a committee's status scale", () => {
  it("has a default whose colours meet 3:1 against the page and whose symbols differ", () => {
    expect(statusScaleProblems(DEFAULT_STATUSES)).toEqual([]);
    for (const status of DEFAULT_STATUSES) expect(contrastRatio(status.colour, "#ffffff")).toBeGreaterThanOrEqual(3);
    expect(DEFAULT_STATUSES.map((s) => s.id)).toEqual(["red", "amber", "green", "complete", "not-started"]);
  });
  it("reports a colour below 3:1 with its ratio, and a repeated id, label or symbol, each at its place", () => {
    const faint: StatusScale = [...SCALE, { id: "amber", label: "Green – on track", colour: "#f47738", symbol: "circle" }];
    const problems = statusScaleProblems(faint);
    expect(problems.map((p) => [p.rule, p.path.join(".")])).toEqual([
      ["status/duplicate", "statuses.3.id"],
      ["status/duplicate", "statuses.3.label"],
      ["status/duplicate", "statuses.3.symbol"],
      ["status/contrast", "statuses.3.colour"],
    ]);
    expect(problems[3]!.message).toContain("2.78:1");
  });
  it("finds a status by its id in any case, never by its label", () => {
    expect(findStatus("Amber", SCALE)?.id).toBe("amber");
    expect(findStatus("Amber – at risk", SCALE)).toBeUndefined();
  });
});

describe("status cells", () => {
  it("hold the status's label, print its symbol in its colour, and give the label in the CSV", () => {
    const { computed, problems } = compute(PROJECTS, { statuses: SCALE });
    expect(problems.list).toEqual([]);
    expect(computed.rows.map((r) => r.values.rag)).toEqual(["Amber – at risk", "Green – on track", "Red – off track", "Green – on track"]);
    const view = tableView(computed, { id: "t", label: "Figure 1" });
    expect(view.rows[2]!.cells[1]).toMatchObject({ text: "Red – off track", status: { id: "red", symbol: "cross", colour: "#d4351c" } });
    expect(view.rows[2]!.cells[0]!.status).toBeUndefined();
    expect(view.csv.split("\n")[3]).toBe("Estates,Red – off track,300");
  });
  it("refuse a status not on the scale, at the cell, listing the allowed ids", () => {
    const { problems } = compute(PROJECTS.replace("rag: red", "rag: Red – off track"), { statuses: SCALE });
    expect(problems.list).toHaveLength(1);
    expect(problems.list[0]).toMatchObject({ rule: "value/status", line: 9, severity: "error" });
    expect(problems.list[0]!.hint).toBe("write the id of one of: red (Red – off track), amber (Amber – at risk), green (Green – on track)");
  });
  it("use the default scale when the committee gives none", () => {
    const { computed, problems } = compute(PROJECTS.replace("rag: amber", "rag: not-started"));
    expect(problems.list).toEqual([]);
    expect(computed.rows[0]!.values.rag).toBe("Not started");
  });
});

describe("counts by status", () => {
  it("count the rows of another table by status, and the total row adds them up", () => {
    const { source, summary } = projectsAndCounts();
    expect(summary.problems.list).toEqual([]);
    expect(summary.computed.rows.map((r) => r.values.projects)).toEqual([1, 1, 2, 4]);
    expect(countByStatus(source.computed, "rag", SCALE[2]!)).toBe(2);
  });
  it("check a stated count, in a row and in the total row (a total that follows from a wrong row is one finding with it)", () => {
    const { summary } = projectsAndCounts(BY_STATUS.replace("projects: 1}", "projects: 2}").replace("projects: 4}", "projects: 5}"));
    expect(summary.problems.list.map((p) => [p.rule, p.line, p.message])).toEqual([
      ["total/mismatch", 6, "row 1, column 'Projects': states 2 but the computed value is 1; 1 printed figure computed from it differs as a consequence (total row, column 'Projects': prints 5, computed 4)"],
    ]);
    const { summary: totalOnly } = projectsAndCounts(BY_STATUS.replace("projects: 4}", "projects: 5}"));
    expect(totalOnly.problems.list.map((p) => [p.rule, p.line, p.message])).toEqual([
      ["total/mismatch", 9, "total row, column 'Projects': states 5 but the computed value is 4"],
    ]);
  });
  it("warn when a status with rows is left out, so the counts no longer add up", () => {
    const { summary } = projectsAndCounts(BY_STATUS.replace("  - {status: green}\n", "").replace("projects: 4}", "projects: 2}"));
    expect(summary.problems.list.map((p) => [p.rule, p.message])).toEqual([["table/count-missing-status", "column 'projects' leaves out 'green' (2 rows) of table 'projects'"]]);
  });
  it("refuse a count of a column that is not a status column, and a count table with no status column", () => {
    const byName = projectsAndCounts(BY_STATUS.replace("column: rag}", "column: project}"));
    expect(byName.summary.problems.list[0]!.rule).toBe("table/not-status");
    const noStatus = projectsAndCounts(BY_STATUS.replace("type: status, row_header: true", "row_header: true"));
    expect(noStatus.summary.problems.list[0]!.rule).toBe("table/not-status");
  });
  it("do not count an exempt status cell (in either build, so the counts are the same)", () => {
    const { summary } = projectsAndCounts(BY_STATUS.replace("projects: 4}", "projects: 3}").replace("projects: 1}", "projects: 0}"), PROJECTS.replace("rag: red,", "rag: {exempt: [3], value: red, public: withheld},"));
    expect(summary.problems.list).toEqual([]);
    expect(summary.computed.rows[0]!.values.projects).toBe(0);
  });
});

describe("charts by status", () => {
  const chart = (yamlText: string) => chartSchema.parse(parseYaml(yamlText).value);
  it("colour a count by status in the scale's colours and order, with a legend of labels", () => {
    const { summary } = projectsAndCounts();
    const input = chart("{caption: By status, table: by-status, x: status, y: [projects]}");
    const points = chartPoints(input, summary.computed);
    const spec = chartSpec(input, points) as unknown as { encoding: { color: { scale: { domain: string[]; range: string[] }; legend: unknown } } };
    expect(spec.encoding.color.scale).toEqual({ domain: SCALE.map((s) => s.label), range: SCALE.map((s) => s.colour) });
    expect(spec.encoding.color.legend).toBeTruthy();
    expect(summarise(input, summary.computed, points)).toContain("By status: Red – off track 1, Amber – at risk 1, Green – on track 2.");
  });
  it("with colour_by, name each bar's status beside its category and list the statuses in the summary", () => {
    const { source } = projectsAndCounts();
    const input = chart("{caption: Budget, table: projects, x: project, y: [budget], colour_by: rag}");
    const points = chartPoints(input, source.computed);
    expect(points.map((p) => p.category)).toEqual(["Control room (Amber – at risk)", "Fleet (Green – on track)", "Estates (Red – off track)", "Academy (Green – on track)"]);
    const spec = chartSpec(input, points) as unknown as { encoding: { color: { scale: { domain: string[] } } } };
    expect(spec.encoding.color.scale.domain).toEqual(SCALE.map((s) => s.label)); // the scale's order, not the rows'
    expect(summarise(input, source.computed, points)).toContain("Coloured by status: Red – off track: Estates; Amber – at risk: Control room; Green – on track: Fleet, Academy.");
  });
  it("leave a chart of several series coloured by series", () => {
    const { summary } = projectsAndCounts();
    const input = chart("{caption: By status, table: by-status, x: status, y: [projects, projects]}");
    const spec = chartSpec(input, chartPoints(input, summary.computed)) as unknown as { encoding: { color: { field: string } } };
    expect(spec.encoding.color.field).toBe("series");
  });
});
