/**
 * `panelpress audit` runs the gates on whatever a project publishes: on a fixture body's site (pages and
 * PDFs) with one page broken on purpose, it exits 1, names that page, finds nothing anywhere else (every
 * other page and every PDF passes), and reports the checks that ran with their counts. One audit of the
 * site, not two: a whole site audited in Chromium is among the slowest things the suite does. (That a
 * report never claims a check that did not run, a site without PDFs, is test/commands/audit-record.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { filesUnder } from "../../src/lib/files.ts";
import { cliAsync, sharedBuild } from "../helpers.ts";

const BROKEN = "meetings/2024-06-20/index.html";

describe("panelpress audit", () => {
  it("passes a fixture body's site, PDFs included, but for the one page broken on purpose, which fails with exit 1", { timeout: 300_000 }, async () => {
    const { project, out } = await sharedBuild("wessex");
    const site = join(mkdtempSync(join(tmpdir(), "panelpress-audit-")), "site");
    cpSync(realpathSync(out), site, { recursive: true });
    const page = join(site, BROKEN);
    writeFileSync(page, readFileSync(page, "utf8").replace('<html lang="en-GB">', "<html>"));

    const result = await cliAsync(project, "audit", "--out", site);
    expect(result.status, result.stdout + result.stderr).toBe(1);
    const findings = result.stdout.split("\n").filter((line) => /: \[[\w-]+\] /.test(line));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((line) => !line.startsWith(`${BROKEN}`)), "only the broken page has findings").toEqual([]);
    expect(findings.join("\n")).toMatch(/\[(axe|html|structure)\]/);

    const files = filesUnder(site);
    const pages = files.filter((f) => f.endsWith(".html")).length;
    const pdfs = files.filter((f) => f.endsWith(".pdf")).length;
    expect(pdfs).toBe(4);
    const ran = result.stdout.match(/Checks run \(files\): (.*)$/m)?.[1] ?? "";
    for (const check of ["axe", "structure", "tables", "charts", "focus", "reflow", "html", "links"]) expect(ran).toContain(`${check} (${pages})`);
    for (const check of ["pdf", "pdfua"]) expect(ran).toContain(`${check} (${pdfs})`);
  });
});
