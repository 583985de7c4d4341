/**
 * A meeting's part of the public registers: whether it was cancelled (and moved), the decisions recorded
 * on its agenda, and what it plans to take (for the forward plan). Made once per meeting by the build
 * (meetingRegister) from the validated meeting.yaml, its numbered agenda and its built papers; kept with
 * the meeting's index entry (MeetingSummary.register), so a meeting reused from the meeting cache keeps
 * its part; read by the site-wide pages (src/site/registers.ts) and the manifest (src/pipeline/manifest.ts).
 *
 * Plain data, no HTML: every text here is printed escaped. Nothing not for publication is ever put here in a
 * public build: an exempt item's decision is recorded as taken in private, with its number and title only
 * (as the public agenda shows it), and never its paper's recommendations.
 */
import type { Committee } from "./committee.ts";
import { isCancelled, type AgendaEntry, type MeetingInput } from "./meeting.ts";
import type { AgendaItemView, PaperView } from "./view.ts";
import { formatDate, formatMoney, formatTime } from "../lib/format.ts";
import { plainText } from "../markdown/index.ts";

/** A date with its start, and the same in words. */
export interface MeetingDate {
  date: string;
  /** 24-hour "HH:MM". */
  start: string;
  /** "Thursday 25 July 2024". */
  dateText: string;
  /** "10:00am". */
  startText: string;
}

export interface CancellationRecord {
  reason?: string;
  /** Where the meeting moved to. Its own meeting there, if published, is found by date (src/site/registers.ts). */
  movedTo?: MeetingDate;
}

export interface DecisionRecord {
  /** Stable and unique in the site: committee, meeting and item ("wtp-2024-03-14-item-2"); the anchor on the register. */
  id: string;
  /** The agenda item's printed number: "2", "4.ii". */
  label: string;
  /** Place in the agenda (1, 2, 3 …): orders a meeting's decisions. */
  number: number;
  title: string;
  /** The report reference: public items only. */
  ref?: string;
  /** Taken in private (the item is not for publication): no text, no value, no reference. */
  exempt: boolean;
  /** The decision in paragraphs: as recorded, or the paper's recommendations; empty for an exempt item. */
  text: string[];
  /** The decision agreed the paper's recommendations as written (no text of its own was recorded). */
  asRecommended: boolean;
  /** Who took it: the committee unless the meeting file says otherwise. */
  by: string;
  /** The sum it commits, in pounds, and in words ("£250,000"). */
  value?: number;
  valueText?: string;
  /** For an exempt item: why it was taken in private ("exempt information under paragraph 3 of Part I of Schedule 12A …"). */
  privateBasis?: string;
  /** The item's paper page (site path), where it is published. */
  paperUrl?: string;
  paperTitle?: string;
}

/** A public item the meeting is to take: what the forward plan lists. */
export interface PlannedItem {
  label: string;
  title: string;
  ref?: string;
  /** The paper's purpose, "Decision", "Noting". */
  purpose?: string;
  paperUrl?: string;
}

export interface MeetingRegister {
  committeeId: string;
  /** The meeting's own start, 24-hour "HH:MM". */
  start: string;
  cancelled?: CancellationRecord;
  decisions: DecisionRecord[];
  /** The public items of the agenda (top-level and sub-items), in order. */
  planned: PlannedItem[];
  /** The meeting file's `next_meeting`: a published date of the committee. */
  nextMeeting?: MeetingDate;
  /** The committee's published meeting dates (its `meeting_dates`), as every meeting of it was built with them. */
  committeeDates: MeetingDate[];
}

export function meetingDate(date: string, start: string): MeetingDate {
  return { date, start, dateText: formatDate(date, { weekday: true }), startText: formatTime(start) };
}

/** The committee's published dates, in order. */
export function committeeDates(committee: Pick<Committee, "meeting_dates" | "default_start">): MeetingDate[] {
  return (committee.meeting_dates ?? [])
    .map((entry) => (typeof entry === "string" ? meetingDate(entry, committee.default_start) : meetingDate(entry.date, entry.start ?? committee.default_start)))
    .sort((a, b) => a.date.localeCompare(b.date));
}

