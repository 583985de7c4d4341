/**
 * Cancelled and moved meetings, the decisions register and forward plans (issue 19, "A public site people
 * use"): the `registers` fixture (the wessex Panel with its exempt material, its programme of meeting dates,
 * a meeting cancelled and moved, one cancelled before its agenda, decisions public and exempt; and an audit
 * committee a year earlier) built once without PDFs, with the site's address, on 10 June 2024.
 *
 * The pages are read in Chromium (their rows as a reader sees them) and checked with axe, the structure,
 * focus and reflow checks and html-validate; the CSVs parsed back with a strict RFC 4180 reader and compared
 * with the pages; the calendars parsed with ical.js; the feeds with fast-xml-parser; the manifest validated
 * against its JSON Schema. No exempt word reaches any file. Last, the fixture is built again with one
 * meeting no longer cancelled: the others are reused from the meeting cache and keep their part of the
 * registers, and the meeting's calendar event keeps its UID with a lower SEQUENCE than the cancellation's.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "puppeteer-core";
import { HtmlValidate } from "html-validate";
import { Ajv2020 } from "ajv/dist/2020.js";
import ICAL from "ical.js";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { build, check } from "../../src/pipeline/index.ts";
import { filesUnder } from "../../src/lib/files.ts";
import { auditPage, launchBrowser, openPage } from "../../src/a11y/audit.ts";
import { HTML_VALIDATE_CONFIG } from "../../src/a11y/checks.ts";
import { checkLinks } from "../../src/a11y/links.ts";
import type { Manifest } from "../../src/pipeline/manifest.ts";
import { meetingSequence, meetingUid } from "../../src/site/calendar.ts";
import { DECISION_COLUMNS, FORWARD_PLAN_COLUMNS } from "../../src/site/registers.ts";
import { edit, fixtureProject, ROOT } from "../helpers.ts";

const SITE = "https://papers.example.gov.uk/wessex/";
const EPOCH = "1718000000"; // 2024-06-10T06:13:20Z
const MODIFIED = "2024-06-10T06:13:20.000Z";
/** Words only the fixture's exempt material contains (the wessex fixture's, as test/exempt/red-team.test.ts lists them). */
const SECRETS = ["Quillfeather", "Obsidian Lantern", "Brackenfold", "Zarnovic", "Glimmerwick", "734,219", "812,345", "58,317", "Vexmoor", "undercut the next bidder", "Depot settlement terms"];
const PANEL = "committees/wessex-test-panel/";
const AUDIT = "committees/wessex-audit-committee/";
const NEW_PAGES = ["decisions/index.html", `${PANEL}decisions/index.html`, `${AUDIT}decisions/index.html`, `${PANEL}forward-plan/index.html`, `${AUDIT}forward-plan/index.html`];
/**
 * Pages that show cancelled meetings, or links to the new pages. (The not-found page, whose header and list
 * gained the same links, is audited by test/site/search.test.ts and test/a11y/gates.test.ts: with the
 * site's address, as here, it loads its stylesheet from that address, which a file on disk cannot.)
 */
const CHANGED_PAGES = ["index.html", "committees/index.html", `${PANEL}index.html`, "meetings/2024-07-18/index.html", "meetings/2024-09-12/index.html"];

let root: string;
let out: string;
let manifest: Manifest;
let browser: Browser;
let page: Page;
const read = (path: string) => readFileSync(join(out, path), "utf8");
const open = (path: string) => openPage(page, pathToFileURL(join(out, path)).href);

async function buildIt(): Promise<void> {
  const outcome = await build({ root, outDir: join(root, "_site"), pdf: false, log: () => {} });
  expect(outcome.problems.list.filter((p) => p.severity === "error").map((p) => p.message)).toEqual([]);
  expect(outcome.published).toBe(true);
  out = realpathSync(join(root, "_site"));
  manifest = JSON.parse(read("manifest.json")) as Manifest;
}

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  process.env.PANELPRESS_SITE_URL = SITE;
  root = fixtureProject("registers");
  await buildIt();
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  delete process.env.PANELPRESS_SITE_URL;
  await browser?.close();
});

