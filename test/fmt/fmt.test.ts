/**
 * `panelpress fmt`: one canonical YAML style, comments kept, idempotent, the data never changed — and the
 * tests' own fixture projects are canonical. (The repository's content/ and data/ are a user's: check them
 * with `npx panelpress fmt --check`, not with the tool's tests.)
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { fileKind, formatProject, formatYaml, projectYamlFiles, wrapFolded } from "../../src/fmt/index.ts";
import { cli, edit, fixturePath, fixtureProject, MAIN } from "../helpers.ts";

const load = (text: string) => yaml.load(text, { schema: yaml.CORE_SCHEMA });

/** The fixture projects these tests own (each is kept canonical, as `panelpress fmt` writes it). */
const FIXTURES = [MAIN, "small", "guide"];

describe("fmt: the tests' fixture projects", () => {
  it.each(FIXTURES)("%s is canonical (panelpress fmt --check passes)", (name) => {
    const result = formatProject(fixturePath(name), { check: true });
    expect(result.failed).toEqual([]);
    expect(result.changed, `run 'npx panelpress fmt' in a copy of test/fixtures/projects/${name} and copy the result back`).toEqual([]);
    expect(result.checked).toBeGreaterThan(name === MAIN ? 10 : 2);
  });

  it("formats every fixture file idempotently, keeping every comment and every value", () => {
    for (const [name, file] of FIXTURES.flatMap((name) => projectYamlFiles(fixturePath(name)).map((f) => [name, f] as const))) {
      const text = readFileSync(fixturePath(name, file), "utf8");
      const once = formatYaml(text, fileKind(file));
      expect(formatYaml(once, fileKind(file)), file).toBe(once);
      expect(load(once), file).toEqual(load(text));
      const comments = (t: string) => (t.match(/#[^\n"]*$/gm) ?? []).map((c) => c.replace(/\s+/g, " ")).sort();
      expect(comments(once), file).toEqual(comments(text));
    }
  });
});

describe("fmt: the style", () => {
  const meeting = [
    "# The meeting.",
    "agenda:   # in order",
    "  - kind: paper        # a paper item",
    "    paper: '07-budget'",
    "    ref: EPFCP/33/22",
    "    title: \"The Budget\"",
    "date: 2022-12-08",
    "start: '14:00'",
    "committee: epfcp   # data/committees/epfcp.yaml",
    "",
  ].join("\n");

  it("puts keys in schema order, keeps comments with their keys, and quotes only where quotes mean something", () => {
    const out = formatYaml(meeting, "meeting");
    expect(out).toBe([
      "# The meeting.",
      "committee: epfcp # data/committees/epfcp.yaml",
      "date: 2022-12-08",
      'start: "14:00"',
      "agenda: # in order",
      "  - title: The Budget",
      "    ref: EPFCP/33/22",
      "    kind: paper # a paper item",
      "    paper: 07-budget",
      "",
    ].join("\n"));
    expect(formatYaml(out, "meeting")).toBe(out);
    expect(load(out)).toEqual(load(meeting));
  });

  it("orders a table's columns and rows, leaving the order of tables, rows and columns alone", () => {
    const data = [
      "tables:",
      "  zeta:",
      "    rows:",
      "      - {y2324: 2, line: Second, id: b}",
      "      - {sum_of: [b], id: total, line: Total}",
      "    columns:",
      "      - {type: money_m, label: \"2023/24\", key: y2324}",
      "      - {row_header: true, key: line, label: Line}",
      "    caption: Zeta # the first table",
      "  alpha:",
      "    caption: Alpha",
      "    columns: [{key: a, label: A}]",
      "    rows: [{a: x}]",
      "",
    ].join("\n");
    const out = formatYaml(data, "paper-data");
    expect(out).toContain([
      "  zeta:",
      "    caption: Zeta # the first table",
      "    columns:",
      '      - {key: y2324, label: "2023/24", type: money_m}',
      "      - {key: line, label: Line, row_header: true}",
      "    rows:",
      "      - {id: b, line: Second, y2324: 2}",
      "      - {id: total, line: Total, sum_of: [b]}",
      "  alpha:",
    ].join("\n"));
    expect(load(out)).toEqual(load(data));
  });

  it("wraps folded text without changing its value", () => {
    const long = `note: >-\n  ${"word ".repeat(60).trim()}\nnext: 1\n`;
    const out = formatYaml(long, "other");
    expect(out.split("\n").every((l) => l.length <= 110)).toBe(true);
    expect(load(out)).toEqual(load(long));
    expect(wrapFolded(out)).toBe(out);
  });

  it("refuses a file that does not parse instead of guessing", () => {
    expect(() => formatYaml("a: [1, 2\n", "other")).toThrow();
  });
});

describe("panelpress fmt --check", () => {
  it("exits 1 and lists a file that is not canonical; fmt fixes it; a second fmt changes nothing", () => {
    const project = fixtureProject(MAIN);
    const file = "data/meetings/2024-11-14/10-spending.yaml";
    edit(project, file, /caption: /, "caption:    ");
    const check = cli(project, "fmt", "--check");
    expect(check.status).toBe(1);
    expect(check.stdout).toContain(`${file}: not canonical`);
    expect(cli(project, "fmt").status).toBe(0);
    const fixed = readFileSync(join(project, file), "utf8");
    expect(cli(project, "fmt", "--check").status).toBe(0);
    expect(fixed).toBe(readFileSync(fixturePath(MAIN, file), "utf8"));
  });
});
