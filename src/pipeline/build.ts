/**
 * Load → validate → build: content/ and data/ into the SiteView templates print.
 * Problems are collected, never thrown; the caller decides whether the result may be published.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { contentFiles, isEditorFile, isInside } from "../lib/files.ts";
import { join } from "node:path";
import type MarkdownIt from "markdown-it";
import { Problems, closest } from "../content/problems.ts";
import { checkText } from "./consistency.ts";
import { planExemption, publicBody } from "../exempt/appendix.ts";
import { exemptBasis, exemptRunningHead, restriction } from "../exempt/wording.ts";
import { allowListOf, ExemptText } from "../exempt/leak-check.ts";
import { checkQuotedExemptText, type Source } from "../exempt/quoting.ts";
import { parseFrontMatter, parseYaml, YamlSyntaxError, type Located } from "../content/yaml.ts";
import { validate } from "../content/validate.ts";
import { committeeSchema, DEFAULT_DIVISIONS_LABEL, nounOf, placeText, venueShortText, venueText, type Committee, type Venue } from "../model/committee.ts";
import { meetingSchema, planAgenda, type AgendaEntry, type MeetingInput } from "../model/meeting.ts";
import { DEFAULT_PURPOSE, paperFrontMatterSchema, PURPOSES } from "../model/paper.ts";
import { siteWording, summaryOf, type AgendaItemView, type CommitteeView, type MeetingSummary, type MeetingView, type PaperView, type SiteView } from "../model/view.ts";
import { KINDS } from "../kinds/index.ts";
import { createMarkdown, parseMarkdown, plainEnv, type Heading } from "../markdown/index.ts";
import { formatDate, formatTime } from "../lib/format.ts";

export interface BuildOptions {
  root: string;
  /** Restricted builds include exempt material (issue: exempt items). Public by default. */
  restricted?: boolean;
  builtAt: string;
  /** Meetings not to build, with their index entries: their last build is reused (see incremental.ts). */
  reuse?: ReadonlyMap<string, MeetingSummary>;
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
      loadCommittee(file.replace(/\.yaml$/, ""), { ...options, problems, markdown, committees, downloads, exemptText: new ExemptText(), publicSources: [] });
    }
  }
  // Proof-reading rules over the text of every file read (dates, weekdays, money, financial years).
  for (const [file, text] of problems.texts()) checkText(file, text, problems);
  // Each meeting collects its own problems and exempt text, so its record can be reused on its own.
  const built: MeetingBuild[] = [];
  const publicSources: Source[] = [];
  for (const id of meetingIds.filter((m) => !options.reuse?.has(m))) {
    const own: MeetingBuild = { id, problems: new Problems(), exemptText: new ExemptText() };
    own.view = await buildMeeting(id, { ...options, problems: own.problems, markdown, committees, downloads, exemptText: own.exemptText, publicSources });
    for (const [file, text] of own.problems.texts()) checkText(file, text, own.problems);
    problems.merge(own.problems);
    built.push(own);
  }
  // Exempt text of any meeting quoted in a public paper of any meeting: an error at both places.
  const allowList = built.map((b) => allowListOf(b.view)).join(" ");
  checkQuotedExemptText(publicSources, built.map((b) => b.exemptText), allowList, problems, options.root);
  const newestFirst = (a: { date: string }, b: { date: string }) => b.date.localeCompare(a.date);
  const meetings = built.flatMap((b) => (b.view ? [b.view] : [])).sort(newestFirst);
  const index = [...meetings.map(summaryOf), ...(options.reuse?.values() ?? [])].sort(newestFirst);
  const wording = siteWording([...committees.values()].filter((c) => c !== undefined));
  return { site: { meetings, index, builtAt: options.builtAt, restricted: Boolean(options.restricted), wording }, problems, downloads, built };
}

/** The meetings of a project: the folders of content/meetings/, in order. */
export function meetingFolders(root: string): string[] {
  const dir = join(root, "content", "meetings");
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !isEditorFile(d.name)).map((d) => d.name).sort() : [];
}

