/** The rule list, the code and the README stay in step. */
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { RULES } from "../../src/content/rules.ts";
import { KINDS } from "../../src/kinds/index.ts";
import { ROOT } from "../helpers.ts";
import { END, START, rulesTable } from "../../scripts/rules-table.ts";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Rule ids passed to problems.error / warn / report calls anywhere in src/. */
function emittedRules(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(join(ROOT, "src"))) {
    const text = readFileSync(file, "utf8");
    for (const call of text.matchAll(/\b(?:error|warn|report|reportHere)\(([^;]*?)\);/gs)) {
      for (const id of call[1]!.matchAll(/"([a-z]+\/[a-z-]+)"/g)) found.add(id[1]!);
    }
  }
  return found;
}

describe("rules", () => {
  const known = new Set<string>([...Object.keys(RULES), ...[...KINDS.values()].flatMap((k) => Object.keys(k.rules ?? {}))]);

  it("registers every rule the code reports", () => {
    const emitted = emittedRules();
    expect(emitted.size).toBeGreaterThan(30);
    expect([...emitted].filter((id) => !known.has(id))).toEqual([]);
  });

  it("lists every rule in the README, as generated (npm run docs:rules)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect([...known].filter((id) => !readme.includes(`\`${id}\``))).toEqual([]);
    expect(readme).toContain(`${START}\n${rulesTable()}\n${END}`);
  });
});
