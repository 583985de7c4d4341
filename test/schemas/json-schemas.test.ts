/**
 * The editor schemas (schemas/*.json): current with the builder's zod schemas, accepting every file of
 * the main fixture project (a paper of every kind), and rejecting the broken fixtures whose mistake is a
 * schema mistake — checked with the emitted JSON itself, so what the editor sees is what is tested.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { jsonSchemas, schemaText, type JsonSchema } from "../../src/schemas/index.ts";
import { checkJsonSchema } from "../../src/schemas/json-schema-check.ts";
import { modelineTargets } from "../../src/schemas/modelines.ts";
import { parseFrontMatter, parseYaml } from "../../src/content/yaml.ts";
import { fixturePath, fixtureProject, MAIN, ROOT } from "../helpers.ts";

const committed = (file: string) => JSON.parse(readFileSync(join(ROOT, "schemas", file), "utf8")) as JsonSchema;

/** Every file of a project paired with the committed schema it must satisfy. */
function filesAndSchemas(root: string): Array<{ file: string; schema: string; value: unknown }> {
  const out = modelineTargets(root).map((t) => ({ file: t.file, schema: t.schemaFile, value: parseYaml(readFileSync(join(root, t.file), "utf8")).value }));
  const meetings = join(root, "content", "meetings");
  for (const meeting of readdirSync(meetings)) {
    const papers = join(meetings, meeting, "papers");
    if (!existsSync(papers)) continue;
    for (const name of readdirSync(papers).filter((f) => f.endsWith(".md"))) {
      const file = `content/meetings/${meeting}/papers/${name}`;
      out.push({ file, schema: "paper-front-matter.json", value: parseFrontMatter(readFileSync(join(root, file), "utf8")).frontMatter.value });
    }
  }
  return out;
}

describe("schemas/", () => {
  it("is what z.toJSONSchema produces from the builder's schemas now (run scripts/emit-json-schemas.ts)", () => {
    const emitted = jsonSchemas();
    // manifest.schema.json describes the published manifest and is written by hand (docs/public-site.md).
    expect(readdirSync(join(ROOT, "schemas")).filter((f) => f !== "manifest.schema.json").sort()).toEqual(emitted.map((e) => e.file).sort());
    for (const entry of emitted) expect(readFileSync(join(ROOT, "schemas", entry.file), "utf8"), entry.file).toBe(schemaText(entry));
  });

  it("is named on the first line of every YAML file under the fixture's data/ and content/, by its paper's kind", () => {
    const targets = modelineTargets(fixturePath(MAIN));
    expect(targets.length).toBeGreaterThanOrEqual(12);
    for (const target of targets) expect(readFileSync(fixturePath(MAIN, target.file), "utf8").split("\n")[0], target.file).toBe(target.line);
    expect(targets.find((t) => t.file.endsWith("05-attendance.yaml"))?.schemaFile).toBe("paper-data-deployment.json");
    expect(targets.find((t) => t.file.endsWith("04-inspection.yaml"))?.schemaFile).toBe("paper-data-hmicfrs-progress.json");
    expect(targets.find((t) => t.file.endsWith("06-plan-closure.yaml"))?.schemaFile).toBe("paper-data-plan-closure.json");
  });

  it("accepts every file of the fixture project", () => {
    const files = filesAndSchemas(fixturePath(MAIN));
    expect(files.length).toBeGreaterThan(20);
    for (const { file, schema, value } of files) expect(checkJsonSchema(committed(schema), value), `${file} against ${schema}`).toEqual([]);
  });

  it("rejects an unknown key, a wrong type and a value out of its list, as the editor would underline them", () => {
    const meeting = committed("meeting.json");
    const good = parseYaml(readFileSync(fixturePath(MAIN, "content/meetings/2024-11-14/meeting.yaml"), "utf8")).value as Record<string, unknown>;
    expect(checkJsonSchema(meeting, { ...good, venu: "x" })).toEqual([{ path: "/", message: "has an unknown key 'venu'" }]);
    expect(checkJsonSchema(meeting, { ...good, start: "2pm" })[0]?.path).toBe("/start");
    expect(checkJsonSchema(committed("paper-front-matter.json"), { title: "A", numbering: "paras" })[0]?.path).toBe("/numbering");
    expect(checkJsonSchema(committed("table.json"), { caption: "T", columns: [{ key: "a", label: "A", type: "moneyy" }], rows: [{ a: 1 }] })[0]?.path).toBe("/columns/0/type");
  });
});

interface Fixture {
  why: string;
  file: string;
  rule: string;
  find?: string;
  replace?: string;
  truncate_after?: string;
}

/** Rules a JSON Schema can express: shapes, types, allowed values, patterns and ranges of one file. */
const SCHEMA_RULES = new Set(["schema/type", "schema/unknown-key", "schema/not-allowed", "schema/missing", "schema/invalid"]);

describe("the broken fixtures whose mistake is a schema mistake", () => {
  const dir = join(ROOT, "test", "fixtures", "broken");
  const fixtures = readdirSync(dir).filter((f) => f.endsWith(".json")).sort()
    .map((name) => ({ name, fixture: JSON.parse(readFileSync(join(dir, name), "utf8")) as Fixture }))
    .filter(({ fixture, name }) => SCHEMA_RULES.has(fixture.rule) && (fixture.find !== undefined || fixture.truncate_after !== undefined));

  it("are at least ten", () => expect(fixtures.length).toBeGreaterThanOrEqual(10));

  for (const { name, fixture } of fixtures) {
    it(`${name}: ${fixture.why}`, () => {
      const project = fixtureProject(MAIN);
      const path = join(project, fixture.file);
      const text = readFileSync(path, "utf8");
      const broken = fixture.truncate_after !== undefined
        ? text.slice(0, text.indexOf(fixture.truncate_after) + fixture.truncate_after.length)
        : text.replace(fixture.find!, fixture.replace!);
      expect(broken).not.toBe(text);
      writeFileSync(path, broken);
      const entry = filesAndSchemas(project).find((f) => f.file === fixture.file);
      expect(entry, `no schema applies to ${fixture.file}`).toBeDefined();
      expect(checkJsonSchema(committed(entry!.schema), entry!.value), fixture.why).not.toEqual([]);
    });
  }
});
