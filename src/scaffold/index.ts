/**
 * `panelpress new`: start a meeting or a paper from a valid, commented skeleton instead of copying an old
 * one by hand. Files are planned first (pure), then written only if none of them exists: nothing is
 * ever overwritten, and a refused scaffold leaves the project as it was.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse as parseYamlText } from "yaml";
import { isoDate } from "../pipeline/validate.ts";
import { committeeSchema, type Committee } from "../model/committee.ts";
import { dataSchemaFileFor, modeline } from "../schemas/index.ts";
import { agendaEntry, frontMatter, meetingYaml, paperBody, paperData, PAPER_KINDS, type PaperKind } from "./templates.ts";

export { PAPER_KINDS, type PaperKind } from "./templates.ts";

/** A mistake in what was asked (bad date, unknown kind, a file already there): reported, nothing written. */
export class ScaffoldError extends Error {}

export interface PlannedFile {
  /** Relative to the project root. */
  path: string;
  content: string;
  /** True when the file exists and is changed (meeting.yaml gaining an agenda entry). */
  update?: boolean;
}

export function planMeeting(root: string, date: string, committeeId?: string): PlannedFile[] {
  if (!isoDate.safeParse(date).success) throw new ScaffoldError(`'${date}' is not a date: write it as YYYY-MM-DD, e.g. 2023-02-07`);
  const committee = readCommittee(root, committeeId);
  const folder = `content/meetings/${date}`;
  const venue = Object.keys(committee.venues)[0] ?? "";
  return [
    { path: `${folder}/meeting.yaml`, content: meetingYaml({ committee: committee.id, date, start: committee.default_start, venue, modeline: modeline(folder, "meeting.json") }) },
  ];
}

export interface PaperRequest {
  meeting: string;
  kind: string;
  /** The paper's file name without .md; default: the next agenda position and the kind, e.g. 17-paper. */
  slug?: string;
  title?: string;
}

export function planPaper(root: string, request: PaperRequest): PlannedFile[] {
  if (!(PAPER_KINDS as readonly string[]).includes(request.kind)) {
    throw new ScaffoldError(`there is no report kind '${request.kind}': use one of ${PAPER_KINDS.join(", ")}`);
  }
  const kind = request.kind as PaperKind;
  const meetingPath = `content/meetings/${request.meeting}/meeting.yaml`;
  if (!existsSync(join(root, meetingPath))) {
    throw new ScaffoldError(`there is no meeting ${request.meeting} (${meetingPath}): start one with 'panelpress new meeting ${request.meeting}'`);
  }
  const meetingText = readFileSync(join(root, meetingPath), "utf8");
  const meeting = parseYamlText(meetingText) as { committee?: string; agenda?: Array<{ ref?: string }> } | null;
  const agenda = meeting?.agenda ?? [];
  const committee = readCommittee(root, meeting?.committee);
  const slug = request.slug ?? `${String(agenda.length + 1).padStart(2, "0")}-${kind === "generic" ? "paper" : kind}`;
  if (!/^[a-z0-9-]+$/.test(slug)) throw new ScaffoldError(`'${slug}' cannot name a paper: use lower-case letters, digits and hyphens`);
  const title = request.title ?? "Title of the report";
  const dataFolder = `data/meetings/${request.meeting}`;
  const dataPath = `${dataFolder}/${slug}.yaml`;
  const contact = committee.contact;
  return [
    {
      path: `content/meetings/${request.meeting}/papers/${slug}.md`,
      content: frontMatter({ kind, title, date: request.meeting, author: committee.host, contactName: contact.name, contactRole: contact.role, contactEmail: contact.email }) + paperBody(kind, dataPath),
    },
    { path: dataPath, content: paperData(kind, modeline(dataFolder, dataSchemaFileFor(kind)), request.meeting) },
    { path: meetingPath, content: appendAgendaItem(meetingText, agendaEntry("", title, nextRef(agenda, committee.short, request.meeting), slug)), update: true },
  ];
}

/** Write planned files, refusing if any new one already exists (so nothing is half-done or overwritten). */
export function writePlanned(root: string, files: PlannedFile[]): void {
  const existing = files.filter((f) => !f.update && existsSync(join(root, f.path)));
  if (existing.length) throw new ScaffoldError(`${existing.map((f) => f.path).join(", ")} already exist${existing.length === 1 ? "s" : ""}: nothing was written (choose another name, or edit the file)`);
  for (const file of files) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.content);
  }
}

/** The next report reference: one after the highest of the meeting, of the meeting's year. */
export function nextRef(agenda: Array<{ ref?: string }>, short: string, meetingDate: string): string {
  const numbers = agenda.map((item) => /^[A-Z]+\/(\d+)\/\d{2}$/.exec(item.ref ?? "")?.[1]).filter((n) => n !== undefined).map(Number);
  const next = numbers.length ? Math.max(...numbers) + 1 : 1;
  return `${short}/${String(next).padStart(2, "0")}/${meetingDate.slice(2, 4)}`;
}

/**
 * Append an item to the `agenda:` list by editing the text, so every other line, comment and layout of
 * meeting.yaml stays exactly as the author left it (a reviewer's diff shows only the new item).
 * `entry` is written at indent 0; it is re-indented to match the list.
 */
export function appendAgendaItem(text: string, entry: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^agenda:\s*(#.*)?$/.test(l));
  if (start < 0) throw new ScaffoldError("meeting.yaml has no 'agenda:' list to add the paper to");
  let end = start + 1; // first line after the agenda block
  while (end < lines.length && (lines[end] === "" || /^[\s#]/.test(lines[end]!))) end++;
  let last = end - 1; // the block's last indented line (blank lines and column-0 comments after it stay after it)
  while (last > start && !/^\s+\S/.test(lines[last]!)) last--;
  const indent = lines.slice(start + 1, end).map((l) => /^(\s*)- /.exec(l)?.[1]).find((i) => i !== undefined) ?? "  ";
  const item = entry.split("\n").map((l) => indent + l);
  const result = [...lines.slice(0, last + 1), ...item, ...lines.slice(last + 1)].join("\n");
  const parsed = parseYamlText(result) as { agenda?: unknown[] };
  const before = (parseYamlText(text) as { agenda?: unknown[] }).agenda?.length ?? 0;
  if (parsed.agenda?.length !== before + 1) throw new ScaffoldError("could not add the agenda entry to meeting.yaml: add it by hand");
  return result;
}

function readCommittee(root: string, id?: string): Committee {
  const dir = join(root, "data", "committees");
  const ids = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => f.replace(/\.yaml$/, "")).sort() : [];
  const chosen = id ?? ids[0];
  if (!chosen || !ids.includes(chosen)) throw new ScaffoldError(`there is no committee file data/committees/${chosen ?? "<committee>"}.yaml`);
  const parsed = committeeSchema.safeParse(parseYamlText(readFileSync(join(dir, `${chosen}.yaml`), "utf8")));
  if (!parsed.success) throw new ScaffoldError(`data/committees/${chosen}.yaml has mistakes: run 'panelpress check' first`);
  return parsed.data;
}