/**
 * A strict RFC 4180 reader: records end in CRLF (the last one too), a field with a comma, quote or line
 * break is quoted, a quote inside is doubled; anything else is an error. Every record as long as the header.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') field += text[++i];
      else quoted = false;
    } else if (c === '"') {
      if (field !== "" || wasQuoted) throw new Error(`a quote inside an unquoted field, record ${rows.length + 1}`);
      quoted = wasQuoted = true;
    } else if (c === ",") {
      row.push(field);
      field = "";
      wasQuoted = false;
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      wasQuoted = false;
      i++;
    } else if (c === "\r" || c === "\n") {
      throw new Error(`a line break outside quotes that is not CRLF, record ${rows.length + 1}`);
    } else {
      if (wasQuoted) throw new Error(`text after a closing quote, record ${rows.length + 1}`);
      field += c;
    }
  }
  if (quoted || field !== "" || row.length) throw new Error("the last record does not end in CRLF");
  for (const [n, r] of rows.entries()) if (r.length !== rows[0]!.length) throw new Error(`record ${n + 1} has ${r.length} fields, the header ${rows[0]!.length}`);
  return rows;
}

/** A CSV file, checked to be UTF-8 without a byte order mark, as records keyed by the header. */
function readCsv(path: string): { header: string[]; records: Array<Record<string, string>> } {
  const bytes = readFileSync(join(out, path));
  expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), `${path}: no BOM`).toBe(false);
  const rows = parseCsv(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  const header = rows[0]!;
  return { header, records: rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]!]))) };
}

