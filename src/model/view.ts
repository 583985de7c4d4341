/**
 * View models: what templates receive. Everything here is computed and formatted; templates only print.
 */
import type { TopLevelSpec } from "vega-lite";
import type { Heading } from "../markdown/index.ts";
import type { BodyPart, MarkdownText } from "./body.ts";
import { nounOf, type Committee, type StatusSymbol } from "./committee.ts";
import { counted } from "../lib/format.ts";
import type { PageRangeStyle } from "../print/page-refs.ts";
import type { MeetingRegister } from "./register.ts";

export interface HeaderCell {
  text: string;
  colspan: number;
  numeric: boolean;
  scope: "col" | "colgroup";
  unit?: string;
}

export interface CellView {
  text: string;
  /** A markdown column's cell, parsed (inline, or block when it has several lines). */
  markdown?: MarkdownText;
  header: boolean;
  numeric: boolean;
  nowrap?: boolean;
  /** An exempt cell (its value shows only in a restricted build). */
  exempt?: boolean;
  /** A status cell: its symbol, drawn in its colour before the label (decorative: the label is the text). */
  status?: { id: string; symbol: StatusSymbol; colour: string };
}

export interface RowView {
  cells: CellView[];
  emphasis: boolean;
  total: boolean;
}

export interface TableView {
  id: string;
  label: string; // "Figure 3"
  caption: string;
  note?: string;
  /** Schedule 12A paragraphs of the table's exempt cells (empty when none). */
  exemptParagraphs: number[];
  /** The note under a table with exempt cells (src/exempt/wording.ts). */
  exemptNote?: string;
  /** Acknowledged differences between the printed source and computed figures. */
  errata: string[];
  wide: boolean;
  headerRows: HeaderCell[][];
  rows: RowView[];
  /** True when a money_m column can show a negative in brackets: a note explains it. */
  bracketsNegative: boolean;
  csv: string;
}

/** What the render stage draws as SVG: a vega-lite spec with its accessible name and description. */
export interface ChartDrawing {
  spec: TopLevelSpec;
  /** The SVG's own id prefix ("chart-<id>"); a figure showing it renames its ids (src/render/charts.ts). */
  id: string;
  title: string;
  description: string;
}

export interface ChartView {
  /** The figure's id in its document ("fig-x" on the page, "item-7-fig-x" in the pack). */
  id: string;
  /** Unique in the site: which drawing the render stage made for this figure. */
  key: string;
  label: string;
  caption: string;
  drawing: ChartDrawing;
  summary: string;
  table: TableView;
  /** The same data with its own ids, printed where the screen's disclosure cannot open. */
  printTable: TableView;
  /** The figure that shows the chart's data, when the paper places its table too: linked to, not printed twice. */
  dataFigure?: { label: string; href: string };
  /** Its data's CSV download: a site path ("/meetings/…"), linked relative to the page or print document showing the chart. */
  csvFile: string;
}

export interface EnquiryView {
  name: string;
  role?: string;
  email?: string;
  phone?: string;
}

export interface PaperView {
  slug: string;
  kind: string;
  title: string;
  cover: "report" | "democratic" | "none";
  author?: string;
  dateText: string;
  /** What the paper is for ("Decision"); "Information" when its front matter does not say. */
  forText: string;
  enquiries: EnquiryView[];
  /** The areas affected (the paper's, else the committee's default); absent: the cover sheet leaves the row out. */
  divisions?: string;
  recommendations: string[];
  /** Body for the paper's own page and PDF (sections are h2). */
  body: BodyPart[];
  /** Body for the agenda pack (sections are h3, ids prefixed by the item). */
  packBody: BodyPart[];
  headings: Heading[];
  /** The page's contents list (sections and appendices), when it has more than two headings. */
  contents?: Array<{ id: string; text: string }>;
  charts: ChartView[];
  /** The exempt appendices' print pages, one per set of paragraphs ("3", "3,4" as the section's attribute), with their running header: restricted builds only. */
  exemptPages: Array<{ attribute: string; runningHead: string }>;
  /** Site-relative paths. */
  url: string;
  pdf: string;
}

