/**
 * `panelpress new`: start a committee, a meeting or a paper from a valid, commented skeleton instead of copying an old
 * one by hand. Files are planned first (pure), then written only if none of them exists: nothing is
 * ever overwritten, and a refused scaffold leaves the project as it was.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse as parseYamlText } from "yaml";
import { isoDate } from "../content/validate.ts";
import { committeeSchema, nounOf, type Committee } from "../model/committee.ts";
import { dataSchemaFileFor, modeline } from "../schemas/index.ts";
import { fileKind, formatYaml } from "../fmt/index.ts";
import { KINDS } from "../kinds/index.ts";
import { agendaEntry, committeeYaml, frontMatter, meetingYaml, paperBody, paperData, paperKinds } from "./templates.ts";

export { PAPER_KINDS, paperKinds } from "./templates.ts";

/** A mistake in what was asked (bad date, unknown kind, a file already there): reported, nothing written. */
export class ScaffoldError extends Error {}

export interface PlannedFile {
  /** Relative to the project root. */
  path: string;
  content: string;
  /** True when the file exists and is changed (meeting.yaml gaining an agenda entry). */
  update?: boolean;
}

/** A meeting of a committee: `committeeId`, or the project's only committee (with several, it must be named). */
export function planMeeting(root: string, date: string, committeeId?: string): PlannedFile[] {
  if (!isoDate.safeParse(date).success) throw new ScaffoldError(`'${date}' is not a date: write it as YYYY-MM-DD, e.g. 2023-02-07`);
  const committee = readCommittee(root, committeeId);
  const folder = `content/meetings/${date}`;
  const facts = { committee: committee.id, noun: nounOf(committee), date, start: committee.default_start, venues: Object.keys(committee.venues), modeline: modeline(folder, "meeting.json") };
  return [{ path: `${folder}/meeting.yaml`, content: meetingYaml(facts) }];
}

export interface CommitteeRequest {
  id: string;
  name: string;
  short?: string;
  noun?: string;
  host?: string;
  /** 24-hour start time; default 10:00. */
  start?: string;
  /** The platform of a body that meets online ("Microsoft Teams"). */
  online?: string;
}