describe("cancelled and moved meetings", () => {
  it("are listed as cancelled on the home page and the committee page, never as if they will happen", () => {
    const home = read("index.html");
    expect(home).toMatch(/Wessex Test Panel, Thursday 18 July 2024<\/a> <strong class="tag tag-cancelled">Cancelled<\/strong>\s*<span class="meta">Was to start at 10:00am, Council Chamber, The Guildhall · Moved to <a class="meta-link" href="\.\/meetings\/2024-07-25\/">Thursday 25 July 2024<\/a><\/span>/);
    expect(home).toMatch(/Wessex Test Panel, Thursday 12 September 2024<\/a> <strong class="tag tag-cancelled">Cancelled<\/strong>\s*<span class="meta">Was to start at 10:00am, Council Chamber, The Guildhall · Cancelled<\/span>/);
    const committee = read(`${PANEL}index.html`);
    expect(committee).toMatch(/Thursday 18 July 2024<\/a> <strong class="tag tag-cancelled">Cancelled<\/strong>/);
    expect(committee).toMatch(/Thursday 25 July 2024<\/a> <strong class="tag">Upcoming<\/strong>/);
    expect(committee).not.toMatch(/(?:18 July|12 September) 2024<\/a> <strong class="tag">Upcoming/);
    expect(committee).toContain('Next meeting: <a href="../../meetings/2024-06-20/">Thursday 20 June 2024, 10:00am</a>');
  });

  it("say so plainly on their own page, with where the meeting moved, and offer no agenda pack when they had no papers", () => {
    const moved = read("meetings/2024-07-18/index.html");
    expect(moved).toContain('<h2 id="status-notice-heading">This meeting has moved to Thursday 25 July 2024</h2>');
    expect(moved).toContain("<p>It will not take place on this date. The Guildhall is closed for repairs.</p>");
    // The new meeting's own start (2pm), not the old one's.
    expect(moved).toContain('It will be held on Thursday 25 July 2024 at 2:00pm instead. <a href="../../meetings/2024-07-25/">Agenda for Thursday 25 July 2024</a>');
    expect(moved).toContain('<meta name="description" content="The Wessex Test Panel meeting on Thursday 18 July 2024 has been cancelled and moved to Thursday 25 July 2024.">');
    expect(moved).not.toContain("Download the agenda pack");
    const cancelled = read("meetings/2024-09-12/index.html");
    expect(cancelled).toContain('<h2 id="status-notice-heading">This meeting has been cancelled</h2>');
    expect(cancelled).toContain("There is no business for the Panel to consider.");
    expect(cancelled).not.toContain("Download the agenda pack");
    expect(cancelled).not.toContain("<h2>Agenda</h2>"); // cancelled before its agenda was published
    expect(read("meetings/2024-07-25/index.html")).toContain("Download the agenda pack");
  });

  it("are cancelled events in the calendars: STATUS:CANCELLED, the same UID, SEQUENCE one above the meeting's", () => {
    for (const path of ["calendar.ics", `${PANEL}calendar.ics`]) {
      const component = new ICAL.Component(ICAL.parse(read(path)));
      for (const zone of component.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
      const events = component.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
      const byUid = new Map(events.map((e) => [e.uid, e]));
      for (const id of ["2024-07-18", "2024-09-12"]) {
        const event = byUid.get(meetingUid({ committee_id: "wtp", id }))!;
        expect(event.component.getFirstPropertyValue("status"), `${path} ${id}`).toBe("CANCELLED");
        expect(event.summary).toBe("Cancelled: Wessex Test Panel");
        expect(event.sequence).toBe(meetingSequence({ modified: MODIFIED }) + 1);
        expect(event.description).toMatch(/^This meeting has been cancelled\./);
      }
      expect(byUid.get("wtp-2024-07-18@panelpress")!.description).toContain(`It will be held on Thursday 25 July 2024 at 2:00pm instead. Agenda: ${SITE}meetings/2024-07-25/`);
      const held = byUid.get("wtp-2024-07-25@panelpress")!;
      expect([held.component.getFirstPropertyValue("status"), held.sequence, held.startDate.toJSDate().toISOString()]).toEqual(["CONFIRMED", meetingSequence({ modified: MODIFIED }), "2024-07-25T13:00:00.000Z"]);
    }
  });

  it("each have an Atom entry saying they were cancelled, with why and where to", () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
    for (const path of ["feed.xml", `${PANEL}feed.xml`]) {
      const text = read(path);
      expect(XMLValidator.validate(text), path).toBe(true);
      const entries = (xml.parse(text) as { feed: { entry: Array<{ id: string; title: string; summary: string; link: { "@href": string } }> } }).feed.entry;
      const moved = entries.find((e) => e.title.startsWith("Moved:"))!;
      expect(moved.title).toBe("Moved: Wessex Test Panel, Thursday 18 July 2024, now Thursday 25 July 2024 at 2:00pm");
      expect(moved.summary).toBe("The meeting of the Wessex Test Panel on Thursday 18 July 2024 at 10:00am has been cancelled. The Guildhall is closed for repairs. It will be held on Thursday 25 July 2024 at 2:00pm instead.");
      expect(moved.link["@href"]).toBe(`${SITE}meetings/2024-07-18/`);
      const cancelled = entries.find((e) => e.title.startsWith("Cancelled:"))!;
      expect(cancelled.title).toBe("Cancelled: Wessex Test Panel, Thursday 12 September 2024");
      expect(cancelled.summary).toContain("There is no business for the Panel to consider.");
      // A meeting cancelled before its agenda has no agenda entry; every id is its own.
      expect(entries.some((e) => e.title === "Agenda: Wessex Test Panel, Thursday 12 September 2024")).toBe(false);
      expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    }
  });
});

