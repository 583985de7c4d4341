/**
 * The accessibility statement says what was checked on this site's own output: `panelpress audit` records
 * its result in .panelpress-audit.json, an input the next build reads; without one the statement says the
 * output has not been audited, and it never names a check that did not run.
 */
import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AUTOMATED_CHECKS } from "../../src/a11y/checks.ts";
import { AUDIT_RECORD, auditRecordOf, auditRecordText, auditView, type AuditRecord } from "../../src/a11y/record.ts";
import { filesUnder } from "../../src/lib/files.ts";
import { cliAsync, fixtureProject } from "../helpers.ts";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const PAGE_CHECKS = ["axe", "structure", "tables", "charts", "focus", "reflow", "html", "links"];
const record = (overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  format: "panelpress-audit/1", date: "2026-11-29", commit: COMMIT, pages: 14, pdfs: 0,
  checks: PAGE_CHECKS.map((id) => ({ id, files: 14 })), problems: 0, ...overrides,
});
const whatOf = (id: string) => AUTOMATED_CHECKS.find((c) => c.id === id)!.what;
/** The statement's text as a reader sees it: tags dropped, entities read. */
const statementOf = (project: string) => readFileSync(join(project, "_site", "accessibility", "index.html"), "utf8")
  .replace(/<[^>]+>/g, "").replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

describe("auditView", () => {
  it("says when, which checks ran on how many pages and PDFs, and the result", () => {
    const view = auditView(record())!;
    expect(view.summary).toBe("Last audited on 29 November 2026 (commit 0123456): checks axe-core (WCAG 2.2 A and AA), HTML validity, links, page structure, visible focus, reflow at 320 pixels, table structure, chart structure ran on 14 pages and 0 PDFs; no problems found.");
    expect(view.ran.map((c) => c.what)).toEqual(AUTOMATED_CHECKS.filter((c) => PAGE_CHECKS.includes(c.id)).map((c) => c.what));
    expect(view.notRun).toEqual(["chart colour contrast", "PDF tags, title, language, bookmarks and fonts", "PDF/UA-1", "chart alternative text in PDFs"]);
    expect(auditView(record({ problems: 1, commit: undefined, pages: 1, pdfs: 1, checks: [{ id: "pdf", files: 1 }] }))!.summary)
      .toBe("Last audited on 29 November 2026: checks PDF tags, title, language, bookmarks and fonts ran on 1 page and 1 PDF; 1 problem found.");
    expect(auditView(undefined)).toBeUndefined();
  });

  it("is made from the gates' report: the checks that ran, with their counts", () => {
    const report = { findings: [{ check: "axe", where: "index.html", message: "m" }], ran: new Map([["axe", 3], ["pdf", 2]]), pages: 3, pdfs: 2 };
    expect(auditRecordOf(report, { date: "2026-11-29", pages: 3, pdfs: 2 })).toEqual({ format: "panelpress-audit/1", date: "2026-11-29", pages: 3, pdfs: 2, checks: [{ id: "axe", files: 3 }, { id: "pdf", files: 2 }], problems: 1 });
  });
});

describe("the accessibility statement of a built site", () => {
  it("without an audit record, says the output has not been audited and names no check", async () => {
    const project = fixtureProject("small");
    const built = await cliAsync(project, "build", "--no-pdf");
    expect(built.status, built.stderr).toBe(0);
    const statement = statementOf(project);
    expect(statement).toContain("This site’s output has not been audited with panelpress audit");
    for (const check of AUTOMATED_CHECKS) expect(statement, check.id).not.toContain(check.what);
    expect(statement).not.toContain("is not published while");
  });

  it("with one, says exactly what that audit checked, and only that; the same record builds the same page", async () => {
    const project = fixtureProject("small");
    writeFileSync(join(project, AUDIT_RECORD), auditRecordText(record()));
    const built = await cliAsync(project, "build", "--no-pdf");
    expect(built.status, built.stderr).toBe(0);
    const statement = statementOf(project);
    expect(statement).toContain(auditView(record())!.summary);
    for (const id of PAGE_CHECKS) expect(statement, id).toContain(whatOf(id));
    for (const id of ["pdf", "pdfua", "pdf-alt", "contrast"]) expect(statement, id).not.toContain(whatOf(id));
    expect(statement).toContain("Not checked on this site’s output: chart colour contrast; PDF tags, title, language, bookmarks and fonts; PDF/UA-1; chart alternative text in PDFs.");
    expect(statement).toContain("This website was last tested on 29 November 2026.");
    const first = readFileSync(join(project, "_site", "accessibility", "index.html"));
    const again = await cliAsync(project, "build", "--no-pdf");
    expect(again.status).toBe(0);
    expect(readFileSync(join(project, "_site", "accessibility", "index.html"))).toEqual(first);
  });

  it("reports a record that is not as audit writes it at its line, like any input", async () => {
    const project = fixtureProject("small");
    writeFileSync(join(project, AUDIT_RECORD), auditRecordText(record({ problems: -1 })));
    const result = await cliAsync(project, "check");
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/\.panelpress-audit\.json:\d+:\d+: error \[schema\/invalid\]/);
  });
});

describe("panelpress audit", () => {
  it("records an audit of _site, which the next build's statement reports; an audit of another folder is not recorded", async () => {
    const project = fixtureProject("small");
    expect((await cliAsync(project, "build", "--no-pdf")).status).toBe(0);
    const elsewhere = await cliAsync(project, "audit", "--out", "content"); // a folder with no page: nothing to record
    expect(elsewhere.stdout).toContain("Checks run (files): none");
    expect(existsSync(join(project, AUDIT_RECORD))).toBe(false);

    const audit = await cliAsync(project, "audit");
    expect(audit.stdout).toContain(`Recorded in ${AUDIT_RECORD}`);
    const written = JSON.parse(readFileSync(join(project, AUDIT_RECORD), "utf8")) as AuditRecord;
    const pages = filesUnder(join(project, "_site")).filter((f) => f.endsWith(".html")).length;
    expect(written).toMatchObject({ format: "panelpress-audit/1", date: new Date().toISOString().slice(0, 10), pages, pdfs: 0 });
    expect(written.checks.map((c) => c.id).sort()).toEqual([...PAGE_CHECKS].sort()); // no PDF: no PDF check
    expect(written.problems).toBe(audit.status === 0 ? 0 : audit.stdout.split("\n").filter((l) => /: \[\w+\] /.test(l)).length);

    expect((await cliAsync(project, "build", "--no-pdf")).status).toBe(0);
    expect(statementOf(project)).toContain(auditView(written)!.summary);
    expect(statementOf(project)).toContain(`ran on ${pages} pages and 0 PDFs`);
  }, 900_000); // a real audit: every page in Chromium
});
