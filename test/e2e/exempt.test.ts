/**
 * Exempt material (Schedule 12A): the public build carries none of it anywhere, the restricted build
 * carries all of it, marked; and the built-in leak check stops a public build that would publish it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliAsync, edit, fixtureProject, MAIN, sharedBuild } from "../helpers.ts";
import { filesUnder } from "../../src/lib/files.ts";
import { pageTexts } from "./pdf.ts";

// Sentinels from the main fixture's exempt material: the item 14 paper (its text, its sum, its reference),
// the exempt appendix of item 8 (its text, its table's figures, the value it quotes) and the exempt value of
// decision 0917.
const EXEMPT = ["Brightwater Coachworks", "£206,300", "HPFCP/49/24", "Corvid Telematics", "£318,750", "Pellucid Fleet Data", "£352,900", "£41,250", "£97,400"];
const MEETING = "2024-11-14";
const PACK = `meetings/${MEETING}/agenda-pack-${MEETING}.pdf`;

let publicOut = "";
let restrictedOut = "";

/** Every text a reader could get: HTML, JSON, CSV as they are; PDFs through pdftotext. */
function texts(dir: string): Array<[string, string]> {
  return filesUnder(dir).flatMap((file): Array<[string, string]> => {
    if (file.endsWith(".pdf")) return [[file, pageTexts(join(dir, file)).join("\n").replace(/\s+/g, " ")]];
    if (/\.(html|json|csv|xml|txt)$/.test(file)) return [[file, readFileSync(join(dir, file), "utf8")]];
    return [];
  });
}

beforeAll(async () => {
  publicOut = (await sharedBuild(MAIN)).out;
  restrictedOut = (await sharedBuild(MAIN, { restricted: true })).out;
});

describe("the public build", () => {
  it("contains no exempt text or value in any HTML, JSON, CSV or PDF page, nor in a file name", () => {
    const found = texts(publicOut).flatMap(([file, text]) => EXEMPT.filter((s) => text.includes(s)).map((s) => `${file}: ${s}`));
    expect(found).toEqual([]);
    expect(filesUnder(publicOut).filter((f) => /14-vehicle|vehicle-settlement|telematics/.test(f))).toEqual([]);
  });

  it("shows item 14 by number and title only, under the statutory heading", () => {
    const html = readFileSync(join(publicOut, `meetings/${MEETING}/index.html`), "utf8");
    expect(html).toMatch(/Exempt Items[\s\S]*14<\/th><td><p class="agenda-title">Settlement of a Vehicle Supply Dispute<\/p><\/td><\/tr>/);
    const manifest = JSON.parse(readFileSync(join(publicOut, "manifest.json"), "utf8")) as { meetings: Array<{ items: Array<Record<string, unknown>> }> };
    const item = manifest.meetings[0]!.items.find((i) => i.number === 14)!;
    expect(item).toMatchObject({ number: 14, title: "Settlement of a Vehicle Supply Dispute", ref: null, kind: "paper", exempt: true, html: null, pdf: null, pages: null });
    expect(item.documents ?? [], "no file is published for the exempt item").toEqual([]);
    const pack = pageTexts(join(publicOut, PACK)).join("\n");
    expect(pack).toContain("Settlement of a Vehicle Supply Dispute");
    expect(pack).not.toContain("NOT FOR PUBLICATION");
  });

  it("prints the restricted decision value as £* with the statutory note, and replaces the exempt appendix by a notice", () => {
    const html = readFileSync(join(publicOut, `meetings/${MEETING}/08-decisions/index.html`), "utf8");
    expect(html).toMatch(/<th scope="row">0917<\/th>[\s\S]*?<td class="exempt-cell">£\*<\/td>/);
    expect(html).toContain("Not published: exempt information under paragraph 3 of Part I of Schedule 12A");
    expect(html).toContain("Appendix 3: Tenders for decision 0917");
    expect(html).toContain("This appendix is not for publication");
    // The table and chart placed only in the exempt appendix left the public paper with it: no figure, no CSV.
    expect(html).not.toContain("Tenders received");
    expect(filesUnder(join(publicOut, `meetings/${MEETING}/08-decisions`)).filter((f) => f.endsWith(".csv")).sort()).toEqual(["08-decisions-fire.csv", "08-decisions-police.csv"]);
    expect(readFileSync(join(publicOut, `meetings/${MEETING}/08-decisions/08-decisions-police.csv`), "utf8")).toContain("£*");
  });
});

describe("the restricted build", () => {
  it("carries every exempt text, marked NOT FOR PUBLICATION with its paragraph in the running header", () => {
    const pack = pageTexts(join(restrictedOut, PACK));
    const all = pack.join("\n").replace(/\s+/g, " ");
    for (const sentinel of EXEMPT) expect(all, sentinel).toContain(sentinel);
    let marked = 0;
    for (const [i, page] of pack.entries()) {
      const header = page.split("\n").find((l) => l.trim()) ?? "";
      if (/Brightwater|Corvid/.test(page)) {
        expect(header, `page ${i + 1}`).toContain("NOT FOR PUBLICATION · Schedule 12A paragraph 3");
        marked++;
      }
    }
    expect(marked).toBeGreaterThanOrEqual(2); // the exempt appendix and the exempt paper
    expect(all).toContain("RESTRICTED: for panel members only");
  });

  it("numbers its own pack, with item 14 in the agenda's pages", () => {
    const manifest = JSON.parse(readFileSync(join(restrictedOut, "manifest.json"), "utf8")) as { meetings: Array<{ pack_pages: number; items: Array<{ number: number; pages: [number, number] | null }> }> };
    const meeting = manifest.meetings[0]!;
    const item14 = meeting.items.find((i) => i.number === 14)!;
    expect(item14.pages![1]).toBe(meeting.pack_pages);
    const pages = pageTexts(join(restrictedOut, PACK));
    expect(pages[item14.pages![0] - 1]).toMatch(/^\s*Agenda item 14\s*$/m);
  });

  it("may not be written into the public site", async () => {
    expect((await cliAsync(fixtureProject(MAIN), "build", "--restricted", "--out", "_site/members")).status).toBe(2);
  });
});

describe("the leak check", () => {
  it("stops a public build whose template publishes exempt text", async () => {
    const project = fixtureProject(MAIN);
    // A template bug: the meeting page prints a sentence of the exempt item 14 paper.
    edit(project, "templates/pages/meeting.njk", "<h2>Agenda</h2>", "<p>Brightwater Coachworks Limited, which delivered nine response cars five months late</p>\n<h2>Agenda</h2>");
    const out = join(mkdtempSync(join(tmpdir(), "panelpress-leak-")), "site");
    const result = await cliAsync(project, "build", "--no-pdf", "--out", out);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/\[exempt\/leak\] exempt material found in the public output: meetings\/2024-11-14\/index\.html \(text\) contains "[^"]*nine response cars five months late/);
    expect(result.stderr).toContain("nothing was published");
    expect(existsSync(out)).toBe(false);
  });
});
