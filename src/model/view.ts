/**
 * View models: what templates receive. Everything here is computed and formatted; templates only print.
 */
import type { Heading } from "../markdown/index.ts";

export interface HeaderCell {
  text: string;
  colspan: number;
  numeric: boolean;
  scope: "col" | "colgroup";
  unit?: string;
}

export interface CellView {
  text: string;
  /** Rendered inline Markdown for markdown columns (already escaped). */
  html?: string;
  header: boolean;
  numeric: boolean;
  nowrap?: boolean;
  /** An exempt cell (its value shows only in a restricted build). */
  exempt?: boolean;
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
  /** Acknowledged differences between the printed source and computed figures. */
  errata: string[];
  wide: boolean;
  headerRows: HeaderCell[][];
  rows: RowView[];
  /** True when a money_m column can show a negative in brackets: a note explains it. */
  bracketsNegative: boolean;
  csv: string;
}

export interface ChartView {
  id: string;
  label: string;
  caption: string;
  svg: string;
  summary: string;
  table: TableView;
  /** The same data with its own ids, printed where the screen's disclosure cannot open. */
  printTable: TableView;
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
  forText?: string;
  enquiries: EnquiryView[];
  divisions: string;
  recommendations: string[];
  /** Body for the paper's own page and PDF (sections are h2). */
  bodyHtml: string;
  /** Body for the agenda pack (sections are h3, ids prefixed by the item). */
  packBodyHtml: string;
  headings: Heading[];
  charts: ChartView[];
  /** Schedule 12A paragraph sets of the exempt appendices shown ("3", "3,4"): restricted builds only. */
  exemptParagraphSets: string[];
  /** Site-relative paths. */
  url: string;
  pdf: string;
}

export interface AgendaItemView {
  number: number;
  title: string;
  descriptionHtml?: string;
  ref?: string;
  kind: "paper" | "verbal" | "procedural";
  exempt: boolean;
  paragraphs: number[];
  paper?: PaperView;
  /** Anchor of the item in the pack document. */
  anchor: string;
}

export interface NoticeView {
  heading: string;
  html: string;
}

export interface MeetingView {
  id: string; // "2022-12-08"
  committee: { id: string; name: string; short: string; host: string; quorum: number };
  date: string; // ISO
  dateText: string; // "Thursday 8 December 2022"
  startText: string; // "2:00pm"
  start: string; // "14:00"
  venue: { room: string; building: string; town: string; postcode: string; text: string };
  contact: { name: string; role: string; phone?: string; email?: string };
  notices: NoticeView[];
  exemptNotice: { heading: string; subtitle: string; statement: string; resolution: string };
  publicItems: AgendaItemView[];
  exemptItems: AgendaItemView[];
  papers: PaperView[];
  url: string;
  packPdf: string;
  title: string; // "Essex Police, Fire and Crime Panel, 8 December 2022"
}

/** What the site's index shows of a meeting; kept in the meeting cache, so an unchanged meeting need not be built. */
export type MeetingSummary = Pick<MeetingView, "id" | "date" | "url" | "dateText" | "startText"> & {
  committeeName: string;
  room: string;
  building: string;
  publicItemCount: number;
};

export function summaryOf(meeting: MeetingView): MeetingSummary {
  const { id, date, url, dateText, startText } = meeting;
  return { id, date, url, dateText, startText, committeeName: meeting.committee.name, room: meeting.venue.room, building: meeting.venue.building, publicItemCount: meeting.publicItems.length };
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
}
