/**
 * One meeting's view: its meeting.yaml read and checked against its folder and its committee, its venue, its
 * agenda numbered and described (each item's paper built, or, in a public build, an exempt one only read for
 * its words), its notices, and the exempt wording its pages and running heads print.
 */
import { meetingRegister } from "../model/register.ts";
import { existsSync, readFileSync } from "node:fs";
import { contentFiles } from "../lib/files.ts";
import { join } from "node:path";
import { closest, type Problems } from "../content/problems.ts";
import { exemptBasis, exemptRunningHead, restriction } from "../exempt/wording.ts";
import { parseYaml, type Located } from "../content/yaml.ts";
import { validate } from "../content/validate.ts";
import { venueShortText, venueText, type Committee, type Venue } from "../model/committee.ts";
import { meetingSchema, planAgenda, type AgendaEntry, type MeetingInput } from "../model/meeting.ts";
import type { AgendaItemView, MeetingView, PaperView, RecordLinkView } from "../model/view.ts";
import { parseMarkdown, plainEnv } from "../markdown/index.ts";
import { formatDate, formatTime } from "../lib/format.ts";
import { readYaml } from "./load.ts";
import { committeeView, loadCommittee } from "./committee.ts";
import { FactStore } from "../facts/index.ts";
import { checkItemReference, checkReferences, sharedResolver } from "./references.ts";
import { buildPaper, collectExemptPaper, marksItselfExempt, type BuiltPaper } from "./paper.ts";
import { recordItem, recordLabel, recordLink } from "./records.ts";
import { MeetingPapers } from "./meeting-papers.ts";
import type { Context } from "./build.ts";