describe("manifest.json, format 2.1", () => {
  const validator = () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/).addFormat("date-time", /^\d{4}-\d{2}-\d{2}T/);
    return ajv.compile(JSON.parse(read(manifest.schema)) as object);
  };

  it("is valid against its published schema, which is the repository's", () => {
    expect(read(manifest.schema)).toBe(readFileSync(join(ROOT, "schemas", "manifest.schema.json"), "utf8"));
    const validate = validator();
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
    expect(manifest.version).toBe("2.2.0");
    expect(manifest.site).toMatchObject({ decisions: "decisions/index.html", decisions_csv: "decisions/decisions.csv" });
    expect(manifest.committees.find((c) => c.id === "wtp")).toMatchObject({ forward_plan: `${PANEL}forward-plan/index.html`, forward_plan_csv: `${PANEL}forward-plan/forward-plan.csv`, decisions: `${PANEL}decisions/index.html` });
  });

  it("gives a cancelled meeting status 'cancelled', why, and the meeting it moved to", () => {
    const byId = new Map(manifest.meetings.map((m) => [m.id, m]));
    expect(manifest.meetings.map((m) => [m.id, m.status, m.cancelled])).toEqual([
      ["2024-09-12", "cancelled", true], ["2024-07-25", "scheduled", false], ["2024-07-18", "cancelled", true], ["2024-06-20", "scheduled", false], ["2024-03-14", "held", false], ["2023-11-09", "held", false],
    ]);
    expect(byId.get("2024-07-18")!.cancellation).toEqual({ reason: "The Guildhall is closed for repairs.", moved_to: { date: "2024-07-25", time: "14:00", start: "2024-07-25T14:00:00+01:00", html: "meetings/2024-07-25/index.html" } });
    expect(byId.get("2024-09-12")!.cancellation).toEqual({ reason: "There is no business for the Panel to consider.", moved_to: null });
    expect(byId.get("2024-09-12")!.items).toEqual([]);
    expect(byId.get("2024-06-20")!.cancellation).toBeNull();
  });

  it("gives each item its decision: the text, or none for one taken in private", () => {
    const march = manifest.meetings.find((m) => m.id === "2024-03-14")!;
    expect(march.items.map((i) => [i.label, i.decision?.id ?? null])).toEqual([["1", null], ["2", "wtp-2024-03-14-item-2"], ["3", "wtp-2024-03-14-item-3"], ["4", "wtp-2024-03-14-item-4"]]);
    expect(march.items[2]!.decision).toEqual({
      id: "wtp-2024-03-14-item-3", as_recommended: true, decision_maker: "Wessex Test Panel", value: 200000,
      text: "That the Panel approves the award of the fleet contracts for vans and cars.\n\nThat the Head of Fleet Services reports on their performance in March 2025.",
    });
    expect(march.items[3]).toMatchObject({ public: false, ref: null, decision: { id: "wtp-2024-03-14-item-4", text: null, value: null, as_recommended: false, decision_maker: "Wessex Test Panel" } });
    const audit = manifest.meetings.find((m) => m.id === "2023-11-09")!;
    expect(audit.items.find((i) => i.label === "2.ii")!.decision).toMatchObject({ decision_maker: "Cabinet Member for Resources", value: 185000 });
  });

  it("refuses what the new fields do not allow (the schema is not vacuous)", () => {
    const validate = validator();
    const badDecision = structuredClone(manifest);
    badDecision.meetings.find((m) => m.id === "2024-03-14")!.items[2]!.decision!.value = "£200,000" as unknown as number;
    expect(validate(badDecision)).toBe(false);
    const badMove = structuredClone(manifest);
    badMove.meetings.find((m) => m.id === "2024-07-18")!.cancellation!.moved_to!.date = "25 July";
    expect(validate(badMove)).toBe(false);
    const noDecision = structuredClone(manifest) as unknown as { meetings: Array<{ items: Array<Record<string, unknown>> }> };
    delete noDecision.meetings[0]!.items[0]?.decision;
    delete noDecision.meetings[1]!.items[0]!.decision;
    expect(validate(noDecision)).toBe(false);
  });
});

interface PageDecision {
  id: string;
  title: string;
  link: string | null;
  meta: string;
  paragraphs: string[];
  facts: string[];
  private: boolean;
}

/** The decisions of the page in the tab, as a reader sees them. */
async function pageDecisions(): Promise<{ years: string[]; decisions: PageDecision[] }> {
  return (await page.evaluate(`({
    years: [...document.querySelectorAll("main h2[id^='year-']")].map((h) => h.textContent),
    decisions: [...document.querySelectorAll("li.decision")].map((li) => ({
      id: li.id,
      title: li.querySelector("h3").firstChild.textContent,
      link: li.querySelector("h3 a") ? li.querySelector("h3 a").getAttribute("href") : null,
      meta: li.querySelector(".meta").textContent,
      paragraphs: [...li.querySelectorAll(".decision-text p:not(.decision-lead)")].map((p) => p.textContent),
      facts: [...li.querySelectorAll(".decision-facts div")].map((d) => [...d.children].map((c) => c.textContent.trim()).join(" ")),
      private: Boolean(li.querySelector(".tag-private")),
    })),
  })`)) as { years: string[]; decisions: PageDecision[] };
}

