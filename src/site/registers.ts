/**
 * The site-wide registers, from the index of every meeting (built or reused; each entry carries its part,
 * MeetingSummary.register, src/model/register.ts): the decisions register (one page for every committee,
 * one per committee, grouped by year, and a CSV), each committee's forward plan (its meetings to come and
 * what each is to take, and a CSV), and what lists of meetings say of a cancelled or moved meeting.
 *
 * Pure functions of the index and the build time; the pages only print what these give. The CSVs are made
 * here from the same rows as the pages, so the two cannot disagree.
 */
import type { MeetingSummary } from "../model/view.ts";
import type { DecisionRecord, MeetingDate, PlannedItem } from "../model/register.ts";
import { committeeDecisions, committeeFolder, committeeForwardPlan, committeeForwardPlanCsv, DECISIONS_CSV, DECISIONS_PAGE } from "./paths.ts";
import { absoluteUrl } from "./site-url.ts";
import { toCsv } from "./csv.ts";

/** What a list of meetings says of one: cancelled, or moved (with a link to it on its new date, if published). */
export interface MeetingStatusNote {
  cancelled: boolean;
  /** "Cancelled", "Moved to Thursday 25 July 2024". */
  label: string;
  reason?: string;
  movedTo?: MeetingDate;
  /** The committee's meeting on the new date, if its page is published (site path). */
  movedUrl?: string;
}

/** A meeting as lists show it: its index entry and, if cancelled, what to say. */
export type MeetingListing = MeetingSummary & { status?: MeetingStatusNote };

/** The status note of a meeting, if it is cancelled. */
export function statusNote(meeting: MeetingSummary, index: MeetingSummary[]): MeetingStatusNote | undefined {
  const cancelled = meeting.register?.cancelled;
  if (!cancelled) return undefined;
  const moved = cancelled.movedTo;
  const there = moved ? index.find((m) => m.committeeName === meeting.committeeName && m.date === moved.date && !m.register?.cancelled) : undefined;
  return {
    cancelled: true,
    label: moved ? `Moved to ${moved.dateText}` : "Cancelled",
    ...(cancelled.reason ? { reason: cancelled.reason } : {}),
    // The meeting on the new date, when published, says when it starts.
    ...(moved ? { movedTo: there ? { ...moved, start: there.register?.start ?? moved.start, startText: there.startText } : moved } : {}),
    ...(there ? { movedUrl: there.url } : {}),
  };
}

/** Every meeting of the index with its status note, in the index's order. */
export function meetingListings(index: MeetingSummary[]): MeetingListing[] {
  return index.map((m) => {
    const status = statusNote(m, index);
    return status ? { ...m, status } : m;
  });
}

/** What a cancelled meeting's page says above its agenda (the meeting-status component). */
export interface CancellationNotice extends MeetingStatusNote {
  /** Whether the page still offers the agenda pack: only when the meeting had papers. */
  pack: boolean;
}

export function cancellationNotice(meeting: { id: string; papers: unknown[] }, index: MeetingSummary[]): CancellationNotice | undefined {
  const own = index.find((m) => m.id === meeting.id);
  const note = own ? statusNote(own, index) : undefined;
  return note ? { ...note, pack: meeting.papers.length > 0 } : undefined;
}

// ── The decisions register ──────────────────────────────────────────────────────────────────────────

/** A decision with its meeting and committee: one row of the register and of its CSV. */
export interface DecisionRow extends DecisionRecord {
  meetingId: string;
  date: string;
  /** "Thursday 14 March 2024". */
  dateText: string;
  meetingUrl: string;
  committeeName: string;
  /** What the register prints as the decision, paragraph by paragraph (the CSV has the same, joined). */
  paragraphs: string[];
}

export interface DecisionYear {
  year: string;
  decisions: DecisionRow[];
}

/** A page of the register: every committee's decisions, or one committee's. */
export interface DecisionsPage {
  /** Site path, with a leading slash. */
  url: string;
  /** The committee whose decisions these are; absent on the page of every committee. */
  committee?: { name: string; url: string };
  title: string;
  description: string;
  count: number;
  /** Newest year first; within a year, newest meeting first, then in agenda order. */
  years: DecisionYear[];
  /** The committees with decisions, each with its page and count (the page's filter links). */
  committees: Array<{ name: string; url: string; count: number; current: boolean }>;
  /** The register's CSV (every committee's rows). */
  csv: string;
  /** The page of every committee. */
  allUrl: string;
  breadcrumbs: Crumb[];
}

/** A link in a page's breadcrumbs. */
export interface Crumb {
  url: string;
  title: string;
}

