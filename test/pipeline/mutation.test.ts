/**
 * Property: whatever an author does to the content — delete lines, swap types, truncate a file, paste
 * garbage — `check` reports problems and never throws, and `build` either publishes a complete site or
 * leaves no output at all. Mutations come from a seeded generator, so a failure can be replayed. They are
 * made to the main fixture project (a paper of every kind, so every kind's reader is mutated too).
 */
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { build, check } from "../../src/pipeline/index.ts";
import { fixtureProject, MAIN } from "../helpers.ts";
import { seededRandom } from "../../src/lib/random.ts";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ya?ml|md)$/.test(name) ? [path] : [];
  });
}

/**
 * Seeded mutations: enough checks to break things in many ways (every kind's data among the targets), and a
 * few builds, some published and some refused. (It was 200 checks and 20 builds of the shipped example: the
 * same properties, at about a tenth of the time.)
 */
const CHECKS = 60;
const BUILDS = 6;

type Mutation = (text: string, rnd: () => number) => string;
const pick = <T,>(list: T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)]!;
const MUTATIONS: Record<string, Mutation> = {
  deleteLine: (t, r) => { const l = t.split("\n"); l.splice(Math.floor(r() * l.length), 1); return l.join("\n"); },
  duplicateLine: (t, r) => { const l = t.split("\n"); const i = Math.floor(r() * l.length); l.splice(i, 0, l[i]!); return l.join("\n"); },
  truncate: (t, r) => t.slice(0, Math.floor(r() * t.length)),
  numberToWord: (t, r) => { const m = [...t.matchAll(/\b\d+(\.\d+)?\b/g)]; if (!m.length) return t; const x = pick(m, r); return t.slice(0, x.index) + "many" + t.slice(x.index + x[0].length); },
  wordToNumber: (t, r) => { const m = [...t.matchAll(/: ([A-Za-z][\w ]*)$/gm)]; if (!m.length) return t; const x = pick(m, r); return t.slice(0, x.index) + ": 42" + t.slice(x.index + x[0].length); },
  listToScalar: (t, r) => { const m = [...t.matchAll(/\[[^\]\n]*\]/g)]; if (!m.length) return t; const x = pick(m, r); return t.slice(0, x.index) + "nothing" + t.slice(x.index + x[0].length); },
  breakIndent: (t, r) => { const l = t.split("\n"); const i = Math.floor(r() * l.length); l[i] = "\t" + l[i]; return l.join("\n"); },
  dropColon: (t, r) => { const l = t.split("\n"); const i = Math.floor(r() * l.length); l[i] = l[i]!.replace(":", ""); return l.join("\n"); },
  garbage: (t, r) => { const at = Math.floor(r() * t.length); const bytes = Array.from({ length: 12 }, () => String.fromCharCode(Math.floor(r() * 0xffff))).join(""); return t.slice(0, at) + bytes + t.slice(at); },
  swapLines: (t, r) => { const l = t.split("\n"); const i = Math.floor(r() * l.length); const j = Math.floor(r() * l.length); [l[i], l[j]] = [l[j]!, l[i]!]; return l.join("\n"); },
};

describe("mutated content", () => {
  it(`never makes check throw (${CHECKS} seeded mutations)`, { timeout: 600_000 }, async () => {
    const project = fixtureProject(MAIN);
    const targets = [...files(join(project, "content")), ...files(join(project, "data"))];
    const rnd = seededRandom(20241114);
    const seen = new Set<string>();
    for (let i = 0; i < CHECKS; i++) {
      const file = pick(targets, rnd);
      const name = pick(Object.keys(MUTATIONS), rnd);
      const original = readFileSync(file, "utf8");
      writeFileSync(file, MUTATIONS[name]!(original, rnd));
      try {
        const { problems } = await check(project);
        for (const p of problems.list) {
          expect(p.line, `${name} on ${file}`).toBeGreaterThanOrEqual(1);
          seen.add(p.rule);
        }
      } catch (error) {
        throw new Error(`mutation ${i} (${name} on ${file.slice(project.length + 1)}) made check throw: ${(error as Error).stack}`);
      } finally {
        writeFileSync(file, original);
      }
      // Let the test runner's worker answer its supervisor between checks (a long busy loop times it out).
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(seen.size).toBeGreaterThan(8); // the mutations really did break things in many ways
  });

  it(`never leaves a partial site (${BUILDS} seeded mutations, HTML builds)`, { timeout: 600_000 }, async () => {
    const project = fixtureProject(MAIN);
    const targets = [...files(join(project, "content")), ...files(join(project, "data"))];
    const rnd = seededRandom(7);
    const outcomes = { published: 0, refused: 0 };
    for (let i = 0; i < BUILDS; i++) {
      const file = pick(targets, rnd);
      const name = pick(Object.keys(MUTATIONS), rnd);
      const original = readFileSync(file, "utf8");
      writeFileSync(file, MUTATIONS[name]!(original, rnd));
      const out = join(mkdtempSync(join(tmpdir(), "panelpress-mut-")), "site");
      try {
        const outcome = await build({ root: project, outDir: out, pdf: false, log: () => {} });
        outcomes[outcome.published ? "published" : "refused"]++;
        if (outcome.published) {
          expect(existsSync(join(out, "manifest.json"))).toBe(true);
          expect(existsSync(join(out, "index.html"))).toBe(true);
        } else {
          expect(existsSync(out), `${name} on ${file}: a failed build wrote output`).toBe(false);
        }
        // Nothing but the site link and its builds folder; one build in it.
        expect(readdirSync(dirname(out)).filter((f) => f !== "site")).toEqual(outcome.published ? [".panelpress-builds"] : []);
        if (outcome.published) expect(readdirSync(join(dirname(out), ".panelpress-builds"))).toHaveLength(1);
      } finally {
        writeFileSync(file, original);
      }
    }
    // Both outcomes happen (the seed is chosen so): a refused build left nothing, a published one a whole site.
    expect(outcomes.refused, "some mutations must break the build").toBeGreaterThan(0);
    expect(outcomes.published, "some mutations must leave a publishable site").toBeGreaterThan(0);
  });
});