interface Context extends BuildOptions {
  problems: Problems;
  markdown: MarkdownIt;
  committees: Map<string, Committee | undefined>;
  downloads: Map<string, string | Buffer>;
  exemptText: ExemptText;
  /** The files of public papers (Markdown and data), to find exempt text quoted in them. */
  publicSources: Source[];
}

/** Read and parse a YAML file, reporting syntax errors as problems. */
export function readYaml(file: string, problems: Problems, root: string): Located | undefined {
  let text: string;
  try {
    text = readText(file, root);
  } catch (error) {
    problems.error(file, undefined, "file/unreadable", `cannot read the file: ${(error as Error).message}`);
    return undefined;
  }
  problems.remember(file, text);
  try {
    return parseYaml(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError) {
      problems.error(file, error.position, "yaml/syntax", error.message, "check indentation, colons and quotes on this line and the one before");
      return undefined;
    }
    throw error;
  }
}

/**
 * Read UTF-8 text; a file that is not valid UTF-8 is a content error, not a crash. A link that leads
 * out of the project is refused before anything is read, so no error can quote the file it points at.
 */
function readText(file: string, root: string): string {
  if (!isInside(root, file)) throw new Error(existsSync(file) ? "it is a link to a file outside the project: copy the file into the project instead" : "it is a link to a file that does not exist");
  const bytes = readFileSync(file);
  if (bytes.includes(0)) throw new Error("it is binary, not text");
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.includes("\uFFFD")) throw new Error("it is not UTF-8 text: save it as UTF-8");
  return text;
}

function loadCommittee(id: string, ctx: Context): Committee | undefined {
  if (ctx.committees.has(id)) return ctx.committees.get(id);
  const file = join(ctx.root, "data", "committees", `${id}.yaml`);
  let committee: Committee | undefined;
  if (existsSync(file)) {
    const located = readYaml(file, ctx.problems, ctx.root);
    committee = located ? validate(committeeSchema, located, file, ctx.problems) : undefined;
    if (committee && located) checkCommittee(committee, located, file, ctx.problems);
  }
  ctx.committees.set(id, committee);
  return committee;
}

/** What the schema alone cannot say: a venue is somewhere, and references need a short name to start with. */
function checkCommittee(committee: Committee, located: Located, file: string, problems: Problems): void {
  for (const [key, venue] of Object.entries(committee.venues)) {
    if (!placeText(venue) && !venue.online) {
      problems.error(file, located.at(["venues", key]), "schema/missing", `venue '${key}' has neither a place (room, building, town, postcode) nor 'online'`, "add 'building:' and the rest, or 'online: {platform: Microsoft Teams}'");
    }
  }
  if (committee.references !== "none" && !committee.short) {
    problems.error(file, located.at(["name"]), "schema/missing", "the committee has no 'short' name, which its report references start with", "add 'short: ABC' (capital letters), or 'references: none' if its papers have no references");
  }
}

