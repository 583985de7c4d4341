/**
 * A folder that is not a whole project: content/ and data/ without templates/ (a body's papers put in a
 * folder of their own). `check` needs no templates and works; `build` and `serve`, which render, stop with
 * a setup message saying what to copy, not an internal fault's stack trace; so do they when templates/
 * lacks a folder panelpress's own has. With templates/ and no
 * .eleventy.js it builds: only the Nunjucks templates are pages, whatever else lies beside them.
 */
import { describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliAsync, fixturePath, ROOT } from "../helpers.ts";

describe("a folder with content and data but no templates", () => {
  it("is checked, and refused by build and serve with what to copy", async () => {
    const dir = mkdtempSync(join(tmpdir(), "panelpress-no-templates-"));
    try {
      for (const folder of ["content", "data"]) cpSync(join(fixturePath("wessex"), folder), join(dir, folder), { recursive: true });
      expect((await cliAsync(dir, "check")).status).toBe(0);
      for (const args of [["build", "--no-pdf", "--out", "site"], ["serve", "--port", "0"]]) {
        const result = await cliAsync(dir, ...args);
        expect(result.status, args[0]).toBe(2);
        expect(result.stderr).toMatch(/This folder has no templates\/.*templates\/pages\//);
        expect(result.stderr).toContain("Copy templates/ from panelpress");
        expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      }
      expect(existsSync(join(dir, "site"))).toBe(false);
      // Half a copy: the pages without the layouts and components they use.
      cpSync(join(ROOT, "templates", "pages"), join(dir, "templates", "pages"), { recursive: true });
      const half = await cliAsync(dir, "build", "--no-pdf", "--out", "site");
      expect(half.status).toBe(2);
      expect(half.stderr).toContain("This folder has no templates/assets/, templates/components/, templates/layouts/:");
      expect(half.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("a folder with content, data and templates but no .eleventy.js", () => {
  it("builds, and publishes only the Nunjucks templates as pages", async () => {
    const dir = mkdtempSync(join(tmpdir(), "panelpress-no-eleventy-config-"));
    try {
      for (const folder of ["content", "data"]) cpSync(join(fixturePath("wessex"), folder), join(dir, folder), { recursive: true });
      cpSync(join(ROOT, "templates"), join(dir, "templates"), { recursive: true });
      writeFileSync(join(dir, "templates", "pages", "notes.md"), "# Notes for the secretariat\n");
      const result = await cliAsync(dir, "build", "--no-pdf", "--out", "site");
      expect(result.status, result.stderr).toBe(0);
      expect(existsSync(join(dir, "site", "index.html"))).toBe(true);
      expect(readdirSync(join(dir, "site"))).not.toContain("notes");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
