/**
 * manifest.json: what was published, for other tools (a council website, an open-data portal, our tests).
 * Paths are relative to the site's root. The format is versioned (MANIFEST_VERSION), described by
 * schemas/manifest.schema.json (published beside it) and documented in docs/public-site.md; names follow
 * OParl and Open Civic Data where they fit.
 *
 * A meeting's entry (ManifestMeeting) is kept with the meeting's cached build and reused while the meeting
 * is unchanged, so it holds only what its own files decide; what depends on the build as a whole (its
 * status at build time, the committees, the site's feeds) is added by buildManifest each time.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import type { AgendaItemView, MeetingView, PaperView, RecordLinkView } from "../model/view.ts";
import type { PrintResult } from "../print/print.ts";
import type { PageRanges } from "../print/page-refs.ts";
import { londonIso, MEETING_TIME_ZONE } from "../site/time.ts";
import { committeeCalendar, committeeDecisions, committeeFeed, committeeFolder, committeeForwardPlan, committeeForwardPlanCsv, DECISIONS_CSV, DECISIONS_PAGE, MANIFEST_SCHEMA, ROBOTS, SEARCH_PAGE, SITE_CALENDAR, SITE_FEED, SITEMAP } from "../site/paths.ts";
import type { DecisionRecord } from "../model/register.ts";

export const MANIFEST_FORMAT = "panelpress-manifest";
/** Semantic version: a minor version only adds fields; a major version renames, removes or changes one. */
export const MANIFEST_VERSION = "2.2.0";

/** What a published file is to the meeting. */
export type DocumentRole = "page" | "agenda-pack" | "paper" | "data" | "image" | "other";

/** A published file (OParl File: mimeType, size; Open Civic Data: media_type). */
export interface ManifestDocument {
  path: string;
  title: string;
  role: DocumentRole;
  media_type: string;
  /** Bytes. */
  size: number;
  /** SHA-256 of the bytes, lower-case hex. */
  sha256: string;
  /** Pages of a PDF; null for anything else. */
  pages: number | null;
}

export interface ManifestItem {
  /** Place in the agenda, 1, 2, 3 … (OParl AgendaItem.order). */
  number: number;
  /** The printed number, "7" or "2.ii" (OParl AgendaItem.number). */
  label: string;
  title: string;
  ref: string | null;
  kind: string;
  exempt: boolean;
  /** OParl AgendaItem.public: the item is taken in public (not exempt under Schedule 12A). */
  public: boolean;
  html: string | null;
  pdf: string | null;
  /** First and last page of the item in the agenda pack. */
  pages: [number, number] | null;
  documents: ManifestDocument[];
  /** What was decided on the item (2.1): null when the meeting file records no decision. */
  decision: ManifestDecision | null;
}

/** A decision recorded on an agenda item (2.1); the rows of the decisions register. */
export interface ManifestDecision {
  /** Stable and unique in the site: "wtp-2024-03-14-item-2" (the anchor on the register page). */
  id: string;
  /**
   * The decision as recorded, paragraphs separated by a blank line (OParl AgendaItem.resolutionText); null
   * for an item not for publication, whose decision was taken in private and is not published.
   */
  text: string | null;
  /** The decision agreed the paper's recommendations as written: `text` is them. */
  as_recommended: boolean;
  /** Who took it: the committee, unless the meeting file names someone else (a Commissioner, a Cabinet Member). */
  decision_maker: string;
  /** The sum it commits, in pounds sterling; null when none was recorded (always for an item taken in private). */
  value: number | null;
}

/** Why and where to a meeting was cancelled (2.1). */
export interface ManifestCancellation {
  reason: string | null;
  /** The date it is held instead: the date, local time, start with its offset, and its meeting's page if published. */
  moved_to: { date: string; time: string; start: string; html: string | null } | null;
}

export interface ManifestLocation {
  /** The venue in one line. */
  name: string;
  room: string;
  building: string;
  locality: string;
  postal_code: string;
  /** An online or hybrid meeting's platform and joining address. */
  online: { platform: string; url: string | null } | null;
}