async function buildMeeting(id: string, ctx: Context): Promise<MeetingView | undefined> {
  const { problems } = ctx;
  const dir = join(ctx.root, "content", "meetings", id);
  const file = join(dir, "meeting.yaml");
  if (!existsSync(file)) {
    problems.error(dir, undefined, "content/no-meeting-file", `the meeting folder '${id}' has no meeting.yaml`);
    return undefined;
  }
  const located = readYaml(file, problems, ctx.root);
  const meeting = located ? validate(meetingSchema, located, file, problems) : undefined;
  if (!located || !meeting) {
    await checkPapersAlone(dir, id, ctx);
    return undefined;
  }
  // The agenda is public text too (titles, descriptions): exempt text quoted in it is an error.
  ctx.publicSources.push({ file, text: problems.textOf(file) ?? "" });
  if (meeting.date !== id) {
    problems.error(file, located.at(["date"]), "meeting/folder-date", `the meeting's date ${meeting.date} does not match its folder '${id}'`, "name the folder after the meeting date, YYYY-MM-DD");
  }
  const committeeFile = join(ctx.root, "data", "committees", `${meeting.committee}.yaml`);
  if (!existsSync(committeeFile)) {
    const known = existsSync(join(ctx.root, "data", "committees"))
      ? contentFiles(join(ctx.root, "data", "committees"), ".yaml").map((f) => f.replace(/\.yaml$/, ""))
      : [];
    const suggestion = closest(meeting.committee, known);
    problems.error(file, located.at(["committee"]), "ref/committee", `there is no committee '${meeting.committee}' (data/committees/${meeting.committee}.yaml)`, suggestion ? `did you mean '${suggestion}'?` : undefined);
    await checkPapersAlone(dir, id, ctx);
    return undefined;
  }
  const committee = loadCommittee(meeting.committee, ctx);
  if (!committee) {
    await checkPapersAlone(dir, id, ctx);
    return undefined;
  }

  const venue = meetingVenue(meeting, committee, located, file, problems);
  if (!venue) {
    await checkPapersAlone(dir, id, ctx);
    return undefined;
  }

  const start = meeting.start ?? committee.default_start;
  const resolveShared = (type: string, key: string): { text: string } | null => {
    if (type === "meeting") {
      if (key === "date") return { text: formatDate(meeting.date, { weekday: true }) };
      if (key === "previous_meeting" && meeting.previous_meeting) return { text: formatDate(meeting.previous_meeting) };
      if (key === "next_meeting" && meeting.next_meeting) {
        const next = meeting.next_meeting;
        return { text: `${formatDate(next.date, { weekday: true })} at ${formatTime(next.start ?? committee.default_start)}` };
      }
      if (key === "start") return { text: formatTime(start) };
      if (key === "venue") return { text: venueText(venue, { postcode: false }) };
      return null;
    }
    if (type === "committee") {
      if (key === "quorum") return committee.quorum === undefined ? null : { text: String(committee.quorum) };
      if (key === "name") return { text: committee.name };
      if (key === "noun") return { text: nounOf(committee) };
      if (key === "default_start") return { text: formatTime(committee.default_start) };
      return null;
    }
    return null;
  };

  // Agenda: numbered in printed order (model/meeting.ts); exempt items at the end or in place, as the committee says.
  const notice = committee.exempt_notice;
  const placement = notice?.placement ?? "end";
  const plan = planAgenda(meeting.agenda, placement);
  for (const p of plan.problems) problems.error(file, located.at(p.path), "schema/invalid", p.message, p.hint);
  checkReferences(plan.entries, committee, meeting.date, located, file, problems);
  const items: AgendaItemView[] = [];
  const papers: PaperView[] = [];
  const usedPapers = new Set<string>();
  for (const entry of plan.entries) {
    const { input: item, path, number, label, exempt } = entry;
    const view: AgendaItemView = {
      number,
      label,
      sub: entry.sub,
      title: item.title,
      description: item.description
        ? parseMarkdown(ctx.markdown, item.description, plainEnv((_l, _c, rule, message, hint) => problems.error(file, located.at([...path, "description"]), rule, message, hint), resolveShared), { inline: true })
        : undefined,
      ref: item.ref,
      kind: item.kind,
      exempt,
      paragraphs: entry.paragraphs,
      anchor: `item-${label.replace(".", "_")}`,
      ...exemptWording(entry, notice?.marking),
      runningHead: cssString(runningHead(entry, item.ref, notice?.marking)),
    };
    checkItemReference(entry, committee, meeting.date, located, file, problems);
    if (exempt && !notice) {
      problems.error(file, located.at([...path, "exempt"]), "schema/missing", `agenda item ${label} is not for publication, but committee '${committee.id}' has no exempt_notice to explain it on the agenda`, `add 'exempt_notice: {heading: …}' to data/committees/${committee.id}.yaml (see docs/content-format.md)`);
    }
    if (item.paper && usedPapers.has(item.paper)) {
      // One paper on two items could put an exempt paper on a public item.
      problems.error(file, located.at([...path, "paper"]), "agenda/duplicate-paper", `agenda item ${label} uses paper '${item.paper}', which an earlier item already uses`, "a paper belongs to one agenda item: make a separate paper for this item");
    } else if (item.paper) {
      usedPapers.add(item.paper);
      // Checked in every build, public too; a body with its own marking ("Official Sensitive") need not cite Schedule 12A.
      if (exempt && view.paragraphs.length === 0 && !notice?.marking) {
        problems.error(file, located.at([...path, "exempt", "paragraphs"]), "exempt/paragraph", `agenda item ${label} has an exempt paper but names no paragraph of Schedule 12A`, "list the paragraph(s) that apply, 1 to 7: exempt: {paragraphs: [3]}");
      }
      const paperFile = join(dir, "papers", `${item.paper}.md`);
      if (!existsSync(paperFile)) {
        const known = contentFiles(join(dir, "papers"), ".md").map((f) => f.replace(/\.md$/, ""));
        const suggestion = closest(item.paper, known);
        problems.error(file, located.at([...path, "paper"]), "ref/paper", `agenda item ${label} points at paper '${item.paper}', but papers/${item.paper}.md does not exist`, suggestion ? `did you mean '${suggestion}'?` : `papers: ${known.join(", ") || "(none)"}`);
      } else if (!exempt || ctx.restricted) {
        const paper = await buildPaper(paperFile, { slug: item.paper, meetingId: id, meetingDate: meeting.date, itemNumber: number, resolveShared, exempt }, ctx);
        if (paper) {
          const withDefaults = { ...paper, divisions: paper.divisions ?? committee.divisions?.default };
          view.paper = withDefaults;
          papers.push(withDefaults);
        }
      } else {
        // Public build: an exempt paper is read (never rendered) so the leak check knows its words.
        collectExemptPaper(paperFile, join(ctx.root, "data", "meetings", id, `${item.paper}.yaml`), ctx);
      }
    }
    items.push(view);
  }
  if (existsSync(join(dir, "papers"))) {
    for (const f of contentFiles(join(dir, "papers"), ".md")) {
      if (!usedPapers.has(f.replace(/\.md$/, ""))) {
        problems.warn(join(dir, "papers", f), undefined, "paper/unused", `paper '${f}' is not on the agenda`, "add an agenda item with 'paper: " + f.replace(/\.md$/, "") + "' or remove the file");
      }
    }
  }

  const contact = meeting.contact ?? committee.contact;
  const dateText = formatDate(meeting.date, { weekday: true });
  const publicItems = items.filter((i) => !i.exempt);
  const exemptItems = items.filter((i) => i.exempt);
  const noticeText = notice ? { heading: notice.heading, subtitle: notice.subtitle, statement: notice.statement, resolution: notice.resolution } : undefined;
  return {
    id,
    committee: committeeView(committee),
    date: meeting.date,
    dateText,
    start,
    startText: formatTime(start),
    venue: { room: venue.room ?? "", building: venue.building ?? "", town: venue.town ?? "", postcode: venue.postcode ?? "", online: venue.online, text: venueText(venue), short: venueShortText(venue) },
    contact,
    notices: committee.notices.map((n) => ({ heading: n.heading, body: parseMarkdown(ctx.markdown, n.body, plainEnv(() => {}, resolveShared), { inline: false }) })),
    exemptNotice: noticeText,
    publicItems,
    exemptItems,
    items: [...publicItems, ...exemptItems],
    agendaRows: placement === "in-place" ? items : publicItems,
    exemptSection: placement === "end" && noticeText && exemptItems.length ? { ...noticeText, items: exemptItems } : undefined,
    exemptNote: placement === "in-place" && notice && exemptItems.length ? { heading: notice.heading, statement: notice.statement } : undefined,
    papers,
    runningHead: cssString(`${committee.name} · ${formatDate(meeting.date)}`),
    url: `/meetings/${id}/`,
    packPdf: `/meetings/${id}/agenda-pack-${id}.pdf`,
    title: `${committee.name}, ${formatDate(meeting.date)}`,
  };
}