export async function buildMeeting(id: string, ctx: Context): Promise<MeetingView | undefined> {
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
  // Facts: the meeting's over its committee's ([@fact:…]; src/facts/).
  // The committee file was read and checked before (its own problems): read again for its facts' positions.
  const committeeLocated = Object.keys(committee.facts).length ? parseYaml(readFileSync(committeeFile, "utf8")) : undefined;
  const facts = new FactStore({ file, located, facts: meeting.facts }, { file: committeeFile, located: committeeLocated, facts: committee.facts });
  const resolveShared = sharedResolver(meeting, committee, start, venue, facts);

  // Agenda: numbered in printed order (model/meeting.ts); exempt items at the end or in place, as the committee says.
  const notice = committee.exempt_notice;
  const placement = notice?.placement ?? "end";
  const plan = planAgenda(meeting.agenda, placement);
  for (const p of plan.problems) problems.error(file, located.at(p.path), "schema/invalid", p.message, p.hint);
  checkReferences(plan.entries, committee, meeting.date, located, file, problems);
  // Every paper of the meeting is planned first, so one whose tables take from another's can have it built
  // first (src/pipeline/meeting-papers.ts); each is then listed where the agenda puts it.
  const builds = new MeetingPapers(ctx);
  const place = (number: number, exempt: boolean) => ({ meetingId: id, meetingDate: meeting.date, committeeId: meeting.committee, statuses: committee.statuses, itemNumber: number, figureDistance: committee.figure_distance, resolveShared, facts, exempt });
  for (const { input: item, number, exempt } of plan.entries) {
    const paperFile = join(dir, "papers", `${item.paper}.md`);
    // An exempt item's paper is never built in a public build (it is read for the leak check below).
    if (item.paper && existsSync(paperFile)) builds.plan(item.paper, paperFile, !exempt || ctx.restricted ? { slug: item.paper, ...place(number, exempt) } : undefined);
  }
  const paperFiles = existsSync(join(dir, "papers")) ? contentFiles(join(dir, "papers"), ".md") : [];
  for (const f of paperFiles) {
    const slug = f.replace(/\.md$/, "");
    const paperFile = join(dir, "papers", f);
    const exempt = marksItselfExempt(paperFile, ctx);
    builds.plan(slug, paperFile, !exempt || ctx.restricted ? { slug, ...place(0, exempt) } : undefined);
  }
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
        const built = await builds.build(item.paper);
        if (built) {
          if (built.markedRecord) {
            problems.error(paperFile, undefined, "paper/record", `paper '${item.paper}' says 'record: true', but agenda item ${label} uses it`, "a paper is either an agenda item's or a record of the meeting: remove 'record: true', or take the paper off the agenda");
          }
          const withDefaults = { ...built.view, divisions: built.view.divisions ?? committee.divisions?.default };
          view.paper = withDefaults;
          papers.push(withDefaults);
          publishDownloads(built, ctx);
          if (built.recordOf) ctx.minutesFound.push({ claim: built.recordOf, paper: withDefaults, committeeId: meeting.committee, meetingId: id, itemLabel: label, restriction: view.restriction });
        }
      } else {
        // Public build: an exempt paper is read (never rendered) so the leak check knows its words.
        collectExemptPaper(paperFile, join(ctx.root, "data", "meetings", id, `${item.paper}.yaml`), ctx);
      }
    }
    items.push(view);
  }
  // Every other paper of the meeting is built and checked too: a record is published, the rest only warned about.
  const records: AgendaItemView[] = [];
  const recordLinks: RecordLinkView[] = [];
  for (const f of paperFiles) {
    const slug = f.replace(/\.md$/, "");
    if (usedPapers.has(slug)) continue;
    const paperFile = join(dir, "papers", f);
    const exempt = marksItselfExempt(paperFile, ctx);
    if (exempt && !ctx.restricted) {
      // As an exempt item's paper: read for the leak check, never built into a public build.
      collectExemptPaper(paperFile, join(ctx.root, "data", "meetings", id, `${slug}.yaml`), ctx);
      continue;
    }
    const built = await builds.build(slug);
    if (!built) continue;
    const recordOf = built.recordOf;
    if (built.markedRecord && recordOf && recordOf.meeting !== id) {
      problems.error(recordOf.file, recordOf.at, "minutes/dates", `these minutes are a record of the meeting of ${formatDate(meeting.date)} (the folder they are in), but record the meeting of ${formatDate(recordOf.meeting)}`, `move them to content/meetings/${recordOf.meeting}/papers/, or put them on the agenda of the meeting that approves them`);
      continue;
    }
    if (!built.markedRecord && recordOf?.meeting !== id) {
      problems.warn(paperFile, undefined, "paper/unused", `paper '${f}' is not on the agenda, and is not a record of the meeting`, recordOf
        ? `minutes of the meeting of ${formatDate(recordOf.meeting)} belong on the agenda of the meeting that approves them, or in content/meetings/${recordOf.meeting}/papers/`
        : `add an agenda item with 'paper: ${slug}', mark it 'record: true' to publish it as a record of the meeting, or remove the file`);
      continue;
    }
    const paper = { ...built.view, divisions: built.view.divisions ?? committee.divisions?.default };
    const paragraphs = built.exemptParagraphs;
    const record = recordItem(paper, recordLabel(recordOf), exempt ? { paragraphs: paragraphs ?? [], marking: notice?.marking } : undefined, cssString);
    records.push(record);
    papers.push(paper);
    publishDownloads(built, ctx);
    // Minutes are listed as the meeting's minutes once buildSite has them all (records.ts); other records here.
    if (recordOf) ctx.minutesFound.push({ claim: recordOf, paper, committeeId: meeting.committee, meetingId: id, restriction: record.restriction });
    else recordLinks.push(recordLink(record, paper));
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
    records,
    // Minutes are added by buildSite (records.ts), from whichever meeting publishes them.
    recordLinks,
    runningHead: cssString(`${committee.name} · ${formatDate(meeting.date)}`),
    url: `/meetings/${id}/`,
    packPdf: `/meetings/${id}/agenda-pack-${id}.pdf`,
    title: `${committee.name}, ${formatDate(meeting.date)}`,
    register: meetingRegister({ meeting, entries: plan.entries, items, committee }),
  };
}

/** A published paper's data downloads and images, beside its page. */
function publishDownloads(built: BuiltPaper, ctx: Context): void {
  for (const [path, content] of built.downloads) ctx.downloads.set(path, content);
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
      committeeId: "", // unknown here: a kind reads no committee's shared data
      itemNumber: 0,
      exempt: true, // unknown here: never let an exempt paper's check fail for that
      resolveShared: () => ({ text: "" }),
    }, ctx);
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
