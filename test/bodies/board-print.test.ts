/**
 * The board fixture printed and opened in Chromium: its packs' running headers, numbers and venue lines
 * in the PDF text, its PDF titles, and its pages through the accessibility audit (axe and the page,
 * table, focus and reflow checks), as the example's pages are.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "puppeteer-core";
import { build } from "../../src/pipeline/index.ts";
import { auditPage, launchBrowser, openPage } from "../../src/a11y/audit.ts";
import { fixtureProject } from "../helpers.ts";
import { pageTexts, pdfInfo } from "../e2e/pdf.ts";

let site: string;
let browser: Browser | undefined;

beforeAll(async () => {
  const project = fixtureProject("board");
  site = join(project, "_site");
  const outcome = await build({ root: project, outDir: site, pdf: true, clean: true, log: () => {} });
  expect(outcome.published, outcome.problems.format(project)).toBe(true);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe("the board's agenda packs", () => {
  it("run the body's name and each item's printed number along the top, apostrophes and all", () => {
    const pages = pageTexts(join(site, "meetings/2024-05-16/agenda-pack-2024-05-16.pdf"));
    const all = pages.join("\n");
    expect(all).toContain("Online meeting (Microsoft Teams)");
    expect(all).toContain("Join online: https://watch.northmoor.example/strategic-board");
    expect(all).not.toMatch(/&#39;|&amp;|\bPanel\b/);
    const revenue = pages.find((p) => p.includes("Revenue budget monitoring, month 1") && p.includes("Report title"));
    expect(revenue).toMatch(/Northmoor Commissioner's Strategic Board · 16 May 2024\s+Agenda item 3\.i/);
    expect(all).not.toContain("Quillbrook");
    expect(pdfInfo(join(site, "meetings/2024-05-16/03-revenue/03-revenue.pdf")).Title).toBe("Revenue budget monitoring, month 1");
  });

  it("number on from the body's own first number, with sub-items under their item", () => {
    const all = pageTexts(join(site, "meetings/2024-07-11/agenda-pack-2024-07-11.pdf")).join("\n");
    expect(all).toMatch(/Agenda item 22 · PRSB\/07\/24/);
    expect(all).toMatch(/Agenda item 23\.i\b/);
    expect(all).toContain("Policing areas affected");
    expect(all).toContain("The Boardroom, Harrowgate House, Northmoor, NM1 4QX, and online");
  });
});

describe("the board's records in print", () => {
  it("have their own PDF, headed with what they are, and are never bound into the agenda pack", () => {
    const minutes = pageTexts(join(site, "meetings/2024-06-20/minutes/minutes.pdf")).join("\n");
    expect(minutes).toContain("Minutes — draft");
    expect(minutes).toContain("kept with the meeting they record");
    expect(pageTexts(join(site, "meetings/2024-07-11/visit-note/visit-note.pdf")).join("\n")).toMatch(/Record of the meeting[\s\S]*control room/);
    expect(pageTexts(join(site, "meetings/2024-06-20/agenda-pack-2024-06-20.pdf")).join("\n")).not.toContain("kept with the meeting they record");
    expect(pageTexts(join(site, "meetings/2024-07-11/agenda-pack-2024-07-11.pdf")).join("\n")).not.toContain("control room");
  });
});

describe("the board's pages in Chromium", () => {
  it("pass the accessibility audit the example's pages pass", async () => {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const findings: string[] = [];
    for (const path of ["index.html", "meetings/2024-05-16/index.html", "meetings/2024-07-11/index.html", "meetings/2024-05-16/03-revenue/index.html", "meetings/2024-07-11/23-call-handling/index.html", "meetings/2024-06-20/index.html", "meetings/2024-06-20/minutes/index.html"]) {
      await openPage(page, pathToFileURL(join(site, path)).href);
      for (const finding of await auditPage(page)) findings.push(`${path}: [${finding.check}] ${finding.message}`);
    }
    expect(findings).toEqual([]);
  }, 120_000);
});