export interface RegisterInput {
  meeting: MeetingInput;
  /** The agenda as planned (model/meeting.ts planAgenda), and the items built from it: the same order. */
  entries: AgendaEntry[];
  items: AgendaItemView[];
  committee: Committee;
}

/** The meeting's part of the registers. */
export function meetingRegister({ meeting, entries, items, committee }: RegisterInput): MeetingRegister {
  const byCommittee = committee.name;
  const decisions: DecisionRecord[] = [];
  const planned: PlannedItem[] = [];
  entries.forEach((entry, i) => {
    const item = items[i];
    if (!item) return;
    const paper = item.paper && !item.exempt ? item.paper : undefined;
    if (!item.exempt) planned.push({ label: item.label, title: item.title, ...(item.ref ? { ref: item.ref } : {}), ...(paper?.forText ? { purpose: paper.forText } : {}), ...(paper ? { paperUrl: paper.url } : {}) });
    const decision = entry.input.decision;
    if (decision === undefined || isCancelled(meeting.cancelled)) return;
    const own = typeof decision === "object" ? decision : {};
    const base = { id: `${committee.id}-${meeting.date}-item-${item.label.replace(".", "-")}`, label: item.label, number: item.number, title: item.title, by: own.by ?? byCommittee };
    if (item.exempt) {
      // Its number and title, as the public agenda has them; what was decided stays out (the schema refuses text and value here).
      decisions.push({ ...base, exempt: true, text: [], asRecommended: false, privateBasis: item.exemptBasis });
      return;
    }
    const text = own.text ? paragraphs(own.text) : paper ? recommendationsOf(paper) : [];
    decisions.push({
      ...base,
      ...(item.ref ? { ref: item.ref } : {}),
      exempt: false,
      text,
      asRecommended: own.text === undefined,
      ...(own.value !== undefined ? { value: own.value, valueText: formatMoney(own.value, Number.isInteger(own.value) ? 0 : 2) } : {}),
      ...(paper ? { paperUrl: paper.url, paperTitle: paper.title } : {}),
    });
  });
  const cancelled = meeting.cancelled;
  const moved = typeof cancelled === "object" ? cancelled.moved_to : undefined;
  return {
    committeeId: committee.id,
    start: meeting.start ?? committee.default_start,
    ...(isCancelled(cancelled)
      ? {
          cancelled: {
            ...(typeof cancelled === "object" && cancelled.reason ? { reason: cancelled.reason } : {}),
            ...(moved ? { movedTo: typeof moved === "string" ? meetingDate(moved, meeting.start ?? committee.default_start) : meetingDate(moved.date, moved.start ?? meeting.start ?? committee.default_start) } : {}),
          },
        }
      : {}),
    decisions,
    planned,
    ...(meeting.next_meeting ? { nextMeeting: meetingDate(meeting.next_meeting.date, meeting.next_meeting.start ?? committee.default_start) } : {}),
    committeeDates: committeeDates(committee),
  };
}

/** Text in paragraphs: blank lines separate them; lines within one are joined. */
function paragraphs(text: string): string[] {
  return text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim()).filter(Boolean);
}

/**
 * A paper's recommendations as text: its cover sheet's `recommendations:`, else the paragraphs and list
 * items of its body's section headed "Recommendation" or "Recommendations" (without their printed
 * paragraph numbers); none when it has neither.
 */
export function recommendationsOf(paper: Pick<PaperView, "recommendations" | "headings" | "body">): string[] {
  if (paper.recommendations.length) return paper.recommendations.map((r) => r.replace(/\s+/g, " ").trim()).filter(Boolean);
  const heading = paper.headings.find((h) => h.level === 2 && !h.appendix && /^recommendations?$/i.test(h.text.trim()));
  if (!heading) return [];
  const tokens = paper.body.flatMap((part) => (part.type === "markdown" ? part.tokens : []));
  const start = tokens.findIndex((t) => t.type === "heading_open" && t.attrGet("id") === heading.id);
  if (start < 0) return [];
  const out: string[] = [];
  for (let i = start + 3; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === "heading_open" && token.tag === tokens[start]!.tag) break; // the next section
    // A paragraph's or a list item's words, without the printed paragraph number.
    if (token.type === "inline" && tokens[i - 1]?.type === "paragraph_open") out.push(plainText({ tokens: [token] }));
  }
  return out.filter(Boolean);
}
