/**
 * Golden tests: a folder per case holds its input and the output it must give, in the style of observable
 * framework's test cases and govspeak's input→output pairs. The cases own their fixtures: each is checked
 * in a throwaway project made from the skeleton test/fixtures/projects/golden (a committee and one meeting
 * whose one agenda item is the case's paper), with the checker run in-process (check() in
 * src/pipeline/index.ts: no Eleventy, no PDF).
 *
 * A case folder holds either
 *  - `input.md`: a paper *body* in the Markdown dialect, with an optional `front.yaml` merged over the
 *    default front matter (DEFAULT_FRONT_MATTER, key by key); or
 *  - `paper.md`: a whole paper, front matter and body (the report kinds' cases);
 * and, either way, an optional `data.yaml` (the paper's data file), an optional folder `files/` whose
 * files are put beside the paper (images) and an optional `notes.md` for people (what the case shows, a
 * known bug it captures). Any other file is an error, so a misspelt `fornt.yaml` cannot pass unread. What
 * it must give:
 *  - `expected.html`: the body's HTML on the paper's page (bodyHtmlOf);
 *  - `expected-problems.txt`: the problems the checker reports, in its order, one a line,
 *    `file:line:column severity rule message`, the file relative to the project and the place as the checker
 *    gives it (so an `input.md`'s lines come after the front matter put before it); empty when clean.
 *
 * Rules: a missing expected file is written and the case passes (its first run), except when the `CI`
 * environment variable is set (then it fails: a golden file must be committed); `UPDATE_GOLDEN=1` rewrites
 * them all; otherwise the output must be the file's text exactly. Nothing is normalised but the temp
 * folder's path (in messages), so a diff shows any change at all. See test/markdown/cases/README.md.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { check } from "../src/pipeline/index.ts";
import type { Problems } from "../src/content/problems.ts";
import type { SiteView } from "../src/model/view.ts";
import { renderBody } from "../src/render/body.ts";
import { createRenderer } from "../src/site/nunjucks.ts";
import { fixturePath, ROOT } from "./helpers.ts";

/** The skeleton project every case is checked in (its meeting and the paper's place in it). */
export const SKELETON = fixturePath("golden");
export const MEETING = "2025-03-06";
export const SLUG = "01-paper";

/** The front matter an `input.md` case gets; a case's `front.yaml` replaces or adds keys. */
export const DEFAULT_FRONT_MATTER = "title: A golden case\n";

/** The expected files of a case. */
export const EXPECTED_HTML = "expected.html";
export const EXPECTED_PROBLEMS = "expected-problems.txt";

/**
 * The HTML of a paper's body on its page, from the checker's result: the ONE place that knows where the
 * build keeps it (when the build returns typed data and HTML is made later, only this changes). Undefined
 * when the checker built no such paper (its front matter or kind is broken: the problems say why).
 */
export function bodyHtmlOf(site: SiteView, slug: string): string | undefined {
  const meeting = site.meetings[0];
  const paper = meeting?.papers.find((p) => p.slug === slug);
  // The render stage's own function, with the shared templates, for the paper's page; charts are left undrawn (golden files hold no SVG).
  return paper ? renderBody(paper.body, `/meetings/${meeting!.id}/${slug}/`, createRenderer(ROOT), new Map()) : undefined;
}

export interface CaseOutput {
  /** The body's HTML, or the empty string when the checker built no paper. */
  html: string;
  /** The problems, as expected-problems.txt holds them. */
  problems: string;
}

/** The case folders under a folder of cases, by name (folders only; README.md and the like are skipped). */
export function caseNames(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}

/**
 * One `describe` for a folder of cases, one test per case. `kind`, for a folder of one report kind's
 * cases, also checks that each case's paper is of that kind (a case filed under the wrong kind fails).
 */
export function goldenSuite(folder: string, options: { kind?: string } = {}): void {
  const names = caseNames(folder);
  describe(`golden cases in ${relative(ROOT, folder)}`, () => {
    it("has cases", () => expect(names.length, `no case folders in ${relative(ROOT, folder)}`).toBeGreaterThan(0));
    it.each(names)("%s", async (name) => {
      const dir = join(folder, name);
      if (options.kind) expect(kindOf(dir), `${relative(ROOT, dir)}/paper.md is not a '${options.kind}' paper`).toBe(options.kind);
      const output = await runCase(dir);
      compareGolden(join(dir, EXPECTED_HTML), output.html);
      compareGolden(join(dir, EXPECTED_PROBLEMS), output.problems);
    });
  });
}