/**
 * When a meeting cannot be read, its papers are still checked on their own, so one run reports every
 * problem. References to meeting facts cannot be resolved then, and are accepted.
 */
async function checkPapersAlone(dir: string, meetingId: string, ctx: Context): Promise<void> {
  const papersDir = join(dir, "papers");
  if (!existsSync(papersDir)) return;
  for (const name of contentFiles(papersDir, ".md")) {
    await buildPaper(join(papersDir, name), {
      slug: name.replace(/\.md$/, ""),
      meetingId,
      meetingDate: /^\d{4}-\d{2}-\d{2}$/.test(meetingId) ? meetingId : "1970-01-01",
      itemNumber: 0,
      exempt: true, // unknown here: never let an exempt paper's check fail for that
      resolveShared: () => ({ text: "" }),
    }, ctx);
  }
}

/** Remember the words of an exempt paper and its data file without building it. */
function collectExemptPaper(paperFile: string, dataFile: string, ctx: Context): void {
  try {
    ctx.exemptText.addProse(readText(paperFile, ctx.root), "markdown", paperFile);
    if (existsSync(dataFile)) ctx.exemptText.addProse(readText(dataFile, ctx.root), "yaml", dataFile);
  } catch (error) {
    ctx.problems.error(paperFile, undefined, "file/unreadable", `cannot read the exempt paper: ${(error as Error).message}`);
  }
}