/** A committee file with only what the body needs (see committeeYaml). */
export function planCommittee(root: string, request: CommitteeRequest): PlannedFile[] {
  const start = request.start ?? "10:00";
  const checks: Array<[boolean, string]> = [
    [/^[a-z0-9-]+$/.test(request.id), `'${request.id}' cannot name a committee: use lower-case letters, digits and hyphens`],
    [request.name.trim() !== "", "give the committee's name: --name \"Strategic Board\""],
    [request.short === undefined || /^[A-Z]+$/.test(request.short), `--short '${request.short}' should be capital letters only (report references start with it)`],
    [/^([01]\d|2[0-3]):[0-5]\d$/.test(start), `--start '${start}' should be a 24-hour time, e.g. 14:00`],
  ];
  const failed = checks.find(([ok]) => !ok);
  if (failed) throw new ScaffoldError(failed[1]);
  const folder = "data/committees";
  const content = committeeYaml({ ...request, name: request.name.trim(), start, modeline: modeline(folder, "committee.json") });
  // The scaffold must be what the checker accepts: a mistake here is ours, not the author's.
  const parsed = committeeSchema.safeParse(parseYamlText(content));
  if (!parsed.success) throw new ScaffoldError(`the new committee file would not be valid: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  return [{ path: `${folder}/${request.id}.yaml`, content }];
}

export interface PaperRequest {
  meeting: string;
  kind: string;
  /** The paper's file name without .md; default: the next agenda position and the kind, e.g. 17-paper. */
  slug?: string;
  title?: string;
}

export function planPaper(root: string, request: PaperRequest): PlannedFile[] {
  const kind = KINDS.get(request.kind);
  if (!kind) throw new ScaffoldError(`there is no report kind '${request.kind}': use one of ${paperKinds().join(", ")}`);
  const meetingPath = `content/meetings/${request.meeting}/meeting.yaml`;
  if (!existsSync(join(root, meetingPath))) {
    throw new ScaffoldError(`there is no meeting ${request.meeting} (${meetingPath}): start one with 'panelpress new meeting ${request.meeting}'`);
  }
  const meetingText = readFileSync(join(root, meetingPath), "utf8");
  const meeting = parseYamlText(meetingText) as { committee?: string; agenda?: Array<{ ref?: string }> } | null;
  const agenda = meeting?.agenda ?? [];
  const committee = readCommittee(root, meeting?.committee);
  const slug = request.slug ?? `${String(agenda.length + 1).padStart(2, "0")}-${kind.scaffold.slug ?? kind.name}`;
  if (!/^[a-z0-9-]+$/.test(slug)) throw new ScaffoldError(`'${slug}' cannot name a paper: use lower-case letters, digits and hyphens`);
  const title = request.title ?? "Title of the report";
  const noun = nounOf(committee);
  const dataFolder = `data/meetings/${request.meeting}`;
  const dataPath = `${dataFolder}/${slug}.yaml`;
  const contact = committee.contact;
  return [
    {
      path: `content/meetings/${request.meeting}/papers/${slug}.md`,
      content: frontMatter({
        kind: kind.name, title, date: request.meeting, author: committee.host ?? committee.name, contactName: contact.name, contactRole: contact.role, contactEmail: contact.email, noun,
        divisions: committee.divisions?.default ? { label: committee.divisions.label, value: committee.divisions.default } : undefined,
      }) + inCommitteeWords(paperBody(kind, dataPath), noun),
    },
    { path: dataPath, content: paperData(kind, modeline(dataFolder, dataSchemaFileFor(kind.name)), request.meeting) },
    { path: meetingPath, content: appendAgendaItem(meetingText, agendaEntry("", title, committee.short && committee.references !== "none" ? nextRef(agenda, committee.short, request.meeting) : undefined, slug)), update: true },
  ];
}

/** Write planned files, refusing if any new one already exists (so nothing is half-done or overwritten). */
export function writePlanned(root: string, files: PlannedFile[]): void {
  const existing = files.filter((f) => !f.update && existsSync(join(root, f.path)));
  if (existing.length) throw new ScaffoldError(`${existing.map((f) => f.path).join(", ")} already exist${existing.length === 1 ? "s" : ""}: nothing was written (choose another name, or edit the file)`);
  for (const file of files) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.update ? file.content : canonical(file.path, file.content));
  }
}

/**
 * A new YAML file as `panelpress fmt` would write it, so every scaffold passes `fmt --check` whoever wrote
 * its text (a kind's example data included). A file being added to is left as its author wrote it.
 */
export function canonical(path: string, content: string): string {
  return path.endsWith(".yaml") ? formatYaml(content, fileKind(path)) : content;
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

/**
 * Kinds' example text says "the Panel" for the body a paper goes to; a paper of another body says its
 * own noun ("That the Board notes the report").
 */
export function inCommitteeWords(text: string, noun: string): string {
  return text.replace(/\bthe Panel\b/g, `the ${noun}`);
}

/** The committee named, or the project's only one: with several, none is chosen for the author. */
function readCommittee(root: string, id?: string): Committee {
  const dir = join(root, "data", "committees");
  const ids = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f) => f.replace(/\.yaml$/, "")).sort() : [];
  if (id === undefined && ids.length > 1) throw new ScaffoldError(`there are ${ids.length} committees (${ids.join(", ")}): name one with --committee <id>`);
  const chosen = id ?? ids[0];
  if (!chosen || !ids.includes(chosen)) throw new ScaffoldError(`there is no committee file data/committees/${chosen ?? "<committee>"}.yaml${ids.length ? ` (committees: ${ids.join(", ")})` : ": start one with 'panelpress new committee <id> --name \"…\"'"}`);
  const parsed = committeeSchema.safeParse(parseYamlText(readFileSync(join(dir, `${chosen}.yaml`), "utf8")));
  if (!parsed.success) throw new ScaffoldError(`data/committees/${chosen}.yaml has mistakes: run 'panelpress check' first`);
  return parsed.data;
}
