/**
 * `panelpress audit` runs the gates on whatever a project publishes: a fixture of the tests' own passes
 * every check, a page broken on purpose fails with exit 1, and the report names only checks that ran.
 */
import { describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runGates } from "../../src/a11y/gates.ts";
import { cli, sharedBuild } from "../helpers.ts";

describe("panelpress audit", () => {
  it("passes a fixture body's site, PDFs included, and fails a broken page with exit 1", { timeout: 300_000 }, async () => {
    const { project, out } = await sharedBuild("wessex");

    const report = await runGates(out);
    expect(report.findings.map((f) => `${f.where}: [${f.check}] ${f.message}`).join("\n")).toBe("");
    expect([...report.ran.keys()]).toEqual(expect.arrayContaining(["axe", "html", "links", "pdf", "pdfua"]));
    expect(report.ran.get("pdfua")).toBe(4);

    // Pages only, one broken: no PDF check is claimed, and the broken page is named.
    const broken = join(mkdtempSync(join(tmpdir(), "panelpress-audit-")), "site");
    cpSync(realpathSync(out), broken, { recursive: true, filter: (source) => !source.endsWith(".pdf") });
    const page = join(broken, "meetings/2024-06-20/index.html");
    writeFileSync(page, readFileSync(page, "utf8").replace('<html lang="en-GB">', "<html>"));
    const result = cli(project, "audit", "--out", broken);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/meetings\/2024-06-20\/index\.html: \[(axe|html|structure)\]/);
    expect(result.stdout).not.toMatch(/pdfua \(/);
  });
});