describe("the decisions register", () => {
  it("lists every decision newest first, grouped by year, with its meeting, item, report, maker and value", async () => {
    await open("decisions/index.html");
    const { years, decisions } = await pageDecisions();
    expect(years).toEqual(["2024", "2023"]);
    expect(decisions.map((d) => d.id)).toEqual(["wtp-2024-03-14-item-2", "wtp-2024-03-14-item-3", "wtp-2024-03-14-item-4", "wac-2023-11-09-item-1", "wac-2023-11-09-item-2-i", "wac-2023-11-09-item-2-ii"]);
    const [vice, fleet, depot, minutes, , plan] = decisions;
    expect(vice).toMatchObject({ title: "Appointment of Vice-Chair", link: null, meta: "Wessex Test Panel · Thursday 14 March 2024 · Agenda item 2", paragraphs: ["That Councillor Ada Pennock be appointed Vice-Chair of the Panel for 2024/25."], facts: ["Decided by Wessex Test Panel"] });
    // As recommended: the body's Recommendations section, without its paragraph numbers; and the value.
    expect(fleet).toMatchObject({ link: "../meetings/2024-03-14/01-fleet/", meta: "Wessex Test Panel · Thursday 14 March 2024 · Agenda item 3 · Report WTP/01/24", facts: ["Decided by Wessex Test Panel", "Value £200,000"] });
    expect(fleet!.paragraphs).toEqual(["That the Panel approves the award of the fleet contracts for vans and cars.", "That the Head of Fleet Services reports on their performance in March 2025."]);
    // Taken in private: the item's title (as the public agenda has it) and nothing of the decision.
    expect(depot).toMatchObject({ title: "Depot Settlement ", link: null, private: true, meta: "Wessex Test Panel · Thursday 14 March 2024 · Agenda item 4" });
    expect(depot!.paragraphs).toEqual(["The decision was taken in private and is not published. It concerned exempt information under paragraph 3 of Part I of Schedule 12A to the Local Government Act 1972."]);
    // As recommended from a cover sheet's recommendations; a sub-item; someone other than the committee.
    expect(minutes!.paragraphs).toEqual(["That the minutes of the meeting held on 14 September 2023 be approved as a correct record."]);
    expect(plan).toMatchObject({ meta: "Wessex Audit Committee · Thursday 9 November 2023 · Agenda item 2.ii", facts: ["Decided by Cabinet Member for Resources", "Value £185,000"] });
  });

  it("filters by committee and year with links, without JavaScript", async () => {
    await page.setJavaScriptEnabled(false);
    try {
      await open("decisions/index.html");
      const links = (await page.evaluate(`[...document.querySelectorAll(".register-filters a")].map((a) => [a.textContent, a.getAttribute("href"), a.getAttribute("aria-current")])`)) as string[][];
      expect(links).toEqual([
        ["All committees", "../decisions/", "page"], ["Wessex Audit Committee", "../committees/wessex-audit-committee/decisions/", null], ["Wessex Test Panel", "../committees/wessex-test-panel/decisions/", null],
        ["2024", "#year-2024", null], ["2023", "#year-2023", null],
      ]);
      await open(`${PANEL}decisions/index.html`);
      const own = await pageDecisions();
      expect(own.years).toEqual(["2024"]);
      expect(own.decisions.map((d) => d.id)).toEqual(["wtp-2024-03-14-item-2", "wtp-2024-03-14-item-3", "wtp-2024-03-14-item-4"]);
      expect(await page.evaluate(`document.querySelector(".register-filters a[aria-current]").textContent`)).toBe("Wessex Test Panel");
      expect(await page.evaluate(`document.querySelector("h1").textContent`)).toBe("Decisions of the Wessex Test Panel");
    } finally {
      await page.setJavaScriptEnabled(true);
    }
  });

  it("publishes the same rows as CSV (RFC 4180, UTF-8, a header row), with absolute links", async () => {
    const { header, records } = readCsv("decisions/decisions.csv");
    expect(header).toEqual([...DECISION_COLUMNS]);
    await open("decisions/index.html");
    const { decisions } = await pageDecisions();
    expect(records.map((r) => r.id)).toEqual(decisions.map((d) => d.id));
    for (const [i, record] of records.entries()) {
      const shown = decisions[i]!;
      expect(record.decision, record.id).toBe(shown.paragraphs.join("\n"));
      expect(record.title, record.id).toBe(shown.title.trim());
      expect(shown.meta, record.id).toContain(`Agenda item ${record.item}`);
      expect(shown.facts[0], record.id).toBe(`Decided by ${record.decision_maker}`);
      expect(record.value_gbp === "" ? undefined : `Value £${Number(record.value_gbp).toLocaleString("en-GB")}`, record.id).toBe(shown.facts[1]);
      expect(record.taken_in_private, record.id).toBe(shown.private ? "yes" : "no");
      expect(record.meeting_url!.startsWith(`${SITE}meetings/`), record.id).toBe(true);
    }
    expect(records[1]).toMatchObject({ meeting_date: "2024-03-14", committee: "Wessex Test Panel", reference: "WTP/01/24", as_recommended: "yes", value_gbp: "200000", paper_url: `${SITE}meetings/2024-03-14/01-fleet/` });
    expect(records[2]).toMatchObject({ reference: "", as_recommended: "", value_gbp: "", paper_url: "", taken_in_private: "yes" });
    // Quotes and commas in a decision survive the round trip.
    expect(records[5]!.decision).toBe("That the Committee approves the internal audit plan for 2024/25, \"as amended\", with the addition of a review of fleet fuel cards.\nThat the plan be reviewed at the Committee's meeting in March.");
  });
});

