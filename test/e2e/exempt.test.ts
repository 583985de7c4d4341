/**
 * Exempt material (Schedule 12A): the public build carries none of it anywhere, the restricted build
 * carries all of it, marked; and the built-in leak check stops a public build that would publish it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli, copyProject, edit, ROOT } from "../helpers.ts";
import { filesUnder } from "../../src/lib/files.ts";
import { pageTexts } from "./pdf.ts";

// Sentinels from the example's exempt material: the item 16 paper, an exempt appendix of item 8, and
// the restricted value of decision 141.
const EXEMPT = ["Harbourline Fleet Services", "Kestrel Optics", "£212,400", "£148,500", "EPFCP/38/22"];

const base = mkdtempSync(join(tmpdir(), "panelpress-exempt-"));
const publicOut = join(base, "public");
const restrictedOut = join(base, "restricted");

/** Every text a reader could get: HTML, JSON, CSV as they are; PDFs through pdftotext. */
function texts(dir: string): Array<[string, string]> {
  return filesUnder(dir).flatMap((file): Array<[string, string]> => {
    if (file.endsWith(".pdf")) return [[file, pageTexts(join(dir, file)).join("\n").replace(/\s+/g, " ")]];
    if (/\.(html|json|csv|xml|txt)$/.test(file)) return [[file, readFileSync(join(dir, file), "utf8")]];
    return [];
  });
}

beforeAll(() => {
  for (const [out, extra] of [[publicOut, []], [restrictedOut, ["--restricted"]]] as const) {
    const result = cli(ROOT, "build", ...extra, "--out", out);
    expect(result.status, result.stderr).toBe(0);
  }
});

describe("the public build", () => {
  it("contains no exempt text or value in any HTML, JSON, CSV or PDF page, nor in a file name", () => {
    const found = texts(publicOut).flatMap(([file, text]) => EXEMPT.filter((s) => text.includes(s)).map((s) => `${file}: ${s}`));
    expect(found).toEqual([]);
    expect(filesUnder(publicOut).filter((f) => /16-urgent|exempt-business/.test(f))).toEqual([]);
  });

  it("shows item 16 by number and title only, under the statutory heading", () => {
    const html = readFileSync(join(publicOut, "meetings/2022-12-08/index.html"), "utf8");
    expect(html).toMatch(/Exempt Items[\s\S]*16<\/th><td><p class="agenda-title">Urgent Exempt Business<\/p><\/td><\/tr>/);
    const manifest = JSON.parse(readFileSync(join(publicOut, "manifest.json"), "utf8")) as { meetings: Array<{ items: Array<Record<string, unknown>> }> };
    expect(manifest.meetings[0]!.items.find((i) => i.number === 16)).toEqual({ number: 16, title: "Urgent Exempt Business", ref: null, kind: "paper", exempt: true, html: null, pdf: null, pages: null });
    const pack = pageTexts(join(publicOut, "meetings/2022-12-08/agenda-pack-2022-12-08.pdf")).join("\n");
    expect(pack).toContain("Urgent Exempt Business");
    expect(pack).not.toContain("NOT FOR PUBLICATION");
  });

  it("prints the restricted decision value as £* with the statutory note, and replaces the exempt appendix by a notice", () => {
    const html = readFileSync(join(publicOut, "meetings/2022-12-08/08-decisions/index.html"), "utf8");
    expect(html).toMatch(/<th scope="row">141<\/th>[\s\S]*?<td class="exempt-cell">£\*<\/td>/);
    expect(html).toContain("Not published: exempt information under paragraph 3 of Part I of Schedule 12A");
    expect(html).toContain("Appendix 3: Commercial terms of decision 141");
    expect(html).toContain("This appendix is not for publication");
    expect(readFileSync(join(publicOut, "meetings/2022-12-08/08-decisions/08-decisions-police.csv"), "utf8")).toContain("£*");
  });
});

describe("the restricted build", () => {
  it("carries every exempt text, marked NOT FOR PUBLICATION with its paragraph in the running header", () => {
    const pack = pageTexts(join(restrictedOut, "meetings/2022-12-08/agenda-pack-2022-12-08.pdf"));
    const all = pack.join("\n").replace(/\s+/g, " ");
    for (const sentinel of EXEMPT) expect(all, sentinel).toContain(sentinel);
    for (const [i, page] of pack.entries()) {
      const header = page.split("\n").find((l) => l.trim()) ?? "";
      if (/Harbourline|Kestrel/.test(page)) expect(header, `page ${i + 1}`).toContain("NOT FOR PUBLICATION · Schedule 12A paragraph 3");
    }
    expect(all).toContain("RESTRICTED: for panel members only");
  });

  it("numbers its own pack, with item 16 in the agenda's pages", () => {
    const manifest = JSON.parse(readFileSync(join(restrictedOut, "manifest.json"), "utf8")) as { meetings: Array<{ pack_pages: number; items: Array<{ number: number; pages: [number, number] | null }> }> };
    const meeting = manifest.meetings[0]!;
    const item16 = meeting.items.find((i) => i.number === 16)!;
    expect(item16.pages![1]).toBe(meeting.pack_pages);
    const pages = pageTexts(join(restrictedOut, "meetings/2022-12-08/agenda-pack-2022-12-08.pdf"));
    expect(pages[item16.pages![0] - 1]).toMatch(/^\s*Agenda item 16\s*$/m);
  });

  it("may not be written into the public site", () => {
    expect(cli(copyProject(), "build", "--restricted", "--out", "_site/members").status).toBe(2);
  });
});

describe("the leak check", () => {
  it("stops a public build whose template publishes exempt text", () => {
    const project = copyProject();
    // A template bug: the meeting page prints a sentence of the exempt item 16 paper.
    edit(project, "templates/pages/meeting.njk", "<h2>Agenda</h2>", "<p>Harbourline Fleet Services Limited over the late delivery of twelve response vehicles</p>\n<h2>Agenda</h2>");
    const out = join(mkdtempSync(join(tmpdir(), "panelpress-leak-")), "site");
    const result = cli(project, "build", "--no-pdf", "--out", out);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/\[exempt\/leak\] exempt material found in the public output: meetings\/2022-12-08\/index\.html \(text\) contains "[^"]*Harbourline Fleet Services/);
    expect(result.stderr).toContain("nothing was published");
    expect(existsSync(out)).toBe(false);
  });
});
