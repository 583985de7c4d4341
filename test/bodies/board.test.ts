/**
 * Any body, any paper: the fixture `board` (test/fixtures/projects/board) is two fictional boards of a
 * Commissioner, organised unlike the Panel: no report references on one, references only where needed
 * on the other, online and hybrid venues, sub-items, items numbered through the year, an Official
 * Sensitive item kept in its place, no notices, no quorum. Built as the public and as the members' site
 * (HTML only), and checked.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build, check } from "../../src/pipeline/index.ts";
import { filesUnder } from "../../src/lib/files.ts";
import { fixtureProject } from "../helpers.ts";

const STRATEGIC = "meetings/2024-05-16/index.html";
const SCRUTINY = "meetings/2024-07-11/index.html";
/** Words only the Official Sensitive paper contains. */
const SENSITIVE = ["Quillbrook", "Stanhope Yard"];

let project: string;
let site: string;
let members: string;
const read = (dir: string, path: string) => readFileSync(join(dir, path), "utf8");
/** The agenda's printed numbers, in order (the first agenda table of the page). */
const agendaNumbers = (html: string) => [...html.split("</table>")[0]!.matchAll(/<th scope="row" class="agenda-no">([^<]+)<\/th>/g)].map((m) => m[1]);
/** Text of a page as a reader sees it, roughly: tags out, entities for apostrophes back. */
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#39;/g, "'").replace(/\s+/g, " ");

beforeAll(async () => {
  project = fixtureProject("board");
  site = join(project, "_site");
  members = join(project, "_restricted");
  const publicBuild = await build({ root: project, outDir: site, pdf: false, clean: true, log: () => {} });
  expect(publicBuild.published, publicBuild.problems.format(project)).toBe(true);
  const restricted = await build({ root: project, outDir: members, pdf: false, clean: true, restricted: true, log: () => {} });
  expect(restricted.published, restricted.problems.format(project)).toBe(true);
}, 120_000);

describe("the board fixture", () => {
  it("checks clean: no errors, no warnings", async () => {
    const { problems } = await check(project);
    expect(problems.format(project)).toBe("0 errors, 0 warnings");
  });

  it("never says 'Panel': the site is named from its committees' own noun", () => {
    const pages = filesUnder(site).filter((f) => f.endsWith(".html"));
    expect(pages.length).toBeGreaterThanOrEqual(6);
    for (const page of pages) {
      const html = read(site, page).replace(/panelpress/gi, "");
      expect(html, page).not.toMatch(/\bpanel/i);
      expect(html, page).toMatch(/<title>[^<]+ – Board papers<\/title>/);
      expect(html, page).toContain('class="site-name"');
      expect(html, page).toMatch(/class="site-name"[^>]*>Board papers</);
    }
    expect(read(site, "index.html")).toContain("Agendas, reports and minutes of meetings, as web pages and as PDF agenda packs.");
  });

  it("prints an online venue as one line with no empty parts, and links to it", () => {
    const html = read(site, STRATEGIC);
    expect(html).toContain("<dd>Online meeting (Microsoft Teams)</dd>");
    expect(html).toContain('<a href="https://watch.northmoor.example/strategic-board">Join the meeting on Microsoft Teams</a>');
    expect(read(site, SCRUTINY)).toContain("<dd>The Boardroom, Harrowgate House, Northmoor, NM1 4QX, and online (Microsoft Teams)</dd>");
    for (const page of [STRATEGIC, SCRUTINY, "index.html"]) expect(text(read(site, page)), page).not.toMatch(/, ,|,\s*·|,\s*$|Virtual meeting/);
    const index = text(read(site, "index.html"));
    expect(index).toContain("9:30am, Online (Microsoft Teams) · 6 agenda items");
    expect(index).toContain("2:00pm, The Boardroom, Harrowgate House, and online · 3 agenda items");
  });

  it("numbers sub-items under their item, and counts on from a number the agenda sets", () => {
    expect(agendaNumbers(read(site, STRATEGIC))).toEqual(["1", "2", "3", "3.i", "3.ii", "4", "5", "6"]);
    expect(agendaNumbers(read(site, SCRUTINY))).toEqual(["21", "22", "23", "23.i", "23.ii"]);
    expect(read(site, STRATEGIC)).toMatch(/<tr class="agenda-sub">\s*<th scope="row" class="agenda-no">3\.i<\/th>/);
    expect(read(site, "meetings/2024-05-16/03-revenue/index.html")).toContain('<p class="kicker">Agenda item 3.i</p>');
    expect(read(site, "meetings/2024-07-11/22-finance/index.html")).toContain('<p class="kicker">Agenda item 22 · Report PRSB/07/24</p>');
  });

  it("keeps the Official Sensitive item in its place, by number, title and marking only", () => {
    const html = read(site, STRATEGIC);
    expect(html).toMatch(/agenda-no">4<\/th>\s*<td>\s*<p class="agenda-title">Disposal of the Fenwick Lane depot<\/p>\s*<p class="agenda-marking">Official Sensitive: not for publication<\/p>/);
    expect(html).toContain("Part B: Official Sensitive items");
    expect(html).not.toContain("Schedule 12A");
    expect(existsSync(join(site, "meetings/2024-05-16/04-fenwick"))).toBe(false);
    for (const file of filesUnder(site).filter((f) => /\.(html|json|csv|xml|ics|txt)$/.test(f))) {
      for (const word of SENSITIVE) expect(read(site, file), `${file}: ${word}`).not.toContain(word);
    }
  });

  it("gives the members' build the paper, marked with the body's own marking rather than Schedule 12A", () => {
    expect(agendaNumbers(read(members, STRATEGIC))).toEqual(["1", "2", "3", "3.i", "3.ii", "4", "5", "6"]);
    const paper = read(members, "meetings/2024-05-16/04-fenwick/index.html");
    expect(paper).toContain("<strong>NOT FOR PUBLICATION.</strong> This paper contains information marked Official Sensitive.");
    expect(paper).toContain("Quillbrook");
    expect(paper).toContain("RESTRICTED: for board members only.");
  });

  it("leaves out what a body does not have: references, host, notices, divisions", () => {
    const strategic = read(site, STRATEGIC);
    expect(strategic).not.toContain('class="agenda-ref"');
    expect(strategic).toContain('<p class="kicker">Office of the Police and Crime Commissioner for Northmoor</p>');
    expect(strategic).not.toContain("About this meeting");
    const scrutiny = read(site, SCRUTINY);
    expect(scrutiny).not.toContain('class="kicker"');
    expect(scrutiny).toContain("<h3>Joining the meeting</h3>");
    expect(scrutiny.match(/class="agenda-ref"/g)).toHaveLength(1); // 23.i is a paper without a reference
    const revenue = read(site, "meetings/2024-05-16/03-revenue/index.html");
    expect(revenue).not.toMatch(/divisions/i);
    expect(revenue).toContain('<tr><th scope="row">Report to</th><td colspan="3">Northmoor Commissioner&#39;s Strategic Board</td></tr>');
    const calls = read(site, "meetings/2024-07-11/23-call-handling/index.html");
    expect(calls).toContain('<tr><th scope="row">Policing areas affected</th><td colspan="3">All of Northmoor</td></tr>');
  });

  it("escapes a title with an apostrophe once, not twice", () => {
    expect(read(site, STRATEGIC)).toContain("<title>Northmoor Commissioner&#39;s Strategic Board, 16 May 2024 – Board papers</title>");
  });
});