const HOME: Crumb = { url: "/", title: "Meetings" };
const COMMITTEES: Crumb = { url: "/committees/", title: "Committees" };

/** Said instead of what was decided on an item not for publication. */
export const PRIVATE_DECISION = "The decision was taken in private and is not published.";
/** Said when a decision agreed a paper's recommendations that the register cannot quote. */
export const AS_RECOMMENDED = "The recommendations of the report were agreed.";

/** What the register prints as the decision: its text, or what stands for it. */
function decisionParagraphs(decision: DecisionRecord): string[] {
  if (decision.exempt) return [decision.privateBasis ? `${PRIVATE_DECISION} It concerned ${decision.privateBasis}.` : PRIVATE_DECISION];
  return decision.text.length ? decision.text : [AS_RECOMMENDED];
}

/** Every decision recorded, newest meeting first, each meeting's in agenda order. Cancelled meetings have none. */
export function decisionRows(index: MeetingSummary[]): DecisionRow[] {
  const rows = index.flatMap((meeting) =>
    (meeting.register?.cancelled ? [] : (meeting.register?.decisions ?? [])).map((decision): DecisionRow => ({
      ...decision,
      meetingId: meeting.id,
      date: meeting.date,
      dateText: meeting.dateText,
      meetingUrl: meeting.url,
      committeeName: meeting.committeeName,
      paragraphs: decisionParagraphs(decision),
    })),
  );
  return rows.sort((a, b) => b.date.localeCompare(a.date) || a.committeeName.localeCompare(b.committeeName) || a.number - b.number);
}

function byYear(rows: DecisionRow[]): DecisionYear[] {
  const years = [...new Set(rows.map((r) => r.date.slice(0, 4)))];
  return years.map((year) => ({ year, decisions: rows.filter((r) => r.date.startsWith(year)) }));
}

/** The register's pages: every committee's first, then one per committee (by name). */
export function decisionsPages(index: MeetingSummary[]): DecisionsPage[] {
  const rows = decisionRows(index);
  const names = [...new Set(index.map((m) => m.committeeName))].sort((a, b) => a.localeCompare(b));
  const allUrl = `/${DECISIONS_PAGE}`;
  const csv = `/${DECISIONS_CSV}`;
  const links = (current?: string) => names.map((name) => ({ name, url: `/${committeeDecisions(name)}`, count: rows.filter((r) => r.committeeName === name).length, current: name === current }));
  return [
    {
      url: allUrl, title: "Decisions", count: rows.length, years: byYear(rows), committees: links(), csv, allUrl, breadcrumbs: [HOME],
      description: "Every decision recorded at a published meeting, newest first, with the report it was taken on, by committee and year, and as CSV.",
    },
    ...names.map((name): DecisionsPage => {
      const own = rows.filter((r) => r.committeeName === name);
      return {
        url: `/${committeeDecisions(name)}`, committee: { name, url: `/${committeeFolder(name)}` }, title: `Decisions of the ${name}`, count: own.length, years: byYear(own), committees: links(name), csv, allUrl,
        breadcrumbs: [HOME, { url: allUrl, title: "Decisions" }],
        description: `Every decision recorded at the published meetings of the ${name}, newest first, by year.`,
      };
    }),
  ];
}

