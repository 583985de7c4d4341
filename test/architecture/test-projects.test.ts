/**
 * The suite's split (test/projects.ts): every test file that drives Chromium is in the project that runs such
 * files each in a process of its own, at most two at a time, and every file named there exists, so a new
 * end-to-end file cannot end up printing in the node project's shared worker beside everything else (and a
 * renamed file cannot drop out of the run).
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { filesUnder } from "../../src/lib/files.ts";
import { ROOT } from "../helpers.ts";
import { CHROMIUM_FILES, DRIVES_CHROMIUM, ISOLATED_FILES, CHANGES_MODULES } from "../projects.ts";

const testFiles = filesUnder(join(ROOT, "test")).filter((f) => f.endsWith(".test.ts")).map((f) => `test/${f}`);

describe("the suite's projects", () => {
  it("run every file that drives Chromium in the Chromium project", () => {
    const drivers = testFiles.filter((f) => DRIVES_CHROMIUM.test(readFileSync(join(ROOT, f), "utf8")));
    expect(drivers.length).toBeGreaterThan(5);
    expect(drivers.filter((f) => !CHROMIUM_FILES.includes(f))).toEqual([]);
  });

  it("run every file that changes a module (mocks one, registers a kind) in a process of its own, not in the node project's shared worker", () => {
    const changing = testFiles.filter((f) => CHANGES_MODULES.test(readFileSync(join(ROOT, f), "utf8")));
    expect(changing.length).toBeGreaterThan(1);
    expect(changing.filter((f) => !ISOLATED_FILES.includes(f))).toEqual([]);
  });

  it("name only files that exist", () => {
    expect([...CHROMIUM_FILES, ...ISOLATED_FILES].filter((f) => !existsSync(join(ROOT, f)))).toEqual([]);
  });
});