describe("the forward plans", () => {
  interface PlannedMeeting { heading: string; meta: string; text: string; items: string[] }
  const planned = async (path: string) => {
    await open(path);
    return (await page.evaluate(`[...document.querySelectorAll("section.planned-meeting")].map((s) => ({
      heading: s.querySelector("h2").textContent,
      meta: s.querySelector(".meta").textContent,
      text: [...s.querySelectorAll(":scope > p:not(.meta)")].map((p) => p.textContent).join(" "),
      items: [...s.querySelectorAll(".planned-items li")].map((li) => li.textContent.replace(/\\s+/g, " ").trim()),
    }))`)) as PlannedMeeting[];
  };

  it("list a committee's meetings to come, from its published dates, with the public items of each agenda", async () => {
    const meetings = await planned(`${PANEL}forward-plan/index.html`);
    expect(meetings.map((m) => [m.heading, m.meta])).toEqual([
      ["Thursday 20 June 2024", "10:00am, Council Chamber, The Guildhall · Agenda published"],
      ["Thursday 18 July 2024 Cancelled", "10:00am, Council Chamber, The Guildhall · Moved to Thursday 25 July 2024"],
      ["Thursday 25 July 2024", "2:00pm, Council Chamber, The Guildhall · Agenda published"],
      ["Thursday 12 September 2024 Cancelled", "10:00am, Council Chamber, The Guildhall · Cancelled"],
      ["Thursday 14 November 2024", "10:00am · Agenda not yet published"],
      ["Thursday 16 January 2025", "2:00pm · Agenda not yet published"],
    ]);
    expect(meetings[0]!.items).toEqual(["1 Apologies", "2 Fleet Update Report WTP/03/24 · For noting"]);
    // Public items only: the exempt "Depot Land Purchase" of 25 July is not planned in public.
    expect(meetings[2]!.items).toEqual(["1 Apologies", "2 Depot Strategy Report WTP/04/24 · For decision"]);
    expect(meetings[1]!.text).toBe("This meeting will not take place. The Guildhall is closed for repairs. It will be held on Thursday 25 July 2024 instead. About the cancellation.");
    expect(meetings[3]!.items).toEqual([]);
    expect(meetings[4]!.text).toBe("The agenda has not been published yet.");
    expect(read(`${PANEL}forward-plan/index.html`)).not.toContain("Depot Land Purchase");
    // A committee with nothing to come says so.
    expect(await planned(`${AUDIT}forward-plan/index.html`)).toEqual([]);
    expect(read(`${AUDIT}forward-plan/index.html`)).toContain("No meetings to come have been published.");
  });

  it("publish the same as CSV: a row per planned item, one for a meeting without any", async () => {
    const { header, records } = readCsv(`${PANEL}forward-plan/forward-plan.csv`);
    expect(header).toEqual([...FORWARD_PLAN_COLUMNS]);
    expect(records.map((r) => [r.meeting_date, r.start_time, r.status, r.moved_to, r.item, r.title, r.reference, r.purpose])).toEqual([
      ["2024-06-20", "10:00", "Agenda published", "", "1", "Apologies", "", ""],
      ["2024-06-20", "10:00", "Agenda published", "", "2", "Fleet Update", "WTP/03/24", "Noting"],
      ["2024-07-18", "10:00", "Moved to Thursday 25 July 2024", "2024-07-25", "", "", "", ""],
      ["2024-07-25", "14:00", "Agenda published", "", "1", "Apologies", "", ""],
      ["2024-07-25", "14:00", "Agenda published", "", "2", "Depot Strategy", "WTP/04/24", "Decision"],
      ["2024-09-12", "10:00", "Cancelled", "", "", "", "", ""],
      ["2024-11-14", "10:00", "Agenda not yet published", "", "", "", "", ""],
      ["2025-01-16", "14:00", "Agenda not yet published", "", "", "", "", ""],
    ]);
    expect(records[1]).toMatchObject({ agenda_url: `${SITE}meetings/2024-06-20/`, paper_url: `${SITE}meetings/2024-06-20/01-update/` });
    expect(readCsv(`${AUDIT}forward-plan/forward-plan.csv`).records).toEqual([]);
  });
});

