/**
 * Atom feeds (RFC 4287) of published agendas and papers, one per committee and one for the site, made from
 * the manifest (so reused meetings are in them too). Written by hand: a dozen elements, every text escaped.
 *
 * Entry ids are name-based URNs of the committee, meeting and paper, so they never change, even when the
 * site moves or is first given its address. Links are absolute when the site's address is known; otherwise
 * relative to the feed, as Atom allows (xml:base on the feed gives readers the folder to resolve them in).
 */
import { createHash } from "node:crypto";
import type { Manifest, ManifestItem, PublishedMeeting } from "../pipeline/manifest.ts";
import { absoluteUrl, publicPath } from "./site-url.ts";
import { formatDate, formatTime } from "../lib/format.ts";

export interface FeedEntry {
  id: string;
  title: string;
  /** Site path of the page. */
  path: string;
  updated: string;
  summary: string;
}

/** XML text or attribute value, escaped. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** A stable URN (a name-based UUID, RFC 4122 version 5 layout over SHA-256) for a name. */
export function stableUrn(name: string): string {
  const hex = createHash("sha256").update(`panelpress:${name}`).digest("hex");
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A meeting's agenda and each public paper, as feed entries. */
export function meetingEntries(meeting: PublishedMeeting): FeedEntry[] {
  const when = formatDate(meeting.date, { weekday: true });
  const papers = meeting.items.filter((i): i is ManifestItem & { html: string } => i.public && i.html !== null);
  const agenda: FeedEntry = {
    id: stableUrn(`${meeting.committee_id}/${meeting.id}`),
    title: `Agenda: ${meeting.committee}, ${when}`,
    path: meeting.html,
    updated: meeting.modified,
    summary: `Meeting of the ${meeting.committee} on ${when} at ${formatTime(meeting.time)}, ${meeting.location.name}. Agenda: ${meeting.items.map((i) => `${i.label}. ${i.title}`).join("; ")}.`,
  };
  const cancelled = cancellationEntry(meeting, when);
  // Records (2.2): a meeting's minutes and notes published under it, each an entry like a paper.
  const records = (meeting.records ?? []).filter((r): r is typeof r & { html: string } => r.public && r.html !== null);
  return [...(cancelled ? [cancelled] : []), ...(meeting.items.length ? [agenda] : []), ...papers.map((item) => ({
    id: stableUrn(`${meeting.committee_id}/${meeting.id}/${item.html}`),
    title: item.ref ? `${item.title} (${item.ref})` : item.title,
    path: item.html,
    updated: meeting.modified,
    summary: `Agenda item ${item.label} for the ${meeting.committee} meeting on ${when}.`,
  })), ...records.map((record) => ({
    id: stableUrn(`${meeting.committee_id}/${meeting.id}/${record.html}`),
    title: record.title,
    path: record.html,
    updated: meeting.modified,
    summary: `${record.status}: a record of the ${meeting.committee} meeting on ${when}.`,
  }))];
}

/**
 * A cancelled meeting's entry: that it will not take place, why, and the date it moved to. An entry of its
 * own (its own id), so a reader shows it as new rather than as a change to the agenda it may have read.
 */
function cancellationEntry(meeting: PublishedMeeting, when: string): FeedEntry | undefined {
  const cancellation = meeting.cancellation;
  if (!cancellation) return undefined;
  const moved = cancellation.moved_to;
  const movedText = moved ? `${formatDate(moved.date, { weekday: true })} at ${formatTime(moved.time)}` : undefined;
  return {
    id: stableUrn(`${meeting.committee_id}/${meeting.id}/cancelled`),
    title: moved ? `Moved: ${meeting.committee}, ${when}, now ${movedText}` : `Cancelled: ${meeting.committee}, ${when}`,
    // The meeting's own page, which says so (and links to the meeting on its new date, once published).
    path: meeting.html,
    updated: meeting.modified,
    summary: [
      `The meeting of the ${meeting.committee} on ${when} at ${formatTime(meeting.time)} has been cancelled.`,
      cancellation.reason,
      movedText ? `It will be held on ${movedText} instead.` : undefined,
    ].filter(Boolean).join(" "),
  };
}

export interface FeedOptions {
  title: string;
  /** The feed's own site path ("feed.xml", "committees/x/feed.xml"). */
  path: string;
  /** The page the feed is about (the home page, a committee's page). */
  pagePath: string;
  siteUrl: string | null;
  /** Who publishes it (Atom requires an author): the committee, or the committees of the site. */
  author: string;
  /** Used as the feed's `updated` when it has no entries. */
  generated: string;
}

/** The Atom document: newest first; `updated` is the newest entry's, so an unchanged feed keeps its bytes. */
export function atomFeed(entries: FeedEntry[], options: FeedOptions): string {
  const sorted = [...entries].sort((a, b) => b.updated.localeCompare(a.updated) || a.path.localeCompare(b.path));
  // Relative links are resolved against the feed's folder; with no site address, paths are written relative to it.
  const depth = options.path.split("/").length - 1;
  const href = (path: string) => (options.siteUrl ? absoluteUrl(options.siteUrl, path) : `${"../".repeat(depth)}${publicPath(path)}` || "./");
  const updated = sorted[0]?.updated ?? options.generated;
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB"${options.siteUrl ? ` xml:base="${xmlEscape(absoluteUrl(options.siteUrl, options.path))}"` : ""}>`,
    `  <id>${stableUrn(`feed/${options.path}`)}</id>`,
    `  <title>${xmlEscape(options.title)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${xmlEscape(options.author)}</name></author>`,
    `  <generator>panelpress</generator>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(href(options.pagePath))}"/>`,
    ...(options.siteUrl ? [`  <link rel="self" type="application/atom+xml" href="${xmlEscape(absoluteUrl(options.siteUrl, options.path))}"/>`] : []),
    ...sorted.flatMap((entry) => [
      `  <entry>`,
      `    <id>${entry.id}</id>`,
      `    <title>${xmlEscape(entry.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(href(entry.path))}"/>`,
      `    <updated>${entry.updated}</updated>`,
      `    <summary>${xmlEscape(entry.summary)}</summary>`,
      `  </entry>`,
    ]),
    `</feed>`,
  ];
  return `${lines.join("\n")}\n`;
}

/** Every feed the site publishes: path → text. */
export function feeds(manifest: Manifest): Map<string, string> {
  const base = { siteUrl: manifest.site.url, generated: manifest.generated };
  const out = new Map<string, string>();
  out.set(manifest.site.feed, atomFeed(manifest.meetings.flatMap(meetingEntries), { ...base, title: "Agendas and papers", author: manifest.committees.map((c) => c.name).join(", ") || "panelpress", path: manifest.site.feed, pagePath: manifest.site.home }));
  for (const committee of manifest.committees) {
    const entries = manifest.meetings.filter((m) => m.committee_id === committee.id).flatMap(meetingEntries);
    out.set(committee.feed, atomFeed(entries, { ...base, title: `${committee.name}: agendas and papers`, author: committee.name, path: committee.feed, pagePath: committee.html }));
  }
  return out;
}