/** References: committee prefix, the meeting's year, unique, and consecutive in the order meeting.yaml lists them. */
function checkReferences(entries: AgendaEntry[], committee: Committee, meetingDate: string, located: Located, file: string, problems: Problems): void {
  if (committee.references === "none") return; // checkItemReference reports any reference given
  const seen = new Map<string, string>();
  let previous: number | undefined;
  for (const entry of [...entries].sort((a, b) => sourceOrder(a.path, b.path))) {
    const ref = entry.input.ref;
    if (!ref) continue;
    const at = located.at([...entry.path, "ref"]);
    const [prefix, sequence, year] = ref.split("/");
    if (committee.short && prefix !== committee.short) problems.error(file, at, "ref/prefix", `report reference ${ref} should start with ${committee.short}/`);
    if (year !== meetingDate.slice(2, 4)) problems.error(file, at, "ref/year", `report reference ${ref} is not of the meeting's year (${meetingDate.slice(0, 4)})`, `end it with /${meetingDate.slice(2, 4)}`);
    if (seen.has(ref)) problems.error(file, at, "ref/duplicate", `report reference ${ref} is used twice (also item ${seen.get(ref)} of the agenda)`);
    seen.set(ref, entry.label);
    const n = Number(sequence);
    if (previous !== undefined && n !== previous + 1) {
      problems.error(file, at, "ref/sequence", `report reference ${ref} is out of sequence: the previous paper was number ${previous}`, `use ${prefix}/${String(previous + 1).padStart(2, "0")}/${year}`);
    }
    previous = n;
  }
}

/** Order of two places in meeting.yaml: ["agenda", i] before ["agenda", i, "items", j]. */
function sourceOrder(a: Array<string | number>, b: Array<string | number>): number {
  const at = (p: Array<string | number>, i: number) => (typeof p[i] === "number" ? (p[i] as number) : -1);
  return at(a, 1) - at(b, 1) || at(a, 3) - at(b, 3);
}

/** Whether an item's reference is as its committee wants: required on papers, or not used at all. */
function checkItemReference(entry: AgendaEntry, committee: Committee, meetingDate: string, located: Located, file: string, problems: Problems): void {
  const { input, label, path } = entry;
  if (committee.references === "required" && input.kind === "paper" && !input.ref) {
    problems.error(file, located.at(path), "agenda/missing-ref", `agenda item ${label} is a paper but has no report reference`, `add 'ref: ${committee.short ?? "ABC"}/NN/${meetingDate.slice(2, 4)}', or set 'references: optional' in the committee file if its papers need none`);
  }
  if (committee.references === "none" && input.ref) {
    problems.error(file, located.at([...path, "ref"]), "schema/invalid", `agenda item ${label} has a report reference, but committee '${committee.id}' does not use them (references: none)`, "remove 'ref:', or set 'references: optional' in the committee file");
  }
}