describe("every new or changed page", () => {
  it("has no axe violations and passes the structure, focus and reflow checks", async () => {
    const findings: string[] = [];
    for (const path of [...NEW_PAGES, ...CHANGED_PAGES]) {
      await open(path);
      for (const f of await auditPage(page)) findings.push(`${path}: [${f.check}] ${f.message}`);
    }
    expect(findings.join("\n")).toBe("");
  });

  it("is valid HTML, with no broken link", async () => {
    const validator = new HtmlValidate(HTML_VALIDATE_CONFIG);
    const errors: string[] = [];
    for (const path of [...NEW_PAGES, ...CHANGED_PAGES]) {
      const result = await validator.validateString(read(path), path);
      errors.push(...result.results.flatMap((r) => r.messages.map((m) => `${path}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`)));
    }
    expect(errors.join("\n")).toBe("");
    // (A build without PDFs links to PDFs it did not print.)
    expect(checkLinks(out).filter((b) => !b.href.endsWith(".pdf")).map((b) => `${b.from}: ${b.href} — ${b.problem}`).join("\n")).toBe("");
  });

  it("has a description, a canonical link, a title of its own, and is in the sitemap", () => {
    const sitemap = read("sitemap.xml");
    const titles = new Set<string>();
    for (const path of NEW_PAGES) {
      const html = read(path);
      const folder = path.replace(/index\.html$/, "");
      expect(html, path).toMatch(/<meta name="description" content="[^"]{40,}">/);
      expect(html, path).toContain(`<link rel="canonical" href="${SITE}${folder}">`);
      expect(sitemap, path).toContain(`<loc>${SITE}${folder}</loc>`);
      titles.add(/<title>([^<]*)<\/title>/.exec(html)![1]!);
    }
    expect(titles.size).toBe(NEW_PAGES.length);
  });

  it("is reached from the site's navigation: Decisions in every header, the forward plan and decisions from the committee page", () => {
    for (const path of ["index.html", "meetings/2024-03-14/01-fleet/index.html", `${PANEL}forward-plan/index.html`]) {
      expect(read(path), path).toMatch(/<nav class="site-nav" aria-label="Site">[\s\S]*<a href="(?:\.\/|(?:\.\.\/)+)decisions\/"[^>]*>Decisions<\/a>/);
    }
    expect(read("decisions/index.html")).toContain('<a href="../decisions/" aria-current="page">Decisions</a>');
    const committee = read(`${PANEL}index.html`);
    expect(committee).toContain('<a href="../../committees/wessex-test-panel/forward-plan/">Forward plan</a>');
    expect(committee).toContain('<a href="../../committees/wessex-test-panel/decisions/">Decisions</a>');
  });

  it("publishes nothing exempt: no exempt word in any file of the site", () => {
    const leaks = filesUnder(out).filter((f) => !/\.(?:woff2?|png|pf_\w+)$/.test(f)).flatMap((f) => {
      const text = readFileSync(join(out, f), "utf8");
      return SECRETS.filter((s) => text.includes(s)).map((s) => `${f}: ${s}`);
    });
    expect(leaks).toEqual([]);
  });
});

