/**
 * iCalendar feeds of meetings (RFC 5545), one per committee and one for the whole site, made from the
 * manifest (so reused meetings are in them too). A person subscribes once; a meeting moved or re-timed
 * updates in their calendar because its UID never changes and its SEQUENCE goes up with each change.
 */
import ical, { ICalEventStatus } from "ical-generator";
import type { Manifest, PublishedMeeting } from "../pipeline/manifest.ts";
import { LONDON_VTIMEZONE, MEETING_TIME_ZONE } from "./time.ts";
import { absoluteUrl } from "./site-url.ts";
import { formatDate, formatTime } from "../lib/format.ts";

/** Meetings are given two hours in calendars: the papers give no end time. */
const ASSUMED_LENGTH_MINUTES = 120;
/** SEQUENCE counts minutes from here to the meeting's last change: it only ever goes up. */
const SEQUENCE_EPOCH = Date.parse("2020-01-01T00:00:00Z");

/** The meeting's permanent identity: its committee and date (a meeting's id is its date). */
export function meetingUid(meeting: Pick<PublishedMeeting, "committee_id" | "id">): string {
  return `${meeting.committee_id}-${meeting.id}@panelpress`;
}

/**
 * A revision number that increases whenever the meeting's content changes (from its last-change time).
 * Cancelling adds one, so the cancelled event always outranks the one it replaces, even when the change
 * carries the same time (a build with SOURCE_DATE_EPOCH, an uncommitted edit built at the last commit's time).
 */
export function meetingSequence(meeting: Pick<PublishedMeeting, "modified"> & { cancelled?: boolean }): number {
  return Math.max(0, Math.floor((Date.parse(meeting.modified) - SEQUENCE_EPOCH) / 60_000)) + (meeting.cancelled ? 1 : 0);
}

/** What a cancelled meeting's event says: that it will not take place, why, and where it moved to. */
export function cancellationLines(meeting: Pick<PublishedMeeting, "cancellation">, agendaOf: (path: string) => string | null): string[] {
  const cancellation = meeting.cancellation;
  if (!cancellation) return [];
  const moved = cancellation.moved_to;
  const movedPage = moved?.html ? agendaOf(moved.html) : null;
  return [
    "This meeting has been cancelled.",
    ...(cancellation.reason ? [cancellation.reason] : []),
    ...(moved ? [`It will be held on ${formatDate(moved.date, { weekday: true })} at ${formatTime(moved.time)} instead.${movedPage ? ` Agenda: ${movedPage}` : ""}`] : []),
  ];
}

/** London wall-clock "YYYY-MM-DDTHH:MM:00" a number of minutes after a date and time (the end of a meeting). */
export function wallClockPlus(date: string, time: string, minutes: number): string {
  const wall = new Date(Date.parse(`${date}T${time}:00Z`) + minutes * 60_000);
  return wall.toISOString().slice(0, 19);
}

export interface CalendarOptions {
  name: string;
  description: string;
  /** The site's public address, for absolute links to agendas; null leaves links out (they must be absolute). */
  siteUrl: string | null;
  /** The build time: DTSTAMP (when this calendar was made). */
  generated: string;
}

/** One calendar of the given meetings. */
export function meetingsCalendar(meetings: PublishedMeeting[], options: CalendarOptions): string {
  // Each event carries its time zone; the calendar-level zone stays unset so DTSTAMP is written in UTC.
  const calendar = ical({
    name: options.name,
    description: options.description,
    prodId: { company: "panelpress", product: "panelpress", language: "EN" },
    timezone: { name: null, generator: (zone) => (zone === MEETING_TIME_ZONE ? LONDON_VTIMEZONE : null) },
    ...(options.siteUrl ? { url: options.siteUrl } : {}),
  });
  for (const meeting of [...meetings].sort((a, b) => a.start.localeCompare(b.start))) {
    const agenda = options.siteUrl ? absoluteUrl(options.siteUrl, meeting.html) : null;
    const publicItems = meeting.items.filter((i) => i.public).map((i) => `${i.label}. ${i.title}`);
    const cancelled = cancellationLines(meeting, (path) => (options.siteUrl ? absoluteUrl(options.siteUrl, path) : null));
    calendar.createEvent({
      id: meetingUid(meeting),
      sequence: meetingSequence(meeting),
      timezone: MEETING_TIME_ZONE,
      // Wall-clock times in the event's zone: ical-generator writes them as given, with TZID.
      start: `${meeting.date}T${meeting.time}:00`,
      end: wallClockPlus(meeting.date, meeting.time, ASSUMED_LENGTH_MINUTES),
      stamp: new Date(options.generated),
      lastModified: new Date(meeting.modified),
      // A calendar that ignores STATUS still shows it is off.
      summary: meeting.cancelled ? `Cancelled: ${meeting.committee}` : meeting.committee,
      location: meeting.location.name,
      description: [...(cancelled.length ? [...cancelled, ""] : []), ...(publicItems.length ? [`Agenda:`, ...publicItems] : []), ...(agenda ? ["", `Agenda and papers: ${agenda}`] : [])].join("\n").trim(),
      status: meeting.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      ...(agenda ? { url: agenda } : {}),
    });
  }
  // Every content line ends in CRLF (RFC 5545 3.1), the last one too.
  return `${calendar.toString()}\r\n`;
}

/** Every calendar the site publishes: path → text. */
export function calendars(manifest: Manifest): Map<string, string> {
  const base = { siteUrl: manifest.site.url, generated: manifest.generated };
  const out = new Map<string, string>();
  out.set(manifest.site.calendar, meetingsCalendar(manifest.meetings, { ...base, name: "Committee meetings", description: "Every meeting published on this site" }));
  for (const committee of manifest.committees) {
    const meetings = manifest.meetings.filter((m) => m.committee_id === committee.id);
    out.set(committee.calendar, meetingsCalendar(meetings, { ...base, name: committee.name, description: `Meetings of the ${committee.name}` }));
  }
  return out;
}
