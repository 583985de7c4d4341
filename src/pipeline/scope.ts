/**
 * `check` and `build` limited to some meetings (`--meeting <folder>`) or to a committee's meetings
 * (`--committee <id>`): which meetings that is, and which problems belong to it.
 *
 * A scoped check reports the scoped meetings' problems and those of the shared files they read (their
 * committee file, action logs): a meeting's own collector already holds the files it read, so only the
 * committee files, which every build loads, need filtering here.
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { Problems } from "../content/problems.ts";
import { contentFiles } from "../lib/files.ts";
import { meetingFolders, readYaml } from "./load.ts";

export interface ScopeRequest {
  /** Meeting folders (content/meetings/<folder>), as given: a folder name or its path. */
  meetings?: readonly string[];
  /** Committee ids (data/committees/<id>.yaml). */
  committees?: readonly string[];
}

export interface Scope {
  /** The meetings in scope, in folder order. */
  meetings: string[];
  /** Their committees, as their meeting.yaml files name them; undefined when one of them could not be read. */
  committees: ReadonlySet<string> | undefined;
}

/** A scope that names no meeting or committee of the project: a usage mistake, with the known ones listed. */
export class ScopeError extends Error {}

/** Whether the request limits the run at all. */
export function isScoped(request: ScopeRequest): boolean {
  return (request.meetings?.length ?? 0) + (request.committees?.length ?? 0) > 0;
}

/** The meetings a request names; a name the project does not have is a ScopeError listing the ones it has. */
export function resolveScope(root: string, request: ScopeRequest): Scope {
  const folders = meetingFolders(root);
  const committeeOf = new Map(folders.map((id) => [id, meetingCommittee(root, id)]));
  const chosen = new Set<string>();
  for (const given of request.meetings ?? []) {
    const id = meetingId(given);
    if (!folders.includes(id)) throw new ScopeError(`there is no meeting '${given}' (content/meetings/${id}/); the meetings are: ${listed(folders)}`);
    chosen.add(id);
  }
  const known = knownCommittees(root);
  for (const committee of request.committees ?? []) {
    if (!known.includes(committee)) throw new ScopeError(`there is no committee '${committee}' (data/committees/${committee}.yaml); the committees are: ${listed(known)}`);
    const theirs = folders.filter((id) => committeeOf.get(id) === committee);
    if (theirs.length === 0) throw new ScopeError(`committee '${committee}' has no meetings (no content/meetings/*/meeting.yaml says 'committee: ${committee}')`);
    for (const id of theirs) chosen.add(id);
  }
  const meetings = folders.filter((id) => chosen.has(id));
  const committees = meetings.map((id) => committeeOf.get(id));
  return { meetings, committees: committees.every((c) => c !== undefined) ? new Set(committees as string[]) : undefined };
}

/**
 * The problems a scoped check reports: every problem, except those in the committee files of committees
 * outside the scope. (Out-of-scope meetings were not built, so none of their problems were found.)
 */
export function problemsInScope(problems: Problems, root: string, scope: Scope): Problems {
  const committeesDir = join(root, "data", "committees");
  const outside = (file: string): boolean => {
    const rel = relative(committeesDir, file);
    if (rel.startsWith("..") || !rel.endsWith(".yaml") || scope.committees === undefined) return false;
    return !scope.committees.has(rel.replace(/\.yaml$/, ""));
  };
  const kept = new Problems();
  for (const [file, text] of problems.texts()) kept.remember(file, text);
  for (const problem of problems.list) if (!outside(problem.file)) kept.add(problem);
  return kept;
}

/** A folder name from what a person may type: `2024-05-16`, `content/meetings/2024-05-16/`. */
function meetingId(given: string): string {
  return given.replace(/[\\/]+$/, "").replace(/^(\.[\\/])?content[\\/]meetings[\\/]/, "");
}

/** The committee a meeting's meeting.yaml names, if it can be read (its problems are the build's to report). */
export function meetingCommittee(root: string, id: string): string | undefined {
  const file = join(root, "content", "meetings", id, "meeting.yaml");
  if (!existsSync(file)) return undefined;
  const committee = readYaml(file, new Problems(), root)?.value;
  const named = committee !== null && typeof committee === "object" && "committee" in committee ? committee.committee : undefined;
  return typeof named === "string" ? named : undefined;
}

function knownCommittees(root: string): string[] {
  const dir = join(root, "data", "committees");
  return existsSync(dir) ? contentFiles(dir, ".yaml").map((f) => f.replace(/\.yaml$/, "")).sort() : [];
}

function listed(names: readonly string[]): string {
  return names.length > 0 ? names.join(", ") : "(none)";
}
