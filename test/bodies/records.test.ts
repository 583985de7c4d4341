/**
 * Records off the agenda (issue 18): every paper of a meeting is checked, on the agenda or not; a record
 * (minutes of the meeting whose folder holds them, or a paper marked `record: true`) is published under its
 * meeting and listed on its page, never in its pack; minutes are shown on the page of the meeting they
 * record, wherever they sit. The board fixture has all three: 2024-06-20's agenda carries the minutes of
 * 16 May (approved on 20 June), 2024-06-20 keeps its own draft minutes as a record, and 2024-07-11 has a
 * note marked `record: true`.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, check } from "../../src/pipeline/index.ts";
import { filesUnder } from "../../src/lib/files.ts";
import type { Manifest } from "../../src/pipeline/manifest.ts";
import { Ajv2020 } from "ajv/dist/2020.js";
import { edit, fixtureProject, ROOT } from "../helpers.ts";

const read = (dir: string, path: string) => readFileSync(join(dir, path), "utf8");
/** The "Minutes and records" section of a meeting page. */
const recordsSection = (html: string) => /<h2 id="minutes-and-records">[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "";

/** A paper no agenda item uses, with a reference to nothing and a stated total that is wrong. */
function addBrokenPaper(project: string, frontMatter: string): void {
  writeFileSync(join(project, "content/meetings/2024-05-16/papers/99-estates.md"), `---
title: Estates costs
${frontMatter}numbering: none
---

The running costs are in [@fig:costs]; the rents are in [@fig:nowhere].

::: table costs
`);
  writeFileSync(join(project, "data/meetings/2024-05-16/99-estates.yaml"), `tables:
  costs:
    caption: Running costs, £m
    columns:
      - {key: site, label: Site, type: text, row_header: true}
      - {key: cost, label: Cost, type: money_m}
    rows:
      - {id: hq, site: Headquarters, cost: 1.2}
      - {id: depot, site: Depot, cost: 0.4}
      - {id: total, site: Total, sum_of: [hq, depot], cost: 1.9}
`);
}

describe("a paper that no agenda item uses", () => {
  it("is checked all the same: a broken reference and a wrong stated total are errors at their lines, and it is warned about", async () => {
    const project = fixtureProject("board");
    addBrokenPaper(project, "");
    const { problems } = await check(project);
    const at = (rule: string) => problems.list.filter((p) => p.rule === rule).map((p) => `${p.file.slice(project.length + 1)}:${p.line} ${p.severity}`);
    expect(at("ref/unresolved"), problems.format(project)).toEqual(["content/meetings/2024-05-16/papers/99-estates.md:6 error"]);
    expect(at("total/mismatch")).toEqual(["data/meetings/2024-05-16/99-estates.yaml:10 error"]);
    expect(at("paper/unused")).toEqual(["content/meetings/2024-05-16/papers/99-estates.md:1 warning"]);
  });

  it("marked `record: true`, is checked the same way, and is not warned about", async () => {
    const project = fixtureProject("board");
    addBrokenPaper(project, "record: true\n");
    const { problems } = await check(project);
    expect(problems.list.map((p) => p.rule).sort()).toEqual(["ref/unresolved", "total/mismatch"]);
  });
});

describe("the board's records and minutes, built", () => {
  let site: string;
  let members: string;
  let manifest: Manifest;

  beforeAll(async () => {
    const project = fixtureProject("board");
    site = join(project, "_site");
    members = join(project, "_restricted");
    const publicBuild = await build({ root: project, outDir: site, pdf: false, clean: true, log: () => {} });
    expect(publicBuild.published, publicBuild.problems.format(project)).toBe(true);
    expect(publicBuild.problems.format(project)).toBe("0 errors, 0 warnings");
    const restricted = await build({ root: project, outDir: members, pdf: false, clean: true, restricted: true, log: () => {} });
    expect(restricted.published, restricted.problems.format(project)).toBe(true);
    manifest = JSON.parse(read(site, "manifest.json")) as Manifest;
  }, 120_000);

  it("shows the minutes on the page of the meeting they record, approved, linking to them and to the meeting that published them", () => {
    const section = recordsSection(read(site, "meetings/2024-05-16/index.html"));
    expect(section).toContain('<a href="../../meetings/2024-06-20/02-minutes/">Minutes of the Strategic Board meeting of 16 May 2024</a>');
    expect(section).toContain('<p class="record-status">Minutes — approved at the meeting of 20 June 2024</p>');
    expect(section).toContain('Published with the papers of <a href="../../meetings/2024-06-20/">the meeting of 20 June 2024 (agenda item 2)</a>');
    expect(section).toContain('href="../../meetings/2024-06-20/02-minutes/02-minutes.pdf"');
  });

  it("keeps the approving meeting's agenda item linking to them", () => {
    expect(read(site, "meetings/2024-06-20/index.html")).toMatch(/agenda-no">2<\/th>\s*<td>\s*<p class="agenda-title"><a href="..\/..\/meetings\/2024-06-20\/02-minutes\/">Minutes and action log<\/a>/);
  });

  it("publishes minutes kept in the folder of the meeting they record as a record: a page and a draft status, not an agenda item", () => {
    const page = read(site, "meetings/2024-06-20/index.html");
    const agenda = page.split("</table>")[0]!;
    expect(agenda).not.toContain("02-minutes/minutes");
    expect(agenda).not.toContain("meetings/2024-06-20/minutes/");
    const section = recordsSection(page);
    expect(section).toContain('<a href="../../meetings/2024-06-20/minutes/">Minutes of the Strategic Board meeting of 20 June 2024</a>');
    expect(section).toContain('<p class="record-status">Minutes — draft</p>');
    expect(section).not.toContain("Published with");
    const minutes = read(site, "meetings/2024-06-20/minutes/index.html");
    expect(minutes).toContain('<p class="kicker">Minutes — draft</p>');
    expect(minutes).toContain("Draft, to be approved at the next meeting");
    expect(minutes).toContain('<meta name="panelpress-type" content="Record of the meeting"');
  });

  it("publishes a paper marked `record: true` under its meeting", () => {
    const section = recordsSection(read(site, "meetings/2024-07-11/index.html"));
    expect(section).toContain('<a href="../../meetings/2024-07-11/visit-note/">Note of the Board&#39;s visit to the control room</a>');
    expect(section).toContain('<p class="record-status">Record of the meeting</p>');
    expect(read(site, "meetings/2024-07-11/visit-note/index.html")).toContain('<p class="kicker">Record of the meeting</p>');
  });

  it("gives the manifest each meeting's records and minutes, and the feeds an entry for each record", () => {
    const byId = new Map(manifest.meetings.map((m) => [m.id, m]));
    expect(byId.get("2024-05-16")!.minutes).toEqual({
      title: "Minutes of the Strategic Board meeting of 16 May 2024", status: "Minutes — approved at the meeting of 20 June 2024", approved: "2024-06-20",
      html: "meetings/2024-06-20/02-minutes/index.html", pdf: null, published_with: "2024-06-20",
    });
    expect(byId.get("2024-05-16")!.records).toEqual([]);
    expect(byId.get("2024-06-20")!.minutes).toMatchObject({ status: "Minutes — draft", approved: null, html: "meetings/2024-06-20/minutes/index.html", published_with: "2024-06-20" });
    expect(byId.get("2024-06-20")!.records).toEqual([expect.objectContaining({ kind: "minutes", status: "Minutes — draft", public: true, html: "meetings/2024-06-20/minutes/index.html" })]);
    expect(byId.get("2024-07-11")!.records).toEqual([expect.objectContaining({ kind: "record", html: "meetings/2024-07-11/visit-note/index.html" })]);
    expect(byId.get("2024-07-11")!.minutes).toBeNull();
    const ajv = new Ajv2020({ strict: true, allErrors: true }).addFormat("date", /^\d{4}-\d{2}-\d{2}$/).addFormat("date-time", /^\d{4}-\d{2}-\d{2}T/);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, "schemas", "manifest.schema.json"), "utf8")) as object);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
    const feed = read(site, "feed.xml");
    expect(feed).toContain("<title>Note of the Board&apos;s visit to the control room</title>");
    expect(feed).toContain("Minutes — draft: a record of the Northmoor Commissioner&apos;s Strategic Board meeting on Thursday 20 June 2024.");
  });

  it("lists the records in the members' build too", () => {
    expect(recordsSection(read(members, "meetings/2024-06-20/index.html"))).toContain("Minutes — draft");
    expect(existsSync(join(members, "meetings/2024-07-11/visit-note/index.html"))).toBe(true);
  });
});

