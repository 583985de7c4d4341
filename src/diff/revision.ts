/**
 * A version of the project to compare: a git revision extracted into a temporary folder, or the working
 * tree as it is. Each is built to its data model in process, exactly as `check` builds it (no Eleventy,
 * no PDF, no chart drawing), and its data files are read too, for the values as typed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYamlText } from "yaml";
import { buildSite } from "../pipeline/build.ts";
import type { SiteView } from "../model/view.ts";

export interface Version {
  /** How the version is named in the report: the revision as given, or "the working tree". */
  name: string;
  root: string;
  site: SiteView;
  errorCount: number;
  /** meeting id → item number → paper slug, from meeting.yaml (exempt items have no paper in a public build). */
  paperSlugs: Map<string, Map<number, string>>;
  /** Removes the temporary folder, if there is one. */
  dispose(): void;
}

export class RevisionError extends Error {}

/** Extract `rev` of the repository that holds `root` (the project folder inside it) into a temporary folder. */
export function extractRevision(root: string, rev: string): string {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  let prefix: string;
  try {
    prefix = git("rev-parse", "--show-prefix");
    git("rev-parse", "--verify", "--quiet", `${rev}^{commit}`);
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim();
    throw new RevisionError(`'${rev}' is not a revision of a git repository at ${root}${detail ? `: ${detail}` : ""}`);
  }
  const dir = mkdtempSync(join(tmpdir(), "panelpress-diff-"));
  // `rev:prefix` is the project's folder at that revision; git archive writes it as a tar, tar unpacks it.
  const tar = execFileSync("git", ["archive", "--format=tar", `${rev}:${prefix}`], { cwd: root, maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
  execFileSync("tar", ["-x", "-C", dir], { input: tar });
  // The templates and packages of the revision's build: node_modules is never committed, so link it.
  if (existsSync(join(root, "node_modules")) && !existsSync(join(dir, "node_modules"))) symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** Build the data model of a project folder. */
export async function loadVersion(name: string, root: string, options: { restricted: boolean; dispose?: () => void }): Promise<Version> {
  // A fixed build time: both versions must differ only by their content.
  const { site, problems } = await buildSite({ root, builtAt: new Date(0).toISOString(), restricted: options.restricted });
  return { name, root, site, errorCount: problems.errorCount, paperSlugs: readPaperSlugs(root), dispose: options.dispose ?? (() => {}) };
}

/** Load `rev` (extracted) or, when `rev` is undefined, the working tree. */
export async function openVersion(root: string, rev: string | undefined, restricted: boolean): Promise<Version> {
  if (rev === undefined) return loadVersion("the working tree", root, { restricted });
  const dir = extractRevision(root, rev);
  try {
    return await loadVersion(rev, dir, { restricted, dispose: () => rmSync(dir, { recursive: true, force: true }) });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function readPaperSlugs(root: string): Map<string, Map<number, string>> {
  const out = new Map<string, Map<number, string>>();
  const meetingsDir = join(root, "content", "meetings");
  if (!existsSync(meetingsDir)) return out;
  for (const id of readdirSync(meetingsDir)) {
    const file = join(meetingsDir, id, "meeting.yaml");
    if (!existsSync(file)) continue;
    try {
      const meeting = parseYamlText(readFileSync(file, "utf8")) as { agenda?: Array<{ paper?: unknown; exempt?: unknown }> } | null;
      const agenda = Array.isArray(meeting?.agenda) ? meeting.agenda : [];
      // Numbered as the build numbers them: public items in order, then the exempt ones.
      const ordered = [...agenda.filter((i) => !i?.exempt), ...agenda.filter((i) => i?.exempt)];
      out.set(id, new Map(ordered.flatMap((item, n) => (typeof item?.paper === "string" ? [[n + 1, item.paper] as [number, string]] : []))));
    } catch {
      // A meeting file that does not parse is reported by the version's error count.
    }
  }
  return out;
}

/** A paper's data file, parsed (undefined when there is none or it does not parse). */
export function readData(version: Version, meetingId: string, slug: string): unknown {
  const file = join(version.root, "data", "meetings", meetingId, `${slug}.yaml`);
  if (!existsSync(file)) return undefined;
  try {
    return parseYamlText(readFileSync(file, "utf8"), { maxAliasCount: 100 }) as unknown;
  } catch {
    return undefined;
  }
}

/** A paper's Markdown source, to tell an edited narrative from one whose quoted values moved. */
export function readPaperSource(version: Version, meetingId: string, slug: string): string | undefined {
  const file = join(version.root, "content", "meetings", meetingId, "papers", `${slug}.md`);
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}