/** A meeting's entry as its own build decides it (kept in the meeting cache). */
export interface ManifestMeeting {
  id: string;
  /** The committee's name (as in version 1). */
  committee: string;
  committee_id: string;
  date: string;
  /** Local start time, HH:MM, in `timezone`. */
  time: string;
  /** Start as an ISO 8601 date-time with its UTC offset (OParl Meeting.start). */
  start: string;
  timezone: string;
  location: ManifestLocation;
  /** When the meeting's content last changed (its last commit; the build time if never committed). */
  modified: string;
  html: string;
  pack_pdf: string | null;
  pack_pages: number | null;
  documents: ManifestDocument[];
  items: ManifestItem[];
  /** Null unless the meeting is cancelled (2.1). */
  cancellation: ManifestCancellation | null;
  /** Its records: papers published under it that are not on its agenda, its minutes among them when kept here (2.2). */
  records: ManifestRecord[];
  /** Its minutes, wherever they are published (here as a record, or with the meeting that approves them); null until written (2.2). */
  minutes: ManifestMinutes | null;
}

/** A paper published under a meeting without being an agenda item (2.2). */
export interface ManifestRecord {
  title: string;
  /** "minutes" for the meeting's minutes, else "record". */
  kind: "minutes" | "record";
  /** "Minutes — draft", "Minutes — approved at the meeting of 20 June 2024", "Record of the meeting". */
  status: string;
  /** False for a record not for publication (in a members' build): then it has no files listed. */
  public: boolean;
  html: string | null;
  pdf: string | null;
  documents: ManifestDocument[];
}

/** A meeting's minutes (2.2). */
export interface ManifestMinutes {
  title: string;
  status: string;
  /** The date of the meeting that approved them; null while they are a draft. */
  approved: string | null;
  html: string;
  /** Null in a build without PDFs. */
  pdf: string | null;
  /** The id of the meeting whose files include them: this meeting's own, or the approving meeting's. */
  published_with: string;
}

/** Open Civic Data Event.status, in plain words: "held" once its start is past at build time. */
export type MeetingStatus = "scheduled" | "held" | "cancelled";

export interface PublishedMeeting extends ManifestMeeting {
  status: MeetingStatus;
  /** OParl Meeting.cancelled. */
  cancelled: boolean;
}

export interface ManifestCommittee {
  id: string;
  name: string;
  html: string;
  calendar: string;
  feed: string;
  meetings: number;
  /** Its forward plan (2.1): the page and the CSV. */
  forward_plan: string;
  forward_plan_csv: string;
  /** Its decisions (2.1): the register's page of this committee. */
  decisions: string;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: string;
  schema: string;
  generated: string;
  site: {
    /** The public address (PANELPRESS_SITE_URL), or null when the build was not told it. */
    url: string | null;
    home: string;
    search: string;
    calendar: string;
    feed: string;
    /** Null without a site address: a sitemap must give absolute addresses. */
    sitemap: string | null;
    robots: string;
    /** The decisions register (2.1): its page and its CSV. */
    decisions: string;
    decisions_csv: string;
  };
  committees: ManifestCommittee[];
  meetings: PublishedMeeting[];
}

/** The manifest: every meeting (built now, or reused from the meeting cache), newest first. */
export function buildManifest(generated: string, meetings: ManifestMeeting[], url: string | null = null): Manifest {
  const sorted = [...meetings].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
  const published = sorted.map((m) => ({ ...m, cancellation: withMovedPage(m.cancellation ?? null, m.committee_id, sorted), ...statusOf(m, generated) }));
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    schema: MANIFEST_SCHEMA,
    generated,
    site: { url, home: "index.html", search: `${SEARCH_PAGE}index.html`, calendar: SITE_CALENDAR, feed: SITE_FEED, sitemap: url ? SITEMAP : null, robots: ROBOTS, decisions: `${DECISIONS_PAGE}index.html`, decisions_csv: DECISIONS_CSV },
    committees: committeesOf(published),
    meetings: published,
  };
}

/** Status at build time: cancelled as its meeting file says, else held once its start has passed. */
export function statusOf(meeting: Pick<ManifestMeeting, "start"> & { cancellation?: ManifestCancellation | null }, generated: string): { status: MeetingStatus; cancelled: boolean } {
  if (meeting.cancellation) return { status: "cancelled", cancelled: true };
  return { status: Date.parse(meeting.start) <= Date.parse(generated) ? "held" : "scheduled", cancelled: false };
}