describe("exempt material in a record", () => {
  /** Words only the exempt parts contain. */
  const SECRET = ["Pemberton Ashdown", "Larkspur Holdings"];
  let project: string;
  let site: string;
  let members: string;

  beforeAll(async () => {
    project = fixtureProject("board");
    // An exempt appendix in the draft minutes kept as a record, and a whole record marked exempt.
    edit(project, "content/meetings/2024-06-20/papers/minutes.md", "::: block action-log\n", "::: block action-log\n\n# Appendix: Legal advice on the depot {exempt=5}\n\nCounsel for Pemberton Ashdown advised the Board on the claim.\n");
    edit(project, "content/meetings/2024-07-11/papers/visit-note.md", "record: true\n", "record: true\nexempt: {paragraphs: [3]}\n");
    edit(project, "content/meetings/2024-07-11/papers/visit-note.md", "heard how calls are graded.", "heard how calls are graded, and the bid from Larkspur Holdings.");
    site = join(project, "_site");
    members = join(project, "_restricted");
  });

  it("never reaches a public file: the appendix is blanked, the exempt record not published, and the leak check passes", async () => {
    const outcome = await build({ root: project, outDir: site, pdf: false, clean: true, log: () => {} });
    expect(outcome.published, outcome.problems.format(project)).toBe(true);
    expect(existsSync(join(site, "meetings/2024-06-20/minutes/index.html"))).toBe(true);
    expect(existsSync(join(site, "meetings/2024-07-11/visit-note"))).toBe(false);
    expect(read(site, "meetings/2024-07-11/index.html")).not.toContain("Minutes and records");
    const texts = filesUnder(site).filter((f) => !/\.(pdf|png|woff2?|pf_\w+|gz)$/.test(f) && !f.startsWith("pagefind/"));
    expect(texts.length).toBeGreaterThan(10);
    for (const file of texts) for (const word of SECRET) expect(read(site, file), `${file}: ${word}`).not.toContain(word);
  }, 120_000);

  it("is in the members' build, marked", async () => {
    const outcome = await build({ root: project, outDir: members, pdf: false, clean: true, restricted: true, log: () => {} });
    expect(outcome.published, outcome.problems.format(project)).toBe(true);
    expect(read(members, "meetings/2024-06-20/minutes/index.html")).toContain("Pemberton Ashdown");
    const note = read(members, "meetings/2024-07-11/visit-note/index.html");
    expect(note).toContain("Larkspur Holdings");
    expect(note).toContain("<strong>NOT FOR PUBLICATION.</strong>");
    expect(recordsSection(read(members, "meetings/2024-07-11/index.html"))).toContain("not for publication");
  }, 120_000);
});

describe("minutes across builds", () => {
  it("rebuild the page of the meeting they record when only the approving meeting's files change", async () => {
    const project = fixtureProject("board");
    const site = join(project, "_site");
    const first = await build({ root: project, outDir: site, pdf: false, log: () => {} });
    expect(first.published, first.problems.format(project)).toBe(true);
    expect(read(site, "meetings/2024-05-16/index.html")).toContain("Minutes — approved at the meeting of 20 June 2024");
    edit(project, "data/meetings/2024-06-20/02-minutes.yaml", "approved: 2024-06-20\n", "");
    const second = await build({ root: project, outDir: site, pdf: false, log: () => {} });
    expect(second.published, second.problems.format(project)).toBe(true);
    expect(second.reused.map((r) => r.summary.id)).toEqual(["2024-07-11"]);
    expect(recordsSection(read(site, "meetings/2024-05-16/index.html"))).toContain("Minutes — draft");
  }, 120_000);
});
