/**
 * The broken-input corpus (test/fixtures/broken/): each fixture is one mistake made in a copy of the
 * main fixture project (test/fixtures/projects/harrowdene). Checking it must report the fixture's rule at the line of the mistake, as an
 * error (so `check` exits 1), without throwing.
 */
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { check } from "../../src/pipeline/index.ts";
import { fixtureProject, MAIN, ROOT } from "../helpers.ts";

interface Fixture {
  why: string;
  file: string;
  rule: string;
  line?: number;
  find?: string;
  replace?: string;
  replace_hex?: string;
  truncate_after?: string;
  write_text?: string;
  write_hex?: string;
}

const dir = join(ROOT, "test", "fixtures", "broken");
const fixtures = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

/** Apply a fixture to a copied project; returns the 1-based line where the file first differs. */
function apply(project: string, fixture: Fixture): number {
  const path = join(project, fixture.file);
  const before = readFileSync(path);
  let after: Buffer;
  if (fixture.write_hex) after = Buffer.from(fixture.write_hex, "hex");
  else if (fixture.write_text !== undefined) after = Buffer.from(fixture.write_text);
  else {
    const text = before.toString("utf8");
    if (fixture.truncate_after) {
      const at = text.indexOf(fixture.truncate_after);
      if (at < 0) throw new Error(`fixture text not found in ${fixture.file}`);
      after = Buffer.from(text.slice(0, at + fixture.truncate_after.length));
    } else {
      const at = text.indexOf(fixture.find!);
      if (at < 0) throw new Error(`fixture text not found in ${fixture.file}: ${fixture.find}`);
      const replacement = fixture.replace_hex ? Buffer.from(fixture.replace_hex, "hex") : Buffer.from(fixture.replace!);
      after = Buffer.concat([Buffer.from(text.slice(0, at)), replacement, Buffer.from(text.slice(at + fixture.find!.length))]);
    }
  }
  writeFileSync(path, after);
  let i = 0;
  while (i < before.length && i < after.length && before[i] === after[i]) i++;
  return after.subarray(0, i).toString("latin1").split("\n").length;
}

describe("the broken-input corpus", () => {
  it("has at least 40 fixtures", () => expect(fixtures.length).toBeGreaterThanOrEqual(40));

  for (const name of fixtures) {
    it(`${name}`, async () => {
      const fixture = JSON.parse(readFileSync(join(dir, name), "utf8")) as Fixture;
      const project = fixtureProject(MAIN);
      const changedLine = apply(project, fixture);
      const expectedLine = fixture.line ?? changedLine;
      const { problems } = await check(project);
      const found = problems.list.filter((p) => p.file === join(project, fixture.file) && p.rule === fixture.rule);
      const summary = problems.list.map((p) => `${p.file.slice(project.length + 1)}:${p.line} ${p.rule} ${p.message}`).join("\n");
      expect(found.map((p) => p.line), `${fixture.why}: expected ${fixture.rule} at line ${expectedLine}\n${summary}`).toContain(expectedLine);
      expect(found.every((p) => p.severity === "error")).toBe(true);
      expect(problems.errorCount).toBeGreaterThan(0);
    });
  }
});
