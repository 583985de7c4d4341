/**
 * A folder that is not a whole project: content/ and data/ without templates/ (a body's papers put in a
 * folder of their own). `check` needs no templates and works; `build` and `serve`, which render, stop with
 * a setup message saying what to copy, not an internal fault's stack trace.
 */
import { describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliAsync, fixturePath } from "../helpers.ts";

describe("a folder with content and data but no templates", () => {
  it("is checked, and refused by build and serve with what to copy", async () => {
    const dir = mkdtempSync(join(tmpdir(), "panelpress-no-templates-"));
    try {
      for (const folder of ["content", "data"]) cpSync(join(fixturePath("wessex"), folder), join(dir, folder), { recursive: true });
      expect((await cliAsync(dir, "check")).status).toBe(0);
      for (const args of [["build", "--no-pdf", "--out", "site"], ["serve", "--port", "0"]]) {
        const result = await cliAsync(dir, ...args);
        expect(result.status, args[0]).toBe(2);
        expect(result.stderr).toContain("This folder has no templates/pages/");
        expect(result.stderr).toContain("Copy templates/ and .eleventy.js from panelpress");
        expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      }
      expect(existsSync(join(dir, "site"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