/** A moved meeting's new date, with the page of the committee's meeting on that date when there is one. */
function withMovedPage(cancellation: ManifestCancellation | null, committeeId: string, meetings: ManifestMeeting[]): ManifestCancellation | null {
  const moved = cancellation?.moved_to;
  if (!cancellation || !moved) return cancellation;
  const there = meetings.find((m) => m.committee_id === committeeId && m.date === moved.date && !m.cancellation);
  // The meeting on the new date, when published, says when it starts.
  return { ...cancellation, moved_to: there ? { date: moved.date, time: there.time, start: there.start, html: there.html } : { ...moved, html: null } };
}

/** One entry per committee that has a meeting, by name. */
function committeesOf(meetings: ManifestMeeting[]): ManifestCommittee[] {
  const byId = new Map<string, ManifestCommittee>();
  for (const meeting of meetings) {
    const known = byId.get(meeting.committee_id);
    if (known) known.meetings++;
    else {
      byId.set(meeting.committee_id, {
        id: meeting.committee_id, name: meeting.committee, html: `${committeeFolder(meeting.committee)}index.html`, calendar: committeeCalendar(meeting.committee), feed: committeeFeed(meeting.committee), meetings: 1,
        forward_plan: `${committeeForwardPlan(meeting.committee)}index.html`, forward_plan_csv: committeeForwardPlanCsv(meeting.committee), decisions: `${committeeDecisions(meeting.committee)}index.html`,
      });
    }
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface ManifestContext {
  /** The staged site, to measure and hash the published files. */
  siteDir: string;
  /** When the meeting's content last changed. */
  modified: string;
}

/** A meeting's manifest entry, from its view, what printing it made and its files in the staged site. */
export function manifestMeeting(meeting: MeetingView, prints: PrintResult[], packRanges: PageRanges | undefined, context: ManifestContext): ManifestMeeting {
  const pagesOf = (output: string) => prints.find((p) => p.output === output)?.pages ?? null;
  const doc = (path: string, role: DocumentRole, title: string) => documentOf(context.siteDir, path, role, title, pagesOf(path));
  const packPages = pagesOf(rel(meeting.packPdf));
  const pack = packPages === null ? undefined : doc(rel(meeting.packPdf), "agenda-pack", `Agenda pack: ${meeting.title}`);
  return {
    id: meeting.id,
    committee: meeting.committee.name,
    committee_id: meeting.committee.id,
    date: meeting.date,
    time: meeting.start,
    start: londonIso(meeting.date, meeting.start),
    timezone: MEETING_TIME_ZONE,
    location: { name: meeting.venue.text, room: meeting.venue.room, building: meeting.venue.building, locality: meeting.venue.town, postal_code: meeting.venue.postcode, online: meeting.venue.online ? { platform: meeting.venue.online.platform, url: meeting.venue.online.url ?? null } : null },
    modified: context.modified,
    html: `${rel(meeting.url)}index.html`,
    pack_pdf: pack ? pack.path : null,
    pack_pages: packPages,
    documents: [doc(`${rel(meeting.url)}index.html`, "page", `Agenda: ${meeting.title}`), pack].filter((d): d is ManifestDocument => d !== undefined),
    // Exempt items appear as number and title only, as on the public agenda.
    items: meeting.items.map((item) => manifestItem(item, packRanges, (paper) => paperDocuments(context.siteDir, paper, pagesOf), meeting.register?.decisions.find((d) => d.number === item.number))),
    cancellation: cancellationOf(meeting),
    records: meeting.records.map((record) => manifestRecord(record, (paper) => paperDocuments(context.siteDir, paper, pagesOf))),
    // Minutes not for publication (a members' build) are listed as exempt items' papers are: not at all.
    minutes: meeting.minutes && !meeting.minutes.restriction ? manifestMinutes(meeting.id, meeting.minutes, pagesOf) : null,
  };
}

function manifestRecord(record: AgendaItemView, documents: (paper: PaperView) => ManifestDocument[]): ManifestRecord {
  const own = record.paper && !record.exempt ? documents(record.paper) : [];
  return {
    title: record.title,
    kind: record.paper?.kind === "minutes" ? "minutes" : "record",
    status: record.recordLabel ?? "",
    public: !record.exempt,
    html: own.find((d) => d.role === "page")?.path ?? null,
    pdf: own.find((d) => d.role === "paper")?.path ?? null,
    documents: own,
  };
}

function manifestMinutes(meetingId: string, minutes: RecordLinkView, pagesOf: (path: string) => number | null): ManifestMinutes {
  return {
    title: minutes.title,
    status: minutes.status,
    approved: minutes.approved ?? null,
    html: `${rel(minutes.url)}index.html`,
    pdf: pagesOf(rel(minutes.pdf)) === null ? null : rel(minutes.pdf),
    published_with: minutes.publishedWith?.meetingId ?? meetingId,
  };
}

/** A cancelled meeting's reason and new date (its page is found when the whole manifest is made). */
function cancellationOf(meeting: MeetingView): ManifestCancellation | null {
  const cancelled = meeting.register?.cancelled;
  if (!cancelled) return null;
  const moved = cancelled.movedTo;
  return { reason: cancelled.reason ?? null, moved_to: moved ? { date: moved.date, time: moved.start, start: londonIso(moved.date, moved.start), html: null } : null };
}

/** A decision as the manifest (and the register's CSV) gives it. */
export function manifestDecision(decision: DecisionRecord): ManifestDecision {
  return {
    id: decision.id,
    text: decision.exempt ? null : decision.text.join("\n\n") || null,
    as_recommended: decision.asRecommended,
    decision_maker: decision.by,
    value: decision.value ?? null,
  };
}

function manifestItem(item: AgendaItemView, packRanges: PageRanges | undefined, documents: (paper: PaperView) => ManifestDocument[], decision: DecisionRecord | undefined): ManifestItem {
  const own = item.paper && !item.exempt ? documents(item.paper) : [];
  return {
    number: item.number,
    label: item.label,
    title: item.title,
    ref: item.exempt ? null : (item.ref ?? null),
    kind: item.kind,
    exempt: item.exempt,
    public: !item.exempt,
    html: own.find((d) => d.role === "page")?.path ?? null,
    pdf: own.find((d) => d.role === "paper")?.path ?? null,
    pages: packRanges?.get(item.anchor) ?? null,
    documents: own,
    decision: decision ? manifestDecision(decision) : null,
  };
}

/** A paper's files: its page, its PDF, and the data and images published beside them, in name order. */
function paperDocuments(siteDir: string, paper: PaperView, pagesOf: (path: string) => number | null): ManifestDocument[] {
  const folder = rel(paper.url);
  if (!existsSync(join(siteDir, folder))) return [];
  const pdf = rel(paper.pdf);
  const files = readdirSync(join(siteDir, folder), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => `${folder}${e.name}`).sort();
  const documents = files.flatMap((path) => {
    const role: DocumentRole = path === `${folder}index.html` ? "page" : path === pdf ? "paper" : roleOf(path);
    // A paper's PDF only when printing made it (a build without PDFs has none).
    if (role === "paper" && pagesOf(path) === null) return [];
    const chart = paper.charts.find((c) => rel(c.csvFile) === path);
    const title = role === "page" || role === "paper" ? paper.title : chart ? `${chart.label}: ${chart.caption}` : path.slice(folder.length);
    const document = documentOf(siteDir, path, role, title, pagesOf(path));
    return document ? [document] : [];
  });
  // The page first, then the PDF, then the data and images (each in name order).
  return documents.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
}

const ROLE_ORDER: DocumentRole[] = ["page", "agenda-pack", "paper", "data", "image", "other"];

const MEDIA_TYPES: Record<string, string> = {
  ".html": "text/html", ".pdf": "application/pdf", ".csv": "text/csv", ".json": "application/json",
  ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".svg": "image/svg+xml", ".webp": "image/webp",
};

export function mediaTypeOf(path: string): string {
  return MEDIA_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

function roleOf(path: string): DocumentRole {
  const type = mediaTypeOf(path);
  if (type === "text/csv" || type === "application/json") return "data";
  if (type.startsWith("image/")) return "image";
  return "other";
}

/** A file as published: its size and hash read from the staged site; undefined if it is not there. */
function documentOf(siteDir: string, path: string, role: DocumentRole, title: string, pages: number | null): ManifestDocument | undefined {
  const file = join(siteDir, path);
  if (!existsSync(file) || !statSync(file).isFile()) return undefined;
  const bytes = readFileSync(file);
  return { path, title, role, media_type: mediaTypeOf(path), size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex"), pages: mediaTypeOf(path) === "application/pdf" ? pages : null };
}

const rel = (path: string) => path.replace(/^\//, "");
