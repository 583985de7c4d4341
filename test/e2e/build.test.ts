/**
 * End to end: the tests' main fixture meeting (test/fixtures/projects/harrowdene), built once per run with
 * the real CLI (HTML and PDFs, sharedBuild()); then read what a member of the public would get: the pages,
 * the manifest, and the agenda pack page by page.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliAsync, fileHashes, fixtureProject, MAIN, sharedBuild } from "../helpers.ts";
import { filesUnder } from "../../src/lib/files.ts";
import { outline, pageTexts, pdfFonts, pdfInfo, qpdfCheck } from "./pdf.ts";

const MEETING = "2024-11-14";
let out = "";
interface Manifest {
  meetings: Array<{ id: string; html: string; pack_pdf: string; pack_pages: number; items: Array<{ number: number; title: string; ref: string | null; exempt: boolean; html: string | null; pdf: string | null; pages: [number, number] | null }> }>;
}
let manifest: Manifest;

beforeAll(async () => {
  out = (await sharedBuild(MAIN)).out;
  manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
});

const read = (path: string) => readFileSync(join(out, path), "utf8");
/** The fixture's agenda (content/meetings/2024-11-14/meeting.yaml): numbers generated, the exempt item last. */
const SOURCE_AGENDA = [
  [1, "Membership, Apologies and Declarations of Interest", null],
  [2, "Minutes", null],
  [3, "Public Questions", null],
  [4, "Fire Service Inspection - Progress on Areas for Improvement", "HPFCP/41/24"],
  [5, "Police Attendance at High-Harm Incidents", "HPFCP/42/24"],
  [6, "Police and Crime Plan 2019 to 2023 Closure Report", "HPFCP/43/24"],
  [7, "Setting the 2025/26 Budget - Progress Report", "HPFCP/44/24"],
  [8, "Commissioner's Decisions", "HPFCP/45/24"],
  [9, "Oral Update from the Commissioner", null],
  [10, "Panel Spending, First Half of 2024/25", "HPFCP/46/24"],
  [11, "Dates of Future Meetings", "HPFCP/47/24"],
  [12, "Work Programme", "HPFCP/48/24"],
  [13, "Date of Next Meeting", null],
  [14, "Settlement of a Vehicle Supply Dispute", null],
] as const;

