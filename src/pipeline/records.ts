/**
 * Records: papers that belong to a meeting without being items on its agenda — its minutes above all.
 *
 * A paper in a meeting's folder that no agenda item uses is still built and checked. It is published as a
 * record of that meeting when its front matter says `record: true`, or when it is minutes of that very
 * meeting (its data's `records:` is the meeting's date); otherwise it is only warned about (`paper/unused`).
 *
 * Minutes are shown on the page of the meeting they record, wherever they sit: a record in that meeting's
 * folder, or a paper on the agenda of the meeting that approves them. buildSite attaches them once every
 * meeting is built (attachMinutes), and checks that the date they record is a meeting of their committee.
 */
import type { Problems } from "../content/problems.ts";
import type { RecordClaim } from "../kinds/kind.ts";
import { exemptBasis, exemptRunningHead, restriction } from "../exempt/wording.ts";
import { formatDate } from "../lib/format.ts";
import type { AgendaItemView, MeetingSummary, MeetingView, PaperView, RecordLinkView } from "../model/view.ts";

/** Minutes found while building a meeting: what they record, where they are published, and where to report. */
export interface MinutesFound {
  claim: RecordClaim;
  paper: PaperView;
  committeeId: string;
  /** The meeting they are published with, and their agenda item there (none for a record). */
  meetingId: string;
  itemLabel?: string;
  /** What minutes not for publication are withheld under (members' builds only). */
  restriction?: string;
}

/** What a record's page and print say in place of "Agenda item 7". */
export function recordLabel(recordOf: RecordClaim | undefined): string {
  return recordOf ? minutesStatus(recordOf.approved) : "Record of the meeting";
}

/** "Minutes — draft"; "Minutes — approved at the meeting of 20 June 2024". */
export function minutesStatus(approved: string | undefined): string {
  return approved ? `Minutes — approved at the meeting of ${formatDate(approved)}` : "Minutes — draft";
}

/**
 * A record as the templates print an item's paper: its own anchor and running header, and the exempt
 * wording of a record marked exempt as a whole (built only for members, as an exempt item's paper is).
 */
export function recordItem(paper: PaperView, label: string, exempt: { paragraphs: number[]; marking?: string } | undefined, cssString: (text: string) => string): AgendaItemView {
  return {
    number: 0,
    label: "",
    sub: false,
    title: paper.title,
    kind: "paper",
    exempt: exempt !== undefined,
    paragraphs: exempt?.paragraphs ?? [],
    paper,
    anchor: `record-${paper.slug}`,
    ...(exempt ? { restriction: restriction(exempt.paragraphs, exempt.marking), exemptBasis: exemptBasis(exempt.paragraphs, exempt.marking) } : {}),
    runningHead: cssString([exempt ? exemptRunningHead(exempt.paragraphs, exempt.marking) : undefined, label].filter(Boolean).join(" · ")),
    recordLabel: label,
  };
}

/** A record's line on its meeting's page. */
export function recordLink(item: AgendaItemView, paper: PaperView): RecordLinkView {
  return { title: item.title, url: paper.url, pdf: paper.pdf, status: item.recordLabel ?? "", ...(item.restriction ? { restriction: item.restriction } : {}) };
}

/**
 * Give each built meeting its minutes, and check every set of minutes against the meetings of its
 * committee: the date they record must be one of its meetings (unless it is older than every meeting the
 * site holds for that committee: the site's archive starts later), and a meeting has one set of minutes.
 */
export function attachMinutes(found: readonly MinutesFound[], meetings: readonly MeetingView[], reused: readonly MeetingSummary[], problems: Problems, others: ReadonlyMap<string, string> = new Map()): void {
  const committeeOf = new Map<string, string>([...others, ...reused.flatMap((m): Array<[string, string]> => (m.register ? [[m.id, m.register.committeeId]] : [])), ...meetings.map((m): [string, string] => [m.id, m.committee.id])]);
  const byId = new Map(meetings.map((m) => [m.id, m]));
  const first = new Map<string, string>();
  for (const [id, committee] of committeeOf) if (!first.has(committee) || id < first.get(committee)!) first.set(committee, id);
  const seen = new Map<string, MinutesFound>();
  for (const minutes of [...found].sort((a, b) => a.meetingId.localeCompare(b.meetingId))) {
    const { claim, committeeId } = minutes;
    if (claim.meeting > minutes.meetingId) continue; // minutes of a later meeting: the kind reports it (minutes/dates)
    const recordedCommittee = committeeOf.get(claim.meeting);
    if (recordedCommittee !== committeeId) {
      const earliest = first.get(committeeId);
      // Older than the site's archive of this committee: nothing to attach them to, and nothing wrong.
      if (recordedCommittee === undefined && earliest !== undefined && claim.meeting < earliest) continue;
      const theirs = [...committeeOf].filter(([, c]) => c === committeeId).map(([id]) => id).sort();
      const whose = recordedCommittee === undefined ? "" : ` (the meeting on that date is committee '${recordedCommittee}''s)`;
      problems.error(claim.file, claim.at, "minutes/meeting", `these minutes record a meeting on ${formatDate(claim.meeting)}, but committee '${committeeId}' has no meeting on that date${whose}`, `give the date of one of its meetings (content/meetings/<date>/): ${theirs.join(", ")}`);
      continue;
    }
    const earlier = seen.get(claim.meeting);
    if (earlier) {
      problems.error(claim.file, claim.at, "minutes/duplicate", `the meeting of ${formatDate(claim.meeting)} already has minutes (${earlier.paper.url})`, "keep one set of minutes per meeting: a record in its own folder, or a paper of the meeting that approves them");
      continue;
    }
    seen.set(claim.meeting, minutes);
    const recorded = byId.get(claim.meeting);
    if (!recorded) continue; // reused: its page was built with these minutes, which have not changed since
    const elsewhere = minutes.meetingId !== claim.meeting && minutes.itemLabel !== undefined;
    recorded.minutes = {
      title: minutes.paper.title,
      url: minutes.paper.url,
      pdf: minutes.paper.pdf,
      status: minutesStatus(claim.approved),
      ...(claim.approved ? { approved: claim.approved } : {}),
      ...(minutes.restriction ? { restriction: minutes.restriction } : {}),
      ...(elsewhere ? { publishedWith: { text: `the meeting of ${formatDate(minutes.meetingId)} (agenda item ${minutes.itemLabel})`, url: `/meetings/${minutes.meetingId}/`, meetingId: minutes.meetingId } } : {}),
    };
  }
}
