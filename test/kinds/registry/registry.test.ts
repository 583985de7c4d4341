/**
 * The registry is the one list of kinds: what the docs list is generated from it, each kind's own keys come
 * from its schema, and its templates sit in its folder.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { KINDS } from "../../../src/kinds/index.ts";
import { defineKind, ownKeysOf } from "../../../src/kinds/define.ts";
import { strict } from "../../../src/content/validate.ts";
import { genericKind } from "../../../src/kinds/generic/index.ts";
import { GENERATED, KINDS_END, KINDS_START, kindsTable, withGenerated } from "../../../scripts/rules-table.ts";
import { ROOT } from "../../helpers.ts";

describe("the registry of report kinds", () => {
  it("lists the shipped kinds, generic first", () => {
    expect([...KINDS.keys()]).toEqual(["generic", "hmicfrs-progress", "deployment", "plan-closure", "minutes"]);
  });

  it("is what the README and the authoring guide list, as generated (npm run docs:rules)", () => {
    for (const file of ["README.md", "docs/authoring.md"]) {
      expect(readFileSync(join(ROOT, file), "utf8"), file).toContain(`${KINDS_START}\n${kindsTable()}\n${KINDS_END}`);
    }
    expect(GENERATED.filter((g) => g.start === KINDS_START).map((g) => g.file)).toEqual(["README.md", "docs/authoring.md"]);
    for (const kind of KINDS.values()) expect(kindsTable()).toContain(`| \`${kind.name}\` | ${kind.description} |`);
  });

  it("replaces only what lies between the markers", () => {
    expect(withGenerated(`a\n${KINDS_START}\nold\n${KINDS_END}\nb`, KINDS_START, KINDS_END, "new")).toBe(`a\n${KINDS_START}\nnew\n${KINDS_END}\nb`);
    expect(() => withGenerated("no markers", KINDS_START, KINDS_END, "x")).toThrow(/markers/);
  });

  it("reads each kind's own keys from its schema's shape", () => {
    expect(ownKeysOf(KINDS.get("hmicfrs-progress")!.data!)).toEqual(["inspection", "pillars", "causes_of_concern", "leads", "progress", "service_in_numbers"]);
    for (const kind of KINDS.values()) if (kind.data) expect(ownKeysOf(kind.data).length, kind.name).toBeGreaterThan(0);
    expect(genericKind.data).toBeUndefined();
  });

  it("refuses a kind that claims a key of every paper's data file", () => {
    const spec = { name: "clash", description: "", scaffold: genericKind.scaffold, build: () => Promise.reject(new Error("unused")) };
    expect(() => defineKind({ ...spec, data: strict({ values: z.string() }) })).toThrow(/declares values/);
    expect(() => defineKind({ ...spec, data: z.string() })).toThrow(/object of top-level keys/);
  });

  it("keeps each kind's templates in its own folder", () => {
    for (const kind of KINDS.values()) {
      if (!kind.templates) continue;
      expect(kind.templates, kind.name).toBe(join(ROOT, "src", "kinds", kind.name, "templates"));
      expect(readdirSync(kind.templates).filter((f) => f.endsWith(".njk")).length, kind.name).toBeGreaterThan(0);
    }
    expect(readdirSync(join(ROOT, "templates", "components")).filter((f) => [...KINDS.keys()].some((k) => f.startsWith(`${k}-`)))).toEqual([]);
    expect(existsSync(join(ROOT, "src", "kinds", "deployment", "templates", "finding.njk"))).toBe(true);
  });
});