describe("the HTML site", () => {
  it("lists every agenda item of the source, in order, with its reference", () => {
    const meeting = manifest.meetings[0]!;
    expect(meeting.items.map((i) => [i.number, i.title, i.ref])).toEqual(SOURCE_AGENDA.map((a) => [...a]));
    const html = read(meeting.html);
    let last = -1;
    for (const [number, title, ref] of SOURCE_AGENDA) {
      const escaped = title.replace(/'/g, "&#39;");
      const at = html.indexOf(escaped);
      expect(at, `item ${number} on the meeting page`).toBeGreaterThan(last);
      last = at;
      if (ref) expect(html).toContain(`Report ${ref}`);
    }
  });

  it("is British English, with one h1 and a title on every page", () => {
    const pages = filesUnder(out).filter((f) => f.endsWith(".html")).map((f) => join(out, f));
    expect(pages.length).toBeGreaterThanOrEqual(10);
    for (const page of pages) {
      const html = readFileSync(page, "utf8");
      expect(html, page).toContain('<html lang="en-GB">');
      expect(html.match(/<h1[ >]/g)?.length, page).toBe(1);
      expect(html, page).toMatch(/<title>[^<]+<\/title>/);
    }
  });

  it("derives the next meeting's weekday and puts it in the agenda", () => {
    expect(read(manifest.meetings[0]!.html)).toContain("Tuesday 4 February 2025 at 10:00am");
    const dates = read(`meetings/${MEETING}/11-future-dates/index.html`);
    for (const d of ["Tuesday 4 February 2025", "Tuesday 18 February 2025", "Thursday 26 June 2025", "Thursday 13 November 2025"]) expect(dates).toContain(d);
  });

  it("computes totals in the generic papers", () => {
    const spending = read(`meetings/${MEETING}/10-spending/index.html`);
    // The total row, computed: 22,418.35 + 650 + 480 + 1,275.50 + 6,520 + 138.70 (and checked against the stated 31,482.55).
    expect(spending).toMatch(/<tr class="total">[\s\S]*?31,482\.55/);
    const budget = read(`meetings/${MEETING}/07-budget/index.html`);
    // The 3-year total of the net budget requirement, computed and stated nowhere: 322.3 + 335.4 + 343.0.
    expect(budget).toContain("1,000.7");
    // A value read from a computed cell, printed without its sign: the 2025/26 shortfall, -(322.3 - 318.0).
    expect(budget).toMatch(/a shortfall of £4\.3m in\s+2025\/26 and £11\.4m over the three years/);
    expect(budget).toContain("Figure 5");
    expect(budget).toContain("Corrections to the printed figures");
    const membership = read(`meetings/${MEETING}/01-membership/index.html`);
    expect(membership).toContain("The Panel is quorate when 6 members are present.");
    expect((membership.match(/<tr>/g) ?? []).length).toBeGreaterThanOrEqual(9);
  });

  it("shows the exempt item by number and title only", () => {
    const html = read(manifest.meetings[0]!.html);
    expect(html).toContain("Exempt Items");
    expect(html).toMatch(/14<\/th><td><p class="agenda-title">Settlement of a Vehicle Supply Dispute<\/p><\/td>/);
  });

  it("fills the meeting page's page ranges from the printed pack", () => {
    const html = read(manifest.meetings[0]!.html);
    const item7 = manifest.meetings[0]!.items.find((i) => i.number === 7)!;
    expect(html).toContain(`<span data-page-range="item-7">${item7.pages![0]} - ${item7.pages![1]}</span>`);
  });
});

describe("the agenda pack PDF", () => {
  const pack = () => join(out, manifest.meetings[0]!.pack_pdf);

  it("is tagged, titled, in British English, with embedded fonts and a valid structure", () => {
    const info = pdfInfo(pack());
    expect(info.Tagged).toBe("yes");
    expect(info.Title).toBe("Agenda pack: Harrowdene Police, Fire and Crime Panel, 14 November 2024");
    expect(Number(info.Pages)).toBe(manifest.meetings[0]!.pack_pages);
    expect(info["Page size"]).toContain("A4");
    expect(readFileSync(pack()).toString("latin1")).toContain("/Lang (en-GB)");
    const fonts = pdfFonts(pack());
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.embedded)).toEqual([]);
    expect(qpdfCheck(pack())).toContain("No syntax or stream encoding errors");
  });

  it("has one bookmark per item with a paper", async () => {
    const items = manifest.meetings[0]!.items.filter((i) => i.pages);
    const titles = (await outline(pack())).flatMap((o) => [o.title, ...o.children]);
    for (const item of items) expect(titles.filter((t) => t === `${item.title}${item.ref ? ` (${item.ref})` : ""}`), `bookmark for item ${item.number}`).toHaveLength(1);
    // No bookmark text is garbled (Chromium doubles a heading's text when it opens a named page).
    for (const title of titles) expect(title, "doubled bookmark text").not.toMatch(/^(.{4,})\1/);
  });

  it("starts every item on the first page the agenda and manifest give, and ends it on the last", () => {
    const pages = pageTexts(pack());
    const meeting = manifest.meetings[0]!;
    expect(pages.length).toBe(meeting.pack_pages);
    const agendaPage = pages.findIndex((p) => /^\s*Agenda\s*$/m.test(p));
    expect(agendaPage).toBeGreaterThanOrEqual(0);
    const withPages = meeting.items.filter((i) => i.pages);
    expect(withPages.length).toBeGreaterThanOrEqual(7);
    for (const item of withPages) {
      const [first, last] = item.pages!;
      const banner = new RegExp(`^\\s*Agenda item ${item.number}\\s*$`, "m");
      expect(pages[first - 1], `banner of item ${item.number} on page ${first}`).toMatch(banner);
      expect(pages.filter((p) => banner.test(p)).length, `item ${item.number} has one banner`).toBe(1);
      // Every page of the range belongs to the item (its running header), and the next page does not.
      const header = new RegExp(`Agenda item ${item.number}( · \\S+)?\\s*$`);
      const headerOf = (page: string) => page.split("\n").find((line) => line.trim() !== "") ?? "";
      for (let p = first; p <= last; p++) expect(headerOf(pages[p - 1]!), `running header of page ${p}, item ${item.number}`).toMatch(header);
      if (last < pages.length) expect(headerOf(pages[last]!)).not.toMatch(header);
      // The agenda shows the same range, in the committee's house style (compact by default: one page is "4").
      expect(pages.slice(0, 4).join("\n")).toMatch(first === last ? new RegExp(`(^|\\s)${first}(\\s|$)`, "m") : new RegExp(`\\b${first}\\s*-\\s*${last}\\b`));
      if (first === last) expect(pages.slice(0, 4).join("\n")).not.toMatch(new RegExp(`\\b${first}\\s*-\\s*${first}\\b`));
    }
    // Ranges run on contiguously to the last page.
    const ranges = withPages.map((i) => i.pages!);
    ranges.slice(1).forEach((r, i) => expect(r[0]).toBe(ranges[i]![1] + 1));
    expect(ranges[ranges.length - 1]![1]).toBe(pages.length);
  });

  it('shows "Page N of M" on every page', () => {
    const pages = pageTexts(pack());
    pages.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  it("prints one PDF per paper, each numbered on its own", () => {
    for (const item of manifest.meetings[0]!.items.filter((i) => i.pdf)) {
      const file = join(out, item.pdf!);
      const pages = pageTexts(file);
      expect(pdfInfo(file).Tagged).toBe("yes");
      expect(pages[0]).toMatch(new RegExp(`Agenda item ${item.number}\\b`));
      expect(pages[pages.length - 1]).toContain(`Page ${pages.length} of ${pages.length}`);
      expect(pdfInfo(file).Title).toBeTruthy();
    }
  });
});

describe("reproducibility", () => {
  it("builds byte-identical HTML and PDF from the same content, in another folder", async () => {
    const second = join(mkdtempSync(join(tmpdir(), "panelpress-e2e-")), "site");
    const result = await cliAsync(fixtureProject(MAIN), "build", "--clean", "--out", second); // clean: nothing from the caches
    expect(result.status, result.stderr).toBe(0);
    const [first, again] = [fileHashes(out), fileHashes(second)];
    const files = [...first.keys()];
    expect([...again.keys()]).toEqual(files);
    const differing = files.filter((f) => first.get(f) !== again.get(f));
    expect(differing.join("\n")).toBe("");
    expect(files.filter((f) => f.endsWith(".pdf")).length).toBeGreaterThanOrEqual(8);
  });
});
