/**
 * Reading a project's files: the meeting folders, YAML (parsed with positions) and a paper's front matter and
 * body. A file that cannot be read (binary, not UTF-8, a link out of the project) or parsed is a problem at its
 * place, never a crash.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { isEditorFile, isInside } from "../lib/files.ts";
import { join } from "node:path";
import type { Problems } from "../content/problems.ts";
import { parseFrontMatter, parseYaml, YamlSyntaxError, type FrontMatterDocument, type Located } from "../content/yaml.ts";

/** The meetings of a project: the folders of content/meetings/, in order. */
export function meetingFolders(root: string): string[] {
  const dir = join(root, "content", "meetings");
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !isEditorFile(d.name)).map((d) => d.name).sort() : [];
}
/**
 * Which meetings' pages depend on each other's files: minutes in one meeting's data (`records: <date>`)
 * are shown on the page of the meeting they record (src/pipeline/records.ts); a meeting moved to another
 * date (`cancelled: {moved_to: <date>}`) links to the meeting held then, and says when it starts
 * (src/site/registers.ts). Both ways, so that a change to either builds both (src/pipeline/incremental.ts),
 * and a large build puts both in one batch (src/pipeline/batches.ts). A quick look at the text, not a
 * parse: a date it reads wrongly only costs a rebuild, and a file it cannot read is reported when the
 * meeting is built.
 */
export function meetingLinks(root: string, ids: readonly string[]): Map<string, Set<string>> {
  const links = new Map<string, Set<string>>(ids.map((id) => [id, new Set<string>()]));
  const link = (id: string, other: string) => {
    if (other === id || !links.has(other)) return;
    links.get(id)!.add(other);
    links.get(other)!.add(id);
  };
  for (const id of ids) {
    const moved = MOVED_TO.exec(textOrEmpty(join(root, "content", "meetings", id, "meeting.yaml"), root))?.[1];
    // The meeting held on that date: its folder is named by the date (a date and a suffix when two meet that day).
    if (moved) for (const other of ids) if (other === moved || other.startsWith(`${moved}-`)) link(id, other);
    const dir = join(root, "data", "meetings", id);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
      const recorded = /^records:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(textOrEmpty(join(dir, name), root))?.[1];
      if (recorded) link(id, recorded);
    }
  }
  return links;
}

/** `moved_to: 2024-07-25`, `moved_to: {date: 2024-07-25, …}` or `moved_to:` with `date: 2024-07-25` on the next line. */
const MOVED_TO = /^\s*moved_to:\s*(?:\{\s*date:\s*|\n\s*date:\s*)?["']?(\d{4}-\d{2}-\d{2})/m;

function textOrEmpty(file: string, root: string): string {
  try {
    return readText(file, root);
  } catch {
    return "";
  }
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
export function readText(file: string, root: string): string {
  if (!isInside(root, file)) throw new Error(existsSync(file) ? "it is a link to a file outside the project: copy the file into the project instead" : "it is a link to a file that does not exist");
  const bytes = readFileSync(file);
  if (bytes.includes(0)) throw new Error("it is binary, not text");
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (text.includes("\uFFFD")) throw new Error("it is not UTF-8 text: save it as UTF-8");
  return text;
}

/** Read a paper and split its front matter from its body; a file that cannot be read or parsed is a problem. */
export function readPaper(file: string, problems: Problems, root: string): { text: string; document: FrontMatterDocument } | undefined {
  let text: string;
  try {
    text = readText(file, root);
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
  return { text, document };
}