/** Check one case folder in a throwaway project and give its outputs (the project is removed afterwards). */
export async function runCase(dir: string): Promise<CaseOutput> {
  const input = readCase(dir);
  const root = mkdtempSync(join(tmpdir(), "panelpress-golden-"));
  try {
    cpSync(SKELETON, root, { recursive: true });
    // The components (tables, charts) render from the project's templates: panelpress's own, linked not copied.
    symlinkSync(join(ROOT, "templates"), join(root, "templates"));
    const papers = join(root, "content", "meetings", MEETING, "papers");
    mkdirSync(papers, { recursive: true });
    const paperFile = join(papers, `${SLUG}.md`);
    writeFileSync(paperFile, input.paper);
    const dataFile = join(root, "data", "meetings", MEETING, `${SLUG}.yaml`);
    if (input.data !== undefined) {
      mkdirSync(join(root, "data", "meetings", MEETING), { recursive: true });
      writeFileSync(dataFile, input.data);
    }
    if (existsSync(join(dir, "files"))) cpSync(join(dir, "files"), papers, { recursive: true });

    const { problems, site } = await check(root);
    const html = unTemp(bodyHtmlOf(site, SLUG) ?? "", root);
    return { html, problems: problemLines(problems, root) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

interface CaseInput {
  /** The paper file's text, as the project holds it. */
  paper: string;
  data?: string;
}

/** The files a case folder may hold (see the top of this file). */
export const CASE_FILES = ["input.md", "paper.md", "front.yaml", "data.yaml", "files", "notes.md", EXPECTED_HTML, EXPECTED_PROBLEMS];

function readCase(dir: string): CaseInput {
  const strays = readdirSync(dir).filter((name) => !CASE_FILES.includes(name));
  if (strays.length) throw new Error(`${relative(ROOT, dir)}: ${strays.join(", ")} ${strays.length > 1 ? "are" : "is"} not a file of a case (${CASE_FILES.join(", ")})`);
  const read = (name: string) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name), "utf8") : undefined);
  const body = read("input.md");
  const paper = read("paper.md");
  const front = read("front.yaml");
  const data = read("data.yaml");
  if ((body === undefined) === (paper === undefined)) throw new Error(`${relative(ROOT, dir)}: a case has either input.md (a body) or paper.md (a whole paper), not ${body === undefined ? "neither" : "both"}`);
  if (paper !== undefined) {
    if (front !== undefined) throw new Error(`${relative(ROOT, dir)}: front.yaml is for input.md cases; paper.md has its own front matter`);
    return { paper, data };
  }
  return { paper: `---\n${composeFrontMatter(front ?? "")}---\n${body!}`, data };
}

/**
 * The default front matter with a case's front.yaml merged over it: the defaults' lines whose key the case
 * does not set, then the case's text as written (so a case may test front matter too).
 */
export function composeFrontMatter(front: string): string {
  const own = yaml.load(front, { schema: yaml.CORE_SCHEMA });
  const keys = own && typeof own === "object" ? Object.keys(own) : [];
  const defaults = DEFAULT_FRONT_MATTER.split("\n").filter((line) => line !== "" && !keys.includes(line.slice(0, line.indexOf(":"))));
  const text = front.endsWith("\n") || front === "" ? front : `${front}\n`;
  return defaults.map((line) => `${line}\n`).join("") + text;
}

/** The `kind:` of a paper.md case's front matter ("generic" when it names none, as the schema defaults). */
function kindOf(dir: string): string {
  const file = join(dir, "paper.md");
  if (!existsSync(file)) return "(no paper.md)";
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, "utf8"));
  const front = match ? (yaml.load(match[1]!, { schema: yaml.CORE_SCHEMA }) as { kind?: string } | null) : null;
  return front?.kind ?? "generic";
}

/** The problems as expected-problems.txt holds them: in the checker's order, one a line. */
function problemLines(problems: Problems, root: string): string {
  return problems.sorted()
    .map((p) => `${(relative(root, p.file) || ".").split(sep).join("/")}:${p.line}:${p.column} ${p.severity} ${p.rule} ${unTemp(p.message, root)}\n`)
    .join("");
}

/** The temp project's path, the one thing normalised: a path inside it made relative, the folder itself ".". */
function unTemp(text: string, root: string): string {
  let out = text;
  for (const path of new Set([root, realpathSync(root)])) out = out.split(`${path}${sep}`).join("").split(path).join(".");
  return out;
}

/** Compare with a golden file: write it when missing (not under CI) or when UPDATE_GOLDEN=1; else the text must match. */
export function compareGolden(file: string, actual: string): void {
  const name = relative(ROOT, file);
  if (process.env.UPDATE_GOLDEN === "1") {
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) {
    if (process.env.CI) throw new Error(`the golden file ${name} is missing: run the case with UPDATE_GOLDEN=1 (or once without CI), read the file it writes, and commit it`);
    writeFileSync(file, actual);
    console.log(`wrote the missing golden file ${name}: read it, and commit it if it is right`);
    return;
  }
  if (!statSync(file).isFile()) throw new Error(`${name} is not a file`);
  expect(actual, `${name} (UPDATE_GOLDEN=1 rewrites it, once the change is meant)`).toBe(readFileSync(file, "utf8"));
}
