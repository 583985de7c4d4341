/**
 * End to end: build the example meeting with the real CLI (HTML and PDFs), then read what a member of
 * the public would get: the pages, the manifest, and the agenda pack page by page.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli, fileHashes, ROOT } from "../helpers.ts";
import { filesUnder } from "../../src/lib/files.ts";
import { outline, pageTexts, pdfFonts, pdfInfo, qpdfCheck } from "./pdf.ts";

const out = join(mkdtempSync(join(tmpdir(), "panelpress-e2e-")), "site");
interface Manifest {
  meetings: Array<{ id: string; html: string; pack_pdf: string; pack_pages: number; items: Array<{ number: number; title: string; ref: string | null; exempt: boolean; html: string | null; pdf: string | null; pages: [number, number] | null }> }>;
}
let manifest: Manifest;
let buildOutput = "";

beforeAll(() => {
  const result = cli(ROOT, "build", "--out", out);
  buildOutput = result.stdout + result.stderr;
  expect(result.status, buildOutput).toBe(0);
  manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest;
});

const read = (path: string) => readFileSync(join(out, path), "utf8");
const SOURCE_AGENDA = [
  [1, "Membership, Apologies and Declarations of Interest", null],
  [2, "Minutes", null],
  [3, "Questions to the Chairman from members of the Public", null],
  [4, "HMICFRS Inspection of the Essex County Fire and Rescue Service - Progress Report", "EPFCP/30/22"],
  [5, "Essex Police's Policy and Performance in relation to Deployment to Incidents", "EPFCP/31/22"],
  [6, "Police and Crime Plan Closure 2016 to 2021 Closure Report", "EPFCP/32/22"],
  [7, "The 2023/24 Budget - Update of Progress on setting the 2023/24 Budget", "EPFCP/33/22"],
  [8, "Police, Fire and Crime Commissioner's Decisions Report", "EPFCP/34/22"],
  [9, "The Police, Fire and Crime Commissioner to update the Panel on any ongoing issues", null],
  [10, "Essex PFCP Budget Half Year Outturn Report 2022/23", "EPFCP/35/22"],
  [11, "National Association of Police, Fire and Crime Panels Update", null],
  [12, "Dates of Future Meetings", "EPFCP/36/22"],
  [13, "Forward Work Plan", "EPFCP/37/22"],
  [14, "Date of Next Meeting", null],
  [15, "Urgent Business", null],
  [16, "Urgent Exempt Business", null],
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
    expect(read(manifest.meetings[0]!.html)).toContain("Tuesday 7 February 2023 at 10:00am");
    const dates = read("meetings/2022-12-08/12-future-dates/index.html");
    for (const d of ["Tuesday 7 February 2023", "Monday 20 February 2023", "Thursday 15 June 2023", "Thursday 1 February 2024"]) expect(dates).toContain(d);
  });

  it("computes totals in the generic papers", () => {
    const outturn = read("meetings/2022-12-08/10-outturn/index.html");
    expect(outturn).toMatch(/<tr class="total">[\s\S]*?29,671\.80/);
    const budget = read("meetings/2022-12-08/07-budget-update/index.html");
    // Figure 1's five-year total of the net budget requirement, computed: 384.4 + 386.0 + 393.3 + 400.2 + 405.2.
    expect(budget).toContain("1,969.1");
    expect(budget).toContain("Figure 9");
    expect(budget).toContain("Corrections to the printed figures");
    const membership = read("meetings/2022-12-08/01-membership/index.html");
    expect(membership).toContain("quorum");
    expect((membership.match(/<tr>/g) ?? []).length).toBeGreaterThanOrEqual(19);
  });

  it("shows the exempt item by number and title only", () => {
    const html = read(manifest.meetings[0]!.html);
    expect(html).toContain("Exempt Items");
    expect(html).toMatch(/16<\/th><td><p class="agenda-title">Urgent Exempt Business<\/p><\/td>/);
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
    expect(info.Title).toBe("Agenda pack: Essex Police, Fire and Crime Panel, 8 December 2022");
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
      // The agenda shows the same range, in the source's style.
      expect(pages.slice(0, 4).join("\n")).toMatch(new RegExp(`\\b${first}\\s*-\\s*${last}\\b`));
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
  it("builds byte-identical HTML and PDF from the same commit", () => {
    const second = join(mkdtempSync(join(tmpdir(), "panelpress-e2e-")), "site");
    const result = cli(ROOT, "build", "--clean", "--out", second); // clean: nothing from the caches
    expect(result.status, result.stderr).toBe(0);
    const [first, again] = [fileHashes(out), fileHashes(second)];
    const files = [...first.keys()];
    expect([...again.keys()]).toEqual(files);
    const differing = files.filter((f) => first.get(f) !== again.get(f));
    expect(differing).toEqual([]);
    expect(files.filter((f) => f.endsWith(".pdf")).length).toBeGreaterThanOrEqual(8);
  });
});
