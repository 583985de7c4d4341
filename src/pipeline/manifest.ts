/** manifest.json: what was published, for other tools (a council website, our tests). Paths relative to _site/. */
import type { MeetingView } from "../model/view.ts";
import type { PrintResult } from "../print/print.ts";
import type { PageRanges } from "../print/page-refs.ts";

export interface ManifestItem {
  number: number;
  title: string;
  ref: string | null;
  kind: string;
  exempt: boolean;
  html: string | null;
  pdf: string | null;
  pages: [number, number] | null;
}

export interface ManifestMeeting {
  id: string;
  committee: string;
  date: string;
  html: string;
  pack_pdf: string | null;
  pack_pages: number | null;
  items: ManifestItem[];
}

/** The manifest: one entry per meeting, newest first (entries of unchanged meetings come from the meeting cache). */
export function buildManifest(generated: string, meetings: ManifestMeeting[]): { generated: string; meetings: ManifestMeeting[] } {
  return { generated, meetings: [...meetings].sort((a, b) => b.date.localeCompare(a.date)) };
}

/** A meeting's manifest entry, from its view and what printing it made. */
export function manifestMeeting(meeting: MeetingView, prints: PrintResult[], packRanges: PageRanges | undefined): ManifestMeeting {
  const pagesOf = (output: string) => prints.find((p) => p.output === output)?.pages ?? null;
  const rel = (path: string) => path.replace(/^\//, "");
  const packPages = pagesOf(rel(meeting.packPdf));
  return {
    id: meeting.id,
    committee: meeting.committee.name,
    date: meeting.date,
    html: `${rel(meeting.url)}index.html`,
    pack_pdf: packPages === null ? null : rel(meeting.packPdf),
    pack_pages: packPages,
    // Exempt items appear as number and title only, as on the public agenda.
    items: [...meeting.publicItems, ...meeting.exemptItems].map((item) => ({
      number: item.number,
      title: item.title,
      ref: item.exempt ? null : (item.ref ?? null),
      kind: item.kind,
      exempt: item.exempt,
      html: item.paper && !item.exempt ? `${rel(item.paper.url)}index.html` : null,
      pdf: item.paper && !item.exempt && pagesOf(rel(item.paper.pdf)) !== null ? rel(item.paper.pdf) : null,
      pages: packRanges?.get(item.anchor) ?? null,
    })),
  };
}
