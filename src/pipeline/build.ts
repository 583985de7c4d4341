/**
 * Load → validate → build: content/ and data/ into the SiteView templates print.
 * Problems are collected, never thrown; the caller decides whether the result may be published.
 *
 * buildSite reads top to bottom: every committee file (committee.ts), the proof-reading rules over what was
 * read, then each meeting (meeting.ts: its agenda, venue and notices), whose papers go through their kinds
 * (paper.ts). Files are read in load.ts; references to meeting and committee facts and the agenda's report
 * references are resolved and checked in references.ts.
 */
import { existsSync } from "node:fs";
import { contentFiles } from "../lib/files.ts";
import { join } from "node:path";
import type MarkdownIt from "markdown-it";
import { Problems } from "../content/problems.ts";
import { checkText } from "./consistency.ts";
import { allowListOf, ExemptText } from "../exempt/leak-check.ts";
import { checkQuotedExemptText, type Source } from "../exempt/quoting.ts";
import type { Committee } from "../model/committee.ts";
import { siteWording, summaryOf, type MeetingSummary, type MeetingView, type SiteView } from "../model/view.ts";
import { createMarkdown } from "../markdown/index.ts";
import { meetingFolders } from "./load.ts";
import { loadCommittee } from "./committee.ts";
import { buildMeeting } from "./meeting.ts";
import { attachMinutes, type MinutesFound } from "./records.ts";
import { loadAuditRecord } from "./audit-record.ts";
import { auditView } from "../a11y/record.ts";

export interface BuildOptions {
  root: string;
  /** Restricted builds include exempt material (issue: exempt items). Public by default. */
  restricted?: boolean;
  builtAt: string;
  /** Meetings not to build, with their index entries: their last build is reused (see incremental.ts). */
  reuse?: ReadonlyMap<string, MeetingSummary>;
  /** Build only these meetings (a scoped check, src/pipeline/scope.ts); the others are neither built nor listed. */
  only?: ReadonlySet<string>;
  /**
   * The committees of the project's other meetings, neither built nor reused here: a batch of a large build
   * (batches.ts) checks its minutes against every meeting of their committee, as one build of all would.
   */
  others?: ReadonlyMap<string, string>;
}

/** One meeting's part of a build: what it made, what it found, and what it must not publish. */
export interface MeetingBuild {
  id: string;
  view?: MeetingView;
  /** Problems in this meeting's own files (also merged into the build's problems). */
  problems: Problems;
  /** The meeting's exempt material (prose and values): no public output may contain any of it. */
  exemptText: ExemptText;
}

export interface BuildResult {
  site: SiteView;
  problems: Problems;
  /** Files to write beside the pages (CSV data downloads), site-relative path → content. */
  downloads: Map<string, string | Buffer>;
  /** Every meeting built (not skipped), in folder order. */
  built: MeetingBuild[];
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const problems = new Problems();
  const downloads = new Map<string, string | Buffer>();
  const markdown = createMarkdown();
  const meetingsDir = join(options.root, "content", "meetings");
  const meetingIds = meetingFolders(options.root);
  if (meetingIds.length === 0) {
    problems.error(meetingsDir, undefined, "content/no-meetings", "there are no meetings to build", "add content/meetings/<YYYY-MM-DD>/meeting.yaml");
  }
  const committees = new Map<string, Committee | undefined>();
  // Every committee file is checked, whether or not a valid meeting refers to it, so one run reports all.
  const committeesDir = join(options.root, "data", "committees");
  if (existsSync(committeesDir)) {
    for (const file of contentFiles(committeesDir, ".yaml")) {
      loadCommittee(file.replace(/\.yaml$/, ""), { ...options, problems, markdown, committees, downloads, exemptText: new ExemptText(), publicSources: [], minutesFound: [] });
    }
  }
  // Proof-reading rules over the text of every file read (dates, weekdays, money, financial years).
  for (const [file, text] of problems.texts()) checkText(file, text, problems);
  // Each meeting collects its own problems and exempt text, so its record can be reused on its own.
  const built: MeetingBuild[] = [];
  const publicSources: Source[] = [];
  const minutesFound: MinutesFound[] = [];
  for (const id of meetingIds.filter((m) => !options.reuse?.has(m) && (options.only?.has(m) ?? true))) {
    const own: MeetingBuild = { id, problems: new Problems(), exemptText: new ExemptText() };
    own.view = await buildMeeting(id, { ...options, problems: own.problems, markdown, committees, downloads, exemptText: own.exemptText, publicSources, minutesFound });
    for (const [file, text] of own.problems.texts()) checkText(file, text, own.problems);
    problems.merge(own.problems);
    built.push(own);
  }
  // Exempt text of any meeting quoted in a public paper of any meeting: an error at both places.
  const allowList = built.map((b) => allowListOf(b.view)).join(" ");
  checkQuotedExemptText(publicSources, built.map((b) => b.exemptText), allowList, problems, options.root);
  const newestFirst = (a: { date: string }, b: { date: string }) => b.date.localeCompare(a.date);
  const meetings = built.flatMap((b) => (b.view ? [b.view] : [])).sort(newestFirst);
  // Minutes are shown with the meeting they record, which another meeting's folder may publish them for.
  attachMinutes(minutesFound, meetings, [...(options.reuse?.values() ?? [])], problems, options.others);
  const index = [...meetings.map(summaryOf), ...(options.reuse?.values() ?? [])].sort(newestFirst);
  const wording = siteWording([...committees.values()].filter((c) => c !== undefined));
  // The last audit of the output, for the accessibility statement: an input like content, never the build's clock.
  const audit = auditView(loadAuditRecord(options.root, problems));
  return { site: { meetings, index, builtAt: options.builtAt, restricted: Boolean(options.restricted), wording, audit }, problems, downloads, built };
}

/** What every step of a build shares: the options, the collectors it reports to, and what it has read. */
export interface Context extends BuildOptions {
  problems: Problems;
  markdown: MarkdownIt;
  committees: Map<string, Committee | undefined>;
  downloads: Map<string, string | Buffer>;
  exemptText: ExemptText;
  /** The files of public papers (Markdown and data), to find exempt text quoted in them. */
  publicSources: Source[];
  /** Minutes met in every meeting built, attached to the meetings they record once all are built (records.ts). */
  minutesFound: MinutesFound[];
}
