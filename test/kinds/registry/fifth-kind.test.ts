/**
 * A fifth report kind, added the documented way: its own folder (./fixture-kind/) and one registerKind()
 * call. Nothing else changes, yet `panelpress new` offers and scaffolds it, the editor schemas describe its
 * data file and complete its name, the build renders it with its own template and reports its own rule,
 * and `panelpress diff` names its items. (Vitest gives every test file its own modules, so the kind never
 * reaches the registry of another test.)
 */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KINDS, registerKind } from "../../../src/kinds/index.ts";
import { paperKinds, planPaper, writePlanned } from "../../../src/scaffold/index.ts";
import { jsonSchemas, type JsonSchema } from "../../../src/schemas/index.ts";
import { checkJsonSchema } from "../../../src/schemas/json-schema-check.ts";
import { modelineTargets } from "../../../src/schemas/modelines.ts";
import { build } from "../../../src/pipeline/index.ts";
import { parseYaml } from "../../../src/content/yaml.ts";
import { diffStatedData } from "../../../src/diff/data.ts";
import { fixtureProject } from "../../helpers.ts";
import { statusUpdateKind } from "./fixture-kind/index.ts";

registerKind(statusUpdateKind);

const MEETING = "2024-06-20";
const PAPER = `content/meetings/${MEETING}/papers/03-status-update.md`;
const DATA = `data/meetings/${MEETING}/03-status-update.yaml`;

/** The wessex fixture with a status-update paper scaffolded into its June meeting. */
function projectWithPaper(): string {
  const project = fixtureProject("wessex");
  writePlanned(project, planPaper(project, { meeting: MEETING, kind: "status-update", title: "Depot Programme Update" }));
  return project;
}

async function buildProject(project: string) {
  process.env.SOURCE_DATE_EPOCH = "1710374400";
  const out = join(mkdtempSync(join(tmpdir(), "panelpress-fifth-")), "site");
  const outcome = await build({ root: project, outDir: out, pdf: false, clean: true, log: () => {} });
  return { out, outcome, report: outcome.problems.format(project) };
}

const schemaFile = (file: string): JsonSchema => {
  const entry = jsonSchemas().find((e) => e.file === file);
  expect(entry, file).toBeDefined();
  return entry!.schema;
};

describe("a fifth kind, registered from its own folder", () => {
  it("is refused a second time, or under a name that cannot name a file", () => {
    expect(KINDS.get("status-update")).toBe(statusUpdateKind);
    expect(() => registerKind(statusUpdateKind)).toThrow(/already a report kind 'status-update'/);
    expect(() => registerKind({ ...statusUpdateKind, name: "Status Update" })).toThrow(/cannot name a report kind/);
  });

  it("is offered and scaffolded by `panelpress new paper`, with its own example text", () => {
    expect(paperKinds()).toContain("status-update");
    const project = projectWithPaper();
    const paper = readFileSync(join(project, PAPER), "utf8");
    expect(paper).toMatch(/^kind: status-update {3}# the report kind: generic \| .* \| status-update$/m);
    expect(paper).toContain("::: block milestones");
    const data = readFileSync(join(project, DATA), "utf8");
    expect(data.split("\n")[0]).toBe("# yaml-language-server: $schema=../../../schemas/paper-data-status-update.json");
    expect(data).toContain('due: "2024-12-31"');
    expect(readFileSync(join(project, `content/meetings/${MEETING}/meeting.yaml`), "utf8")).toContain("paper: 03-status-update");
    expect(modelineTargets(project).find((t) => t.file === DATA)?.schemaFile).toBe("paper-data-status-update.json");
  });

  it("has an editor schema for its data file, and its name completes `kind:` in front matter", () => {
    const schema = schemaFile("paper-data-status-update.json");
    expect(Object.keys(schema.properties as object)).toEqual(["values", "tables", "charts", "claims", "status", "milestones"]);
    const project = projectWithPaper();
    const data = parseYaml(readFileSync(join(project, DATA), "utf8")).value as Record<string, unknown>;
    expect(checkJsonSchema(schema, data)).toEqual([]);
    expect(checkJsonSchema(schema, { ...data, status: "late" })[0]?.path).toBe("/status");
    expect(checkJsonSchema(schema, { ...data, milestone: [] })).toEqual([{ path: "/", message: "has an unknown key 'milestone'" }]);
    const kind = (schemaFile("paper-front-matter.json").properties as Record<string, JsonSchema>).kind;
    expect(kind?.enum).toEqual([...KINDS.keys()]);
    expect(kind?.enum).toContain("status-update");
  });

  it("builds: its values, its block from its own template, and its own rule", async () => {
    const project = projectWithPaper();
    const { out, outcome, report } = await buildProject(project);
    expect(outcome.published, report).toBe(true);
    expect(outcome.problems.warningCount, report).toBe(0);
    const html = readFileSync(join(out, `meetings/${MEETING}/03-status-update/index.html`), "utf8");
    expect(html).toContain("The programme is on track: 1 of 2 milestones are done");
    expect(html).toMatch(/<ul class="status-milestones">\s*<li id="milestone-design">Design agreed, due 31 January 2024: done<\/li>/);
    expect(html).toContain('<li id="milestone-rebuild">Depot rebuilt, due 31 December 2024: not yet done</li>');

    const overdue = readFileSync(join(project, DATA), "utf8").replace('due: "2024-12-31"', 'due: "2024-05-31"');
    writePlanned(project, [{ path: DATA, content: overdue, update: true }]);
    const late = await buildProject(project);
    const warning = late.outcome.problems.list.find((p) => p.rule === "status/overdue");
    expect(warning?.message).toBe("milestone 'rebuild' was due on 31 May 2024, before the meeting, and is not done");
    expect(warning?.line).toBe(6); // the modeline, a comment, status, milestones, design, then rebuild
  });

  it("shares the skeleton: no data file is an error, and the rest of the paper is still checked", async () => {
    const project = projectWithPaper();
    rmSync(join(project, DATA));
    const { outcome } = await buildProject(project);
    expect(outcome.published).toBe(false);
    const missing = outcome.problems.list.filter((p) => p.file.endsWith("03-status-update.md")).map((p) => `${p.rule} ${p.message}`);
    expect(missing).toContain("schema/missing a status-update paper needs a data file");
    // The generic body still ran: the block it cannot fill is reported at its line.
    expect(missing.some((m) => m.startsWith("ref/unresolved '::: block milestones'"))).toBe(true);
  });

  it("names its items in `panelpress diff` by its own identifying field", () => {
    const before = { status: "on-track", milestones: [{ milestone: "design", title: "Design agreed", due: "2024-01-31", done: false }] };
    const after = { status: "on-track", milestones: [{ milestone: "design", title: "Design agreed", due: "2024-01-31", done: true }] };
    expect(diffStatedData(before, after, DATA).map((c) => `${c.label}: ${c.before} → ${c.after}`)).toEqual(["Milestone design — done: no → yes"]);
  });
});
