/**
 * What changed between two versions, as a reader of the published papers would see it. Every output
 * format (terminal, Markdown, HTML, JSON) prints this one structure.
 */

/** A run of words: unchanged, removed from version A, or added in version B. */
export interface WordPart {
  text: string;
  change?: "added" | "removed";
}

export interface ParagraphChange {
  change: "added" | "removed" | "changed";
  /** Where a reader finds it: "paragraph 4.2 (4. Financial position)" or "section 2 'Background', block 3". */
  where: string;
  /** For changed paragraphs, word-level; for added or removed ones, one part. */
  parts: WordPart[];
  /** The paper's Markdown did not change: the text moved because a value it quotes changed. */
  derived: boolean;
}

export interface ValueChange {
  /** A human label: "Area for improvement EFF-03 — timescale", "Figure 2, Total, 2023/24". */
  label: string;
  /** The file and path the value comes from (stated values), or the figure it is printed in (derived ones). */
  path: string;
  change: "added" | "removed" | "changed";
  before?: string;
  after?: string;
  /** Computed from other values (totals, percentages, counts, generated tables): it moved as a consequence. */
  derived: boolean;
}

export interface ChartChange {
  /** "Figure 7" */
  label: string;
  caption: string;
  id: string;
  change: "added" | "removed" | "changed";
  /** The data points that moved ("2021/22, Incidents: 30,674 → 30,700"). */
  points: string[];
}

export interface PaperDiff {
  slug: string;
  title: string;
  /** The agenda item number in version B (or A when removed). */
  item?: number;
  /** "now-exempt": the paper is still on the agenda, but its item became exempt, so it is not published. */
  status: "added" | "removed" | "changed" | "now-exempt";
  /** Cover-sheet facts (title, author, purpose …) that changed. */
  facts: ValueChange[];
  narrative: ParagraphChange[];
  /** Paragraphs whose text is unchanged but whose generated number moved ("3.2 → 3.3"). */
  renumbered: string[];
  data: ValueChange[];
  charts: ChartChange[];
}

export interface AgendaChange {
  change: "added" | "removed" | "moved" | "ref" | "title" | "kind" | "now-exempt" | "now-public" | "renumbered";
  /** The item as a reader names it: its title. */
  title: string;
  /** Item numbers in A and B. */
  before?: string;
  after?: string;
  /** Exempt and public changes are shown first and loudly. */
  prominent: boolean;
  derived: boolean;
  text: string;
}

export interface MeetingDiff {
  id: string;
  title: string;
  status: "added" | "removed" | "changed";
  facts: ValueChange[];
  agenda: AgendaChange[];
  papers: PaperDiff[];
}

export interface DiffReport {
  /** What was compared: "HEAD~1" and "HEAD", or "the working tree". */
  from: string;
  to: string;
  /** A version that does not pass `check` is still compared; its errors are counted here. */
  errors: { from: number; to: number };
  /** Whether exempt items were compared (a members' diff). */
  restricted: boolean;
  meetings: MeetingDiff[];
}

export function isEmpty(report: DiffReport): boolean {
  return report.meetings.length === 0;
}