export interface AgendaItemView {
  /**
   * The item's place in the printed agenda (1, 2, 3 …, sub-items counted): unique, and equal to the printed
   * number whenever the agenda is numbered 1..N without sub-items. Templates print `label`.
   */
  number: number;
  /** The printed number: "7", "2.ii", or a number the agenda set ("12"). */
  label: string;
  /** A sub-item (2.i, 2.ii) of the item before it. */
  sub: boolean;
  title: string;
  description?: MarkdownText;
  ref?: string;
  kind: "paper" | "verbal" | "procedural";
  exempt: boolean;
  paragraphs: number[];
  paper?: PaperView;
  /** Anchor of the item in the pack document ("item-7", "item-2-ii"); also the name of its print page. */
  anchor: string;
  /** What an exempt item is withheld under: "Schedule 12A paragraph 3", "Official Sensitive". */
  restriction?: string;
  /** The banner's words for an exempt item: "exempt information under paragraph 3 of Part I of Schedule 12A …". */
  exemptBasis?: string;
  /** The running header of the item's printed pages, escaped for a CSS string (printed with `| safe` in print.njk). */
  runningHead: string;
  /**
   * Set on a record (a paper of the meeting that is not on its agenda: its minutes, a note of it): what its
   * page and print say in place of "Agenda item 7" ("Minutes — draft", "Record of the meeting").
   */
  recordLabel?: string;
}

/** A line of a meeting page's "Minutes and records": a paper that records the meeting. */
export interface RecordLinkView {
  title: string;
  url: string;
  pdf: string;
  /** "Minutes — draft"; "Minutes — approved at the meeting of 20 June 2024"; "Record of the meeting". */
  status: string;
  /** Minutes: the date of the meeting that approved them (absent: a draft). */
  approved?: string;
  /** Minutes published with another meeting's papers: "the meeting of 20 June 2024 (agenda item 2)", that meeting's page and id. */
  publishedWith?: { text: string; url: string; meetingId: string };
  /** A record not for publication (members' builds only): what it is withheld under. */
  restriction?: string;
}

export interface NoticeView {
  heading: string;
  body: MarkdownText;
}

export interface CommitteeView {
  id: string;
  name: string;
  short?: string;
  host?: string;
  quorum?: number;
  /** What the body calls itself in a sentence: "Panel", "Board". */
  noun: string;
  /** Who a restricted build is for: "panel members". */
  members: string;
  /** The cover sheet's label for a paper's divisions. */
  divisionsLabel: string;
  /** How the agenda prints an item's pages (src/print/page-refs.ts). */
  pageRanges: PageRangeStyle;
}

export interface VenueView {
  /** Each part of the place is empty ("") where the venue has none (an online meeting has no postcode). */
  room: string;
  building: string;
  town: string;
  postcode: string;
  online?: { platform: string; url?: string };
  /** The whole venue in one line, without empty parts: "Committee Room 1, County Hall, Chelmsford, CM1 1QH". */
  text: string;
  /** In short, for lists of meetings: "Committee Room 1, County Hall"; "Online (Microsoft Teams)". */
  short: string;
}

export interface ExemptSectionView {
  heading: string;
  subtitle?: string;
  statement?: string;
  resolution?: string;
  items: AgendaItemView[];
}

export interface MeetingView {
  id: string; // "2022-12-08"
  committee: CommitteeView;
  date: string; // ISO
  dateText: string; // "Thursday 8 December 2022"
  startText: string; // "2:00pm"
  start: string; // "14:00"
  venue: VenueView;
  contact: { name: string; role: string; phone?: string; email?: string };
  notices: NoticeView[];
  /** The committee's notice for exempt items, when it has one. */
  exemptNotice?: { heading: string; subtitle?: string; statement?: string; resolution?: string };
  publicItems: AgendaItemView[];
  exemptItems: AgendaItemView[];
  /** Every item, in the order the pack prints them: the public items, then the exempt ones (the one place this order is decided). */
  items: AgendaItemView[];
  /** The rows of the agenda table, in order: the public items, or every item where exempt ones stay in place. */
  agendaRows: AgendaItemView[];
  /** Exempt items listed after the public agenda under the committee's notice (placement: end). */
  exemptSection?: ExemptSectionView;
  /** The note under an agenda whose exempt items stay in place (placement: in-place). */
  exemptNote?: { heading: string; statement?: string };
  /** Every paper published under the meeting: its agenda items' and its records'. */
  papers: PaperView[];
  /** Papers of the meeting that are not on its agenda (src/pipeline/records.ts): listed on its page, not in its pack. */
  records: AgendaItemView[];
  /** The minutes of this meeting, once written (attached by buildSite from whichever meeting publishes them). */
  minutes?: RecordLinkView;
  /** The meeting page's list of its other records (its minutes are `minutes`). */
  recordLinks: RecordLinkView[];
  /** The left running header of its printed pages ("Essex Police, Fire and Crime Panel · 8 December 2022"), escaped for a CSS string. */
  runningHead: string;
  url: string;
  packPdf: string;
  title: string; // "Essex Police, Fire and Crime Panel, 8 December 2022"
  /** Its part of the registers: cancellation, decisions, planned items (src/model/register.ts). */
  register?: MeetingRegister;
}

