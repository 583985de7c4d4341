/**
 * Which schema each YAML file of a project uses, and the `# yaml-language-server: $schema=…` first line
 * that tells the editor. A paper's data file takes the schema of the paper's kind (from its front matter).
 * Markdown front matter gets no modeline: the YAML extension does not look inside Markdown files.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { dataSchemaFileFor, modeline } from "./index.ts";

export interface ModelineTarget {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  schemaFile: string;
  line: string;
}

const MODELINE = /^# yaml-language-server: \$schema=\S+$/;

/** The modeline every YAML file under data/ and content/ should start with. */
export function modelineTargets(root: string): ModelineTarget[] {
  const targets: Array<{ file: string; schemaFile: string }> = [];
  for (const file of yamlFiles(join(root, "data", "committees"))) targets.push({ file, schemaFile: "committee.json" });
  const meetings = join(root, "content", "meetings");
  for (const id of subfolders(meetings)) {
    const meetingFile = join(meetings, id, "meeting.yaml");
    if (existsSync(meetingFile)) targets.push({ file: meetingFile, schemaFile: "meeting.json" });
  }
  const data = join(root, "data", "meetings");
  for (const id of subfolders(data)) {
    for (const file of yamlFiles(join(data, id))) {
      const slug = file.slice(file.lastIndexOf("/") + 1).replace(/\.yaml$/, "");
      targets.push({ file, schemaFile: dataSchemaFileFor(paperKind(join(meetings, id, "papers", `${slug}.md`))) });
    }
  }
  return targets.map(({ file, schemaFile }) => {
    const rel = relative(root, file).split("\\").join("/");
    return { file: rel, schemaFile, line: modeline(dirname(rel), schemaFile) };
  });
}

/** The text with its modeline set: an existing modeline on line 1 is replaced, otherwise one is added. */
export function withModeline(text: string, line: string): string {
  const [first, ...rest] = text.split("\n");
  return MODELINE.test((first ?? "").trimEnd()) ? [line, ...rest].join("\n") : `${line}\n${text}`;
}

/** The kind named in a paper's front matter (generic when absent or unreadable: the schema is a hint, check decides). */
export function paperKind(paperFile: string): string {
  if (!existsSync(paperFile)) return "generic";
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(paperFile, "utf8"));
  const kind = front ? /^kind:\s*([A-Za-z0-9-]+)\s*(#.*)?$/m.exec(front[1]!) : null;
  return kind ? kind[1]! : "generic";
}

function subfolders(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
}

function yamlFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort().map((f) => join(dir, f)) : [];
}