/**
 * The meeting's venue: the one it names, or the committee's only one. A committee with several venues
 * has no default: a meeting that names none is an error, never silently the first.
 */
function meetingVenue(meeting: MeetingInput, committee: Committee, located: Located, file: string, problems: Problems): Venue | undefined {
  const keys = Object.keys(committee.venues);
  if (meeting.venue === undefined) {
    if (keys.length === 1) return committee.venues[keys[0]!];
    problems.error(file, located.at([]), "schema/missing", keys.length ? `the meeting has no venue, and committee '${committee.id}' has ${keys.length}: ${keys.join(", ")}` : `the meeting has no venue, and committee '${committee.id}' has none`, keys.length ? `add 'venue: ${keys[0]}' (or another of them)` : `add a venue under 'venues:' in data/committees/${committee.id}.yaml`);
    return undefined;
  }
  const venue = Object.hasOwn(committee.venues, meeting.venue) ? committee.venues[meeting.venue] : undefined;
  if (!venue) {
    const suggestion = closest(meeting.venue, keys);
    problems.error(file, located.at(["venue"]), "ref/venue", `there is no venue '${meeting.venue}' in the committee file`, suggestion ? `did you mean '${suggestion}'? (venues: ${keys.join(", ")})` : `venues: ${keys.join(", ") || "(none)"}`);
  }
  return venue;
}

/** What a committee's pages say about it: its words, with what it leaves out left out. */
function committeeView(committee: Committee): CommitteeView {
  const noun = nounOf(committee);
  return {
    id: committee.id, name: committee.name, short: committee.short, host: committee.host, quorum: committee.quorum,
    noun, members: `${noun.toLowerCase()} members`, divisionsLabel: committee.divisions?.label ?? DEFAULT_DIVISIONS_LABEL,
  };
}

/**
 * Text for a quoted CSS string in a <style> element, where HTML escapes are not read: "Commissioner's"
 * stays an apostrophe, and no quote, backslash, line break or '<' can end the string or the element.
 */
