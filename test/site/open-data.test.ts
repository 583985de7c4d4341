/**
 * Open data and following a committee (issue "A public site people use"): the wessex fixture's shared build
 * (sharedBuild(): with PDFs and the site's address, on 10 June 2024 (one meeting held, one to come)). manifest.json is
 * valid against schemas/manifest.schema.json (ajv, JSON Schema 2020-12) and true to the files (size,
 * SHA-256, pages); the sitemap, robots.txt, canonical links and descriptions; the iCalendar feeds parsed
 * back with ical.js (times in Europe/London, stable UIDs, SEQUENCE); the Atom feeds parsed back with
 * fast-xml-parser; the committee page; and "PDF, N pages, size" filled in after printing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import ICAL from "ical.js";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { filesUnder } from "../../src/lib/files.ts";
import type { Manifest, ManifestDocument } from "../../src/pipeline/manifest.ts";
import { meetingSequence, meetingUid } from "../../src/site/calendar.ts";
import { describePdf } from "../../src/site/pdf-facts.ts";
import { ROOT, SHARED_BUILD_ENV, sharedBuild } from "../helpers.ts";

const SITE = SHARED_BUILD_ENV.wessex!.PANELPRESS_SITE_URL!;
const SECRETS = ["Quillfeather", "Obsidian Lantern", "Brackenfold", "Zarnovic", "Glimmerwick", "734,219", "812,345", "58,317", "Vexmoor", "undercut the next bidder", "Depot settlement terms"];

let out: string;
let manifest: Manifest;
const read = (path: string) => readFileSync(join(out, path), "utf8");

beforeAll(async () => {
  out = realpathSync((await sharedBuild("wessex")).out);
  manifest = JSON.parse(read("manifest.json")) as Manifest;
});

const documents = (m: Manifest): ManifestDocument[] => m.meetings.flatMap((meeting) => [...meeting.documents, ...meeting.items.flatMap((i) => i.documents)]);

describe("manifest.json", () => {
  it("is valid against its published JSON Schema (the same file as schemas/manifest.schema.json)", () => {
    expect(read(manifest.schema)).toBe(readFileSync(join(ROOT, "schemas", "manifest.schema.json"), "utf8"));
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/).addFormat("date-time", /^\d{4}-\d{2}-\d{2}T/);
    const validate = ajv.compile(JSON.parse(read(manifest.schema)) as object);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
    expect([manifest.format, manifest.version]).toEqual(["panelpress-manifest", "2.2.0"]);
  });

  it("rejects what the format does not allow (the schema is not vacuous)", () => {
    const validate = new Ajv2020({ strict: true }).addFormat("date", true).addFormat("date-time", true).compile(JSON.parse(read(manifest.schema)) as object);
    const broken = structuredClone(manifest);
    broken.meetings[0]!.status = "postponed" as "held";
    expect(validate(broken)).toBe(false);
    const badHash = structuredClone(manifest);
    badHash.meetings[0]!.documents[0]!.sha256 = "abc";
    expect(validate(badHash)).toBe(false);
  });

  it("describes committees and meetings, with start in Europe/London, venue and status at build time", () => {
    expect(manifest.committees).toEqual([{ id: "wtp", name: "Wessex Test Panel", html: "committees/wessex-test-panel/index.html", calendar: "committees/wessex-test-panel/calendar.ics", feed: "committees/wessex-test-panel/feed.xml", meetings: 2,
      forward_plan: "committees/wessex-test-panel/forward-plan/index.html", forward_plan_csv: "committees/wessex-test-panel/forward-plan/forward-plan.csv", decisions: "committees/wessex-test-panel/decisions/index.html" }]);
    expect(manifest.meetings.map((m) => [m.id, m.start, m.status, m.cancelled])).toEqual([
      ["2024-06-20", "2024-06-20T10:00:00+01:00", "scheduled", false],
      ["2024-03-14", "2024-03-14T10:00:00+00:00", "held", false],
    ]);
    expect(manifest.meetings[0]!.location).toMatchObject({ room: "Council Chamber", building: "The Guildhall", locality: "Dorchester", postal_code: "DT1 1AA" });
    expect(manifest.site).toEqual({ url: SITE, home: "index.html", search: "search/index.html", calendar: "calendar.ics", feed: "feed.xml", sitemap: "sitemap.xml", robots: "robots.txt", decisions: "decisions/index.html", decisions_csv: "decisions/decisions.csv" });
  });

  it("gives each agenda item a public flag; an exempt item has its number and title only", () => {
    const march = manifest.meetings.find((m) => m.id === "2024-03-14")!;
    expect(march.items.map((i) => [i.label, i.title, i.public, i.exempt])).toEqual([["1", "Apologies", true, false], ["2", "Fleet Contracts Report", true, false], ["3", "Depot Settlement", false, true]]);
    expect(march.items[2]).toMatchObject({ ref: null, html: null, pdf: null, documents: [] });
    expect(march.items[1]!.documents.map((d) => [d.role, d.media_type, d.path])).toEqual([
      ["page", "text/html", "meetings/2024-03-14/01-fleet/index.html"],
      ["paper", "application/pdf", "meetings/2024-03-14/01-fleet/01-fleet.pdf"],
      ["data", "text/csv", "meetings/2024-03-14/01-fleet/01-fleet-spend.csv"],
    ]);
    expect(march.documents.map((d) => d.role)).toEqual(["page", "agenda-pack"]);
  });

  it("gives every file's true size and SHA-256, and every PDF's page count", async () => {
    const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const all = documents(manifest);
    expect(all.filter((d) => d.media_type === "application/pdf")).toHaveLength(4); // two packs, two public papers
    for (const doc of all) {
      const bytes = readFileSync(join(out, doc.path));
      expect(doc.size, doc.path).toBe(bytes.length);
      expect(doc.sha256, doc.path).toBe(createHash("sha256").update(bytes).digest("hex"));
      if (doc.media_type === "application/pdf") {
        const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
        expect(doc.pages, doc.path).toBe(pdf.numPages);
        await pdf.destroy();
      } else {
        expect(doc.pages, doc.path).toBeNull();
      }
    }
  });

  it("lists every public page and PDF the site has under meetings/", () => {
    const listed = new Set(documents(manifest).map((d) => d.path));
    const published = filesUnder(join(out, "meetings")).map((f) => `meetings/${f}`);
    expect(published.filter((f) => !listed.has(f))).toEqual([]);
  });
});

describe("the paper page", () => {
  it("says what its PDF is: 'PDF, N pages, size', from the printed file", () => {
    const item = manifest.meetings.find((m) => m.id === "2024-03-14")!.items[1]!;
    const pdf = item.documents.find((d) => d.role === "paper")!;
    const html = read(item.html!);
    expect(html).toContain(`(<span data-pdf-facts="/${pdf.path}">${describePdf({ pages: pdf.pages!, bytes: pdf.size })}</span>)`);
    expect(describePdf({ pages: pdf.pages!, bytes: pdf.size })).toMatch(/^PDF, \d+ pages?, \d+ KB$/);
  });
});

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });

describe("for search engines", () => {
  it("lists every content page in sitemap.xml, by its absolute address, and names it in robots.txt", () => {
    const text = read("sitemap.xml");
    expect(XMLValidator.validate(text)).toBe(true);
    const urls = (xml.parse(text) as { urlset: { url: Array<{ loc: string; lastmod?: string }> } }).urlset.url;
    const locs = urls.map((u) => u.loc);
    expect(locs).toEqual(expect.arrayContaining([SITE, `${SITE}search/`, `${SITE}committees/wessex-test-panel/`, `${SITE}meetings/2024-03-14/01-fleet/`]));
    for (const loc of locs) {
      expect(loc.startsWith(SITE)).toBe(true);
      const path = loc.slice(SITE.length);
      expect(filesUnder(out), loc).toContain(path === "" || path.endsWith("/") ? `${path}index.html` : path);
    }
    expect(locs.some((l) => l.includes("404") || l.includes("pagefind"))).toBe(false);
    expect(read("robots.txt")).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${SITE}sitemap.xml\n`);
  });

  it("gives each page a canonical link and a description; the not-found page neither is indexed nor is canonical", () => {
    for (const [path, canonical] of [["index.html", SITE], ["meetings/2024-03-14/01-fleet/index.html", `${SITE}meetings/2024-03-14/01-fleet/`], ["committees/wessex-test-panel/index.html", `${SITE}committees/wessex-test-panel/`]] as const) {
      const html = read(path);
      expect(html, path).toContain(`<link rel="canonical" href="${canonical}">`);
      expect(html, path).toMatch(/<meta name="description" content="[^"]{30,}">/);
    }
    expect(read("meetings/2024-03-14/01-fleet/index.html")).toContain('<meta name="description" content="Fleet Contracts Report: report WTP/01/24, agenda item 2 for the Wessex Test Panel meeting on Thursday 14 March 2024.">');
    const notFound = read("404.html");
    expect(notFound).toContain('<meta name="robots" content="noindex">');
    expect(notFound).not.toContain('rel="canonical"');
    expect(notFound).toContain(`<link rel="stylesheet" href="${SITE}assets/site.css">`);
  });
});

describe("following a committee", () => {
  const events = (path: string) => {
    const component = new ICAL.Component(ICAL.parse(read(path)));
    for (const zone of component.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
    return component.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  };

  it("publishes an iCalendar feed per committee and for the site, with London times, venue, agenda link and stable UIDs", () => {
    for (const path of ["calendar.ics", "committees/wessex-test-panel/calendar.ics"]) {
      const found = events(path);
      expect(found.map((e) => e.uid)).toEqual(["wtp-2024-03-14@panelpress", "wtp-2024-06-20@panelpress"]);
      // 10am in London: GMT in March, BST in June.
      expect(found.map((e) => e.startDate.toJSDate().toISOString())).toEqual(["2024-03-14T10:00:00.000Z", "2024-06-20T09:00:00.000Z"]);
      expect(found.map((e) => e.startDate.zone.tzid)).toEqual(["Europe/London", "Europe/London"]);
      expect(found[1]!.location).toBe("Council Chamber, The Guildhall, Dorchester, DT1 1AA");
      expect(found[1]!.component.getFirstPropertyValue("url")).toBe(`${SITE}meetings/2024-06-20/`);
      expect(found[1]!.description).toContain("2. Fleet Update");
      expect(found[1]!.sequence).toBe(meetingSequence({ modified: "2024-06-10T06:13:20.000Z" }));
      expect(found[0]!.summary).toBe("Wessex Test Panel");
    }
    expect(read("calendar.ics").split("\r\n").every((line) => line.length <= 75)).toBe(true);
  });

  it("keeps a meeting's UID when it changes, and raises its SEQUENCE", () => {
    expect(meetingUid({ committee_id: "wtp", id: "2024-06-20" })).toBe("wtp-2024-06-20@panelpress");
    expect(meetingSequence({ modified: "2024-06-11T00:00:00Z" })).toBeGreaterThan(meetingSequence({ modified: "2024-06-10T23:00:00Z" }));
  });

  it("publishes Atom feeds of agendas and papers that parse, with ids, links, dates and no exempt paper", () => {
    const parse = (path: string) => {
      const text = read(path);
      expect(XMLValidator.validate(text), path).toBe(true);
      return (xml.parse(text) as { feed: { id: string; title: string; updated: string; author: { name: string }; entry: Array<{ id: string; title: string; updated: string; summary: string; link: { "@href": string } }> } }).feed;
    };
    const feed = parse("feed.xml");
    expect(feed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(feed.entry.map((e) => e.title).sort()).toEqual(["Agenda: Wessex Test Panel, Thursday 14 March 2024", "Agenda: Wessex Test Panel, Thursday 20 June 2024", "Fleet Contracts Report (WTP/01/24)", "Fleet Update (WTP/03/24)"]);
    for (const entry of feed.entry) {
      expect(entry.link["@href"].startsWith(`${SITE}meetings/`)).toBe(true);
      expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
      expect(entry.id).toMatch(/^urn:uuid:/);
    }
    expect(new Set(feed.entry.map((e) => e.id)).size).toBe(4);
    expect(parse("committees/wessex-test-panel/feed.xml").entry).toHaveLength(4);
    for (const path of ["feed.xml", "calendar.ics", "committees/wessex-test-panel/feed.xml"]) for (const secret of SECRETS) expect(read(path).includes(secret), `${path}: ${secret}`).toBe(false);
  });

  it("has a page per committee listing its meetings by year, with its calendar and feed", () => {
    const html = read("committees/wessex-test-panel/index.html");
    expect(html).toContain("<h1>Wessex Test Panel</h1>");
    expect(html).toMatch(/<h3>2024<\/h3>\s*<ul class="meeting-list">[\s\S]*Thursday 20 June 2024[\s\S]*Thursday 14 March 2024/);
    expect(html).toContain('<a href="../../committees/wessex-test-panel/calendar.ics">Meetings calendar</a>');
    expect(html).toContain('<a href="../../committees/wessex-test-panel/feed.xml">New agendas and papers</a>');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="Wessex Test Panel: agendas and papers" href="../../committees/wessex-test-panel/feed.xml">');
  });
});