/** What the site's index shows of a meeting; kept in the meeting cache, so an unchanged meeting need not be built. */
export type MeetingSummary = Pick<MeetingView, "id" | "date" | "url" | "dateText" | "startText"> & {
  committeeName: string;
  room: string;
  building: string;
  /** Where, in short: "Committee Room 1, County Hall"; "Online (Microsoft Teams)". */
  place: string;
  publicItemCount: number;
  /** "15 agenda items": the agenda's numbered rows (sub-items belong to their item). */
  itemsText: string;
  /** The meeting's part of the registers (MeetingView.register), kept so a reused meeting keeps it. */
  register?: MeetingRegister;
};

export function summaryOf(meeting: MeetingView): MeetingSummary {
  const { id, date, url, dateText, startText } = meeting;
  const rows = meeting.agendaRows.filter((item) => !item.sub).length;
  return {
    id, date, url, dateText, startText,
    committeeName: meeting.committee.name,
    room: meeting.venue.room,
    building: meeting.venue.building,
    place: meeting.venue.short,
    publicItemCount: meeting.publicItems.length,
    itemsText: counted(rows, "agenda item"),
    ...(meeting.register ? { register: meeting.register } : {}),
  };
}

/** Words the site prints about the bodies it publishes, from their committee files. */
export interface SiteWording {
  /** The site's name, in every header and <title>: "Panel papers". */
  name: string;
  /** The home page's opening sentence. */
  lead: string;
  /** Who a restricted build is for: "panel members". */
  members: string;
}

export interface SiteView {
  /** The meetings built this time (an unchanged meeting is reused from the meeting cache instead). */
  meetings: MeetingView[];
  /** Every meeting of the site, built or reused, newest first: what the index lists. */
  index: MeetingSummary[];
  /** A members' build, with exempt material. */
  restricted: boolean;
  /** Fixed build time (from the commit or SOURCE_DATE_EPOCH) for reproducible output. */
  builtAt: string;
  wording: SiteWording;
  /** The last `panelpress audit` of the site's output, from its record (src/a11y/record.ts); none: never audited. */
  audit?: AuditView;
}

/** What the accessibility statement says of the last audit: only checks that ran on this site's output. */
export interface AuditView {
  /** "29 November 2026". */
  date: string;
  /** The commit checked out when it ran, shortened. */
  commit?: string;
  /** "Last audited on D (commit C): checks X, Y ran on N pages and M PDFs; no problems found." */
  summary: string;
  problems: number;
  /** "1 problem", "15 problems". */
  problemsText: string;
  /** The checks that ran, with what each checks. */
  ran: Array<{ name: string; what: string }>;
  /** The checks panelpress has that did not run on this output. */
  notRun: string[];
}

/**
 * The site's words from its committees. One noun among them: "Panel papers", "the panel’s meetings"
 * (one committee) or no possessive (several); bodies with different nouns: "Meeting papers".
 */
export function siteWording(committees: ReadonlyArray<Pick<Committee, "name" | "noun">>): SiteWording {
  const nouns = [...new Set(committees.map(nounOf))];
  const noun = nouns.length === 1 ? nouns[0] : undefined;
  const whose = committees.length === 1 && noun ? `the ${noun.toLowerCase()}’s meetings` : "meetings";
  return {
    name: noun ? `${noun} papers` : "Meeting papers",
    lead: `Agendas, reports and minutes of ${whose}, as web pages and as PDF agenda packs.`,
    members: noun ? `${noun.toLowerCase()} members` : "members",
  };
}
