/**
 * The text of scaffolded files. Each starts valid (a fresh scaffold passes `panelpress check`), with a
 * comment on every field saying what it is for, so an author edits rather than invents. A paper's body
 * and data file are its kind's (ReportKind.scaffold, in the kind's folder).
 */
import { KINDS } from "../kinds/index.ts";
import type { ReportKind } from "../kinds/kind.ts";

/** The kinds a paper can be started as: the registry's, read when asked (so a kind registered later is one). */
export function paperKinds(): string[] {
  return [...KINDS.keys()];
}

/** The kinds registered when this module loaded (the shipped ones), for usage text; paperKinds() is current. */
export const PAPER_KINDS: readonly string[] = paperKinds();

export interface MeetingFacts {
  committee: string;
  /** What the body calls itself: "Panel", "Board". */
  noun: string;
  date: string;
  start: string;
  /** The committee's venue keys; the first is written, the others named in its comment. */
  venues: string[];
  modeline: string;
}

export function meetingYaml(m: MeetingFacts): string {
  const venues = m.venues.length > 1 ? `one of the committee's venues: ${m.venues.join(" | ")}` : `the committee's venue (data/committees/${m.committee}.yaml)`;
  return `${m.modeline}
# A meeting of the ${m.noun}. Item numbers, weekdays and page ranges are generated: never type them.
committee: ${m.committee} # the committee file under data/committees/ (without .yaml)
date: ${m.date} # the meeting date, YYYY-MM-DD; it must match this folder's name
start: "${m.start}" # 24-hour time in quotes; printed "2:00pm"
venue: ${m.venues[0] ?? ""} # ${venues}
# previous_meeting: YYYY-MM-DD                     # optional: the date of the last meeting
# next_meeting: {date: YYYY-MM-DD, start: "10:00"} # optional: quoted in papers as [@meeting:next_meeting]
agenda: # the items in order; 'panelpress new paper ${m.date} <kind>' adds one
  - title: Apologies and Declarations of Interest
    kind: procedural # paper (has a report) | verbal (an oral update) | procedural (no report)
`;
}

export interface PaperFacts {
  kind: string;
  title: string;
  date: string;
  author: string;
  contactName: string;
  contactRole: string;
  contactEmail?: string;
  /** What the body calls itself: "Panel", "Board". */
  noun: string;
  /** The committee's divisions row and its default, when it has one. */
  divisions?: { label: string; value: string };
}

/** The comment after each front matter field, in the committee's words. */
function fieldNotes(p: PaperFacts) {
  return {
    title: "the report title, as on the agenda and the cover sheet",
    cover: "report (the cover table) | democratic (membership, minutes) | none",
    author: "who the report is from",
    for: `what the ${p.noun.toLowerCase()} is asked to do: noting | noting-and-comment | consideration | decision`,
    enquiries: "who to contact about the report (name, role, and optionally email and phone)",
    divisions: `the cover sheet's '${p.divisions?.label ?? ""}' row`,
    numbering: "none | sections (1., 2.) | paragraphs (1.1, 1.2): numbers are generated, never typed",
  } as const;
}

/** Front matter: the paper's cover sheet. A comment after every field explains it; a row the committee does not use is not written. */
export function frontMatter(p: PaperFacts): string {
  const notes = fieldNotes(p);
  const email = p.contactEmail ? `\n    email: ${p.contactEmail}` : "";
  const divisions = p.divisions ? `divisions: ${yamlText(p.divisions.value)}   # ${notes.divisions}\n` : "";
  return `---
title: ${yamlText(p.title)}   # ${notes.title}
kind: ${p.kind}   # the report kind: ${paperKinds().join(" | ")}
cover: report   # ${notes.cover}
author: ${yamlText(p.author)}   # ${notes.author}
for: noting   # ${notes.for}
enquiries:   # ${notes.enquiries}
  - name: ${yamlText(p.contactName)}
    role: ${yamlText(p.contactRole)}${email}
${divisions}numbering: paragraphs   # ${notes.numbering}
# date: ${p.date}   # optional: the report date (defaults to the meeting date)
---
`;
}

/** The Markdown body of a new paper: its kind's example. */
export function paperBody(kind: ReportKind, dataFile: string): string {
  return kind.scaffold.body(dataFile);
}

/** The data file of a new paper: the modeline naming its schema for the editor, then its kind's example. */
export function paperData(kind: ReportKind, modeline: string, meetingDate: string): string {
  return `${modeline}\n${kind.scaffold.data(meetingDate)}`;
}

/** The agenda entry appended to meeting.yaml for a new paper; without a reference where the committee uses none. */
export function agendaEntry(indent: string, title: string, ref: string | undefined, slug: string): string {
  return [
    `${indent}- title: ${yamlText(title)}`,
    ...(ref ? [`${indent}  ref: ${ref} # the report reference: the next number after the previous paper's`] : []),
    `${indent}  kind: paper`,
    `${indent}  paper: ${slug} # the file content/meetings/<date>/papers/${slug}.md`,
  ].join("\n");
}

export interface CommitteeFacts {
  id: string;
  name: string;
  /** Report references start with it; none: the body's papers have no references. */
  short?: string;
  noun?: string;
  host?: string;
  start: string;
  /** An online body: its platform; otherwise a room to fill in. */
  online?: string;
  modeline: string;
}

/**
 * A new committee file with only what every body needs (name, start time, a venue, a contact) and what
 * was asked for; the optional parts (quorum, notices, exempt items, divisions) as comments to uncomment.
 */
export function committeeYaml(c: CommitteeFacts): string {
  const lines = [
    c.modeline,
    `# ${c.name}: who it is, where it meets and who to contact. Every agenda and paper of it reads this file.`,
    "# Add what the body uses when it needs it (docs/content-format.md): quorum, notices (blocks on the front",
    "# of every agenda pack), exempt_notice (before its first item not for publication), divisions.",
    `id: ${c.id} # the file's name, used as 'committee: ${c.id}' in each meeting.yaml`,
    `name: ${yamlText(c.name)} # printed on every agenda, cover sheet and page`,
    ...(c.noun ? [`noun: ${yamlText(c.noun)} # what it calls itself in a sentence ("That the ${c.noun} notes the report")`] : []),
    ...(c.short
      ? [`short: ${c.short} # report references start with it: ${c.short}/NN/YY`]
      : ["references: none # its papers have no report references (required | optional | none)"]),
    ...(c.host ? [`host: ${yamlText(c.host)} # the authority that publishes its papers, printed above its name`] : []),
    `default_start: "${c.start}" # meetings start at this time unless their meeting.yaml says otherwise`,
    "venues: # where it meets; a meeting names one (a committee with one venue may leave it out)",
    ...(c.online
      ? ["  online-meeting:", `    online: {platform: ${yamlText(c.online)}} # add 'url: https://…' only for a public link`]
      : ["  main:", "    room: Meeting Room 1", "    building: Name of the building", "    town: Town", "    postcode: AB1 2CD # leave out what does not apply; add 'online: {platform: …}' for hybrid meetings"]),
    "contact: # who the public asks about a meeting",
    "  name: Name of the secretary",
    "  role: Secretary",
    "",
  ];
  return lines.join("\n");
}

/** A plain scalar when safe, else a double-quoted YAML string. */
export function yamlText(text: string): string {
  return /^[A-Za-z0-9][^:#{}\[\],&*!|>'"%@`]*$/.test(text) && !/\s$/.test(text) ? text : JSON.stringify(text);
}