function cssString(text: string): string {
  return text.replace(/[\\"<>\n]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `);
}

/** How an exempt item is described: under Schedule 12A paragraphs where it names them, else the committee's marking. */
function exemptWording(entry: AgendaEntry, marking: string | undefined): Pick<AgendaItemView, "restriction" | "exemptBasis"> {
  if (!entry.exempt) return {};
  return { restriction: restriction(entry.paragraphs, marking), exemptBasis: exemptBasis(entry.paragraphs, marking) };
}

/** The running header of an item's printed pages: "NOT FOR PUBLICATION · Schedule 12A paragraph 3 · Agenda item 16 · EPFCP/38/22". */
function runningHead(entry: AgendaEntry, ref: string | undefined, marking: string | undefined): string {
  return [entry.exempt ? exemptRunningHead(entry.paragraphs, marking) : undefined, `Agenda item ${entry.label}`, ref].filter(Boolean).join(" · ");
}

interface PaperPlace {
  exempt: boolean;
  slug: string;
  meetingId: string;
  meetingDate: string;
  itemNumber: number;
  resolveShared(type: string, id: string): { text: string } | null;
}

async function buildPaper(file: string, place: PaperPlace, ctx: Context): Promise<PaperView | undefined> {
  const { problems } = ctx;
  let text: string;
  try {
    text = readText(file, ctx.root);
  } catch (error) {
    problems.error(file, undefined, "file/unreadable", `cannot read the paper: ${(error as Error).message}`);
    return undefined;
  }
  problems.remember(file, text);
  let document;
  try {
    document = parseFrontMatter(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError) {
      problems.error(file, error.position, "yaml/front-matter", error.message);
      return undefined;
    }
    throw error;
  }
  const frontMatter = validate(paperFrontMatterSchema, document.frontMatter, file, problems);
  if (!frontMatter) return undefined;
  if (frontMatter.exempt && !place.exempt) {
    problems.error(file, document.frontMatter.at(["exempt"]), "exempt/public-item", "this paper is marked exempt, but its agenda item is public", "mark the agenda item exempt too (exempt: {paragraphs: [...]}), or remove 'exempt' from the paper");
  }
  // What is exempt is decided once, by the parser that renders the body. The public build blanks exempt
  // appendices before anything else reads the body (their words kept for the leak check).
  const bodyAt = (line: number, column: number) => ({ line: line + document.bodyLine - 1, column });
  const exemption = planExemption(ctx.markdown, document.body);
  for (const p of exemption.problems) problems.error(file, bodyAt(p.line, p.column), p.rule, p.message, p.hint);
  let markdownBody = document.body;
  if (!ctx.restricted) {
    const removed = publicBody(markdownBody, exemption);
    markdownBody = removed.body;
    ctx.exemptText.addProse(removed.removed.join("\n"), "markdown", file);
  }
  const kind = KINDS.get(frontMatter.kind);
  if (!kind) {
    const suggestion = closest(frontMatter.kind, [...KINDS.keys()]);
    problems.error(file, document.frontMatter.at(["kind"]), "paper/kind", `there is no report kind '${frontMatter.kind}'`, suggestion ? `did you mean '${suggestion}'?` : `kinds: ${[...KINDS.keys()].join(", ")}`);
    return undefined;
  }
  const dataFile = join(ctx.root, "data", "meetings", place.meetingId, `${place.slug}.yaml`);
  const data = existsSync(dataFile) ? readYaml(dataFile, problems, ctx.root) : undefined;
  if (!place.exempt) {
    // The paper as the public reads it (its data file holds exempt cells by design, so it is left to the leak check).
    ctx.publicSources.push({ file, text: [...text.split("\n").slice(0, document.bodyLine - 1), markdownBody].join("\n") });
  }
  if (existsSync(dataFile) && !data) return undefined;

  const body = await kind.buildBody({
    slug: place.slug,
    meetingId: place.meetingId,
    paperFile: file,
    meetingDate: place.meetingDate,
    restricted: Boolean(ctx.restricted),
    exemptText: ctx.exemptText,
    exemption,
    itemNumber: place.itemNumber,
    frontMatter,
    body: markdownBody,
    data,
    dataFile: data ? dataFile : undefined,
    problems,
    markdown: ctx.markdown,
    report: (line, column, rule, message, hint) => problems.error(file, bodyAt(line, column), rule, message, hint),
    resolveShared: place.resolveShared,
  });
  const url = `/meetings/${place.meetingId}/${place.slug}/`;
  for (const { file: csvFile, content } of [...body.csv, ...body.images]) ctx.downloads.set(`${url}${csvFile}`, content);
  return {
    slug: place.slug,
    kind: kind.name,
    title: frontMatter.title,
    cover: frontMatter.cover,
    author: frontMatter.author,
    dateText: formatDate(frontMatter.date ?? place.meetingDate),
    forText: frontMatter.for ? PURPOSES[frontMatter.for] : DEFAULT_PURPOSE,
    enquiries: frontMatter.enquiries,
    divisions: frontMatter.divisions,
    recommendations: frontMatter.recommendations,
    body: body.page,
    packBody: body.pack,
    headings: body.headings,
    contents: contentsOf(body.headings),
    charts: body.charts,
    exemptPages: ctx.restricted ? exemptPagesOf(exemption.appendices.map((a) => a.paragraphs)) : [],
    url,
    pdf: `${url}${place.slug}.pdf`,
  };
}

/** One named print page per set of paragraphs among a paper's exempt appendices, with its running header. */
function exemptPagesOf(sets: number[][]): PaperView["exemptPages"] {
  const unique = new Map(sets.map((paragraphs) => [paragraphs.join(","), paragraphs]));
  return [...unique].map(([attribute, paragraphs]) => ({ attribute, runningHead: exemptRunningHead(paragraphs) }));
}

/** A paper page's contents list: its sections and appendices, when it has more than two headings to list. */
function contentsOf(headings: Heading[]): PaperView["contents"] {
  if (headings.length <= 2) return undefined;
  return headings.filter((h) => h.level === 2).map((h) => ({ id: h.id, text: h.number ? `${h.number}${h.appendix ? ":" : "."} ${h.text}` : h.text }));
}