describe("checking a meeting file", () => {
  it("reports, at the line, decisions and cancellations that cannot be", async () => {
    const copy = fixtureProject("registers");
    edit(copy, "content/meetings/2024-03-14/meeting.yaml", "    decision: as-recommended", "    decision: {text: That the claim be settled for the sum offered.}");
    edit(copy, "content/meetings/2024-07-18/meeting.yaml", "    kind: verbal", "    kind: verbal\n    decision: {text: Agreed.}");
    edit(copy, "content/meetings/2024-07-18/meeting.yaml", "moved_to: 2024-07-25", "moved_to: 2024-07-18");
    edit(copy, "content/meetings/2024-09-12/meeting.yaml", /cancelled:\n.*\n/, "");
    edit(copy, "content/meetings/2024-06-20/meeting.yaml", "    kind: procedural", "    kind: procedural\n    decision: as-recommended");
    edit(copy, "data/committees/wtp.yaml", "  - 2024-11-14", "  - 2024-11-14\n  - 2024-11-14");
    const { problems } = await check(copy);
    const errors = problems.list.filter((p) => p.severity === "error").map((p) => `${p.file.slice(copy.length + 1)}:${p.line} ${p.rule} ${p.message}`);
    expect(errors).toEqual(expect.arrayContaining([
      expect.stringMatching(/^content\/meetings\/2024-03-14\/meeting\.yaml:\d+ schema\/invalid .*'Depot Settlement' is not for publication: its decision is published only as taken in private/),
      expect.stringMatching(/^content\/meetings\/2024-07-18\/meeting\.yaml:\d+ schema\/invalid .*the meeting is cancelled: a meeting that did not take place decided nothing/),
      expect.stringMatching(/^content\/meetings\/2024-07-18\/meeting\.yaml:\d+ schema\/invalid .*cannot move to its own date/),
      expect.stringMatching(/^content\/meetings\/2024-09-12\/meeting\.yaml:\d+ schema\/invalid .*only a cancelled meeting may have none/),
      expect.stringMatching(/^content\/meetings\/2024-06-20\/meeting\.yaml:\d+ schema\/invalid .*'Apologies' has no paper/),
      expect.stringMatching(/^data\/committees\/wtp\.yaml:\d+ schema\/invalid .*2024-11-14 is listed twice/),
    ]));
    expect(errors).toHaveLength(6);
  });
});

describe("a meeting no longer cancelled, built again", () => {
  it("keeps its UID with a lower SEQUENCE, and the meetings reused from the cache keep their decisions", async () => {
    const csvBefore = read("decisions/decisions.csv");
    edit(root, "content/meetings/2024-09-12/meeting.yaml", /cancelled:\n.*\nagenda: \[\]/, "agenda:\n  - title: Apologies\n    kind: procedural");
    await buildIt();
    const event = new ICAL.Component(ICAL.parse(read(`${PANEL}calendar.ics`))).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)).find((e) => e.uid === "wtp-2024-09-12@panelpress")!;
    expect([event.component.getFirstPropertyValue("status"), event.sequence, event.summary]).toEqual(["CONFIRMED", meetingSequence({ modified: MODIFIED }), "Wessex Test Panel"]);
    expect(manifest.meetings.find((m) => m.id === "2024-09-12")).toMatchObject({ status: "scheduled", cancelled: false, cancellation: null });
    // Five meetings came from the cache: their registers with them.
    expect(read("decisions/decisions.csv")).toBe(csvBefore);
    expect(read(`${PANEL}forward-plan/index.html`)).toMatch(/Thursday 12 September 2024<\/a><\/h2>\s*<p class="meta">10:00am, Council Chamber, The Guildhall · Agenda published<\/p>/);
    expect(read("meetings/2024-07-18/index.html")).toContain("This meeting has moved to Thursday 25 July 2024");
  });
});