/** Where a site path goes in a CSV: absolute with the site's address, else relative to the site's top folder (as manifest.json gives paths). */
function csvLink(path: string | undefined, siteUrl: string | null): string {
  if (!path) return "";
  return siteUrl ? absoluteUrl(siteUrl, path) : path.replace(/^\//, "");
}

export const DECISION_COLUMNS = ["id", "meeting_date", "committee", "item", "title", "reference", "decision", "as_recommended", "decision_maker", "value_gbp", "taken_in_private", "paper_url", "meeting_url"] as const;

/** The register as CSV: the rows of the page of every committee, in its order; the decision's paragraphs on lines of their own. */
export function decisionsCsv(rows: DecisionRow[], siteUrl: string | null): string {
  return toCsv([...DECISION_COLUMNS], rows.map((r) => [
    r.id, r.date, r.committeeName, r.label, r.title, r.ref ?? "", r.paragraphs.join("\n"), r.exempt ? "" : r.asRecommended ? "yes" : "no", r.by,
    r.value === undefined ? "" : String(r.value), r.exempt ? "yes" : "no", csvLink(r.paperUrl, siteUrl), csvLink(r.meetingUrl, siteUrl),
  ]));
}

// ── Forward plans ────────────────────────────────────────────────────────────────────────────────────

export interface PlannedMeeting extends MeetingDate {
  /** Its page, when the meeting file exists. */
  url?: string;
  place?: string;
  /** "Agenda published", "Agenda not yet published", "Cancelled", "Moved to Thursday 25 July 2024". */
  statusText: string;
  cancelled: boolean;
  reason?: string;
  movedTo?: MeetingDate;
  movedUrl?: string;
  /** The meeting this date replaces, when a meeting moved here. */
  movedFrom?: MeetingDate;
  /** Its public items (titles only for what is not for publication: those are left out). */
  items: PlannedItem[];
}

export interface ForwardPlan {
  name: string;
  committeeUrl: string;
  url: string;
  csv: string;
  /** The date the plan was made (the build's): "Monday 10 June 2024". */
  asOf: string;
  meetings: PlannedMeeting[];
  breadcrumbs: Crumb[];
}

/**
 * A committee's meetings from the build date on: those published (with their public items, or as cancelled
 * or moved), and the dates it has published without a meeting file yet (its `meeting_dates`, a meeting's
 * `next_meeting`, a cancelled meeting's new date).
 */
export function forwardPlans(index: MeetingSummary[], builtAt: string, asOf: string): ForwardPlan[] {
  const today = builtAt.slice(0, 10);
  const names = [...new Set(index.map((m) => m.committeeName))].sort((a, b) => a.localeCompare(b));
  return names.map((name) => {
    const meetings = index.filter((m) => m.committeeName === name);
    const published = new Map(meetings.map((m) => [m.date, m]));
    const planned = new Map<string, PlannedMeeting>();
    for (const meeting of meetings.filter((m) => m.date >= today)) {
      const status = statusNote(meeting, index);
      planned.set(meeting.date, {
        date: meeting.date, dateText: meeting.dateText, start: meeting.register?.start ?? "", startText: meeting.startText, url: meeting.url, place: meeting.place,
        statusText: status ? status.label : "Agenda published",
        cancelled: Boolean(status),
        ...(status?.reason ? { reason: status.reason } : {}),
        ...(status?.movedTo ? { movedTo: status.movedTo } : {}),
        ...(status?.movedUrl ? { movedUrl: status.movedUrl } : {}),
        items: status ? [] : (meeting.register?.planned ?? []),
      });
    }
    // Dates published without a meeting file: the committee's programme, next meetings, and new dates of moved meetings.
    const movedFrom = new Map(meetings.flatMap((m) => (m.register?.cancelled?.movedTo ? [[m.register.cancelled.movedTo.date, m] as const] : [])));
    const announced = meetings.flatMap((m) => [...(m.register?.committeeDates ?? []), ...(m.register?.nextMeeting ? [m.register.nextMeeting] : []), ...(m.register?.cancelled?.movedTo ? [m.register.cancelled.movedTo] : [])]);
    for (const date of announced) {
      if (date.date < today || published.has(date.date) || planned.has(date.date)) continue;
      const from = movedFrom.get(date.date);
      planned.set(date.date, { ...date, statusText: "Agenda not yet published", cancelled: false, ...(from ? { movedFrom: { date: from.date, dateText: from.dateText, start: from.register?.start ?? "", startText: from.startText } } : {}), items: [] });
    }
    return {
      name,
      committeeUrl: `/${committeeFolder(name)}`,
      url: `/${committeeForwardPlan(name)}`,
      csv: `/${committeeForwardPlanCsv(name)}`,
      asOf,
      meetings: [...planned.values()].sort((a, b) => a.date.localeCompare(b.date)),
      breadcrumbs: [HOME, COMMITTEES, { url: `/${committeeFolder(name)}`, title: name }],
    };
  });
}

export const FORWARD_PLAN_COLUMNS = ["meeting_date", "start_time", "status", "moved_to", "item", "title", "reference", "purpose", "agenda_url", "paper_url"] as const;

/** A forward plan as CSV: a row per planned item; a meeting with none (no agenda yet, cancelled) has one row of its own. */
export function forwardPlanCsv(plan: ForwardPlan, siteUrl: string | null): string {
  const rows = plan.meetings.flatMap((m) => {
    const meeting = [m.date, m.start, m.statusText, m.movedTo?.date ?? ""];
    return m.items.length
      ? m.items.map((item) => [...meeting, item.label, item.title, item.ref ?? "", item.purpose ?? "", csvLink(m.url, siteUrl), csvLink(item.paperUrl, siteUrl)])
      : [[...meeting, "", "", "", "", csvLink(m.url, siteUrl), ""]];
  });
  return toCsv([...FORWARD_PLAN_COLUMNS], rows);
}

