/**
 * One paper through its kind: its front matter checked, its exempt appendices set aside in a public build,
 * its data file read, its body built by its report kind (tables, charts, values, blocks) and its page's facts
 * (dates, purpose, contents, PDF). In a public build an exempt paper is only read, for its words.
 */
import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { isInside } from "../lib/files.ts";
import { closest } from "../content/problems.ts";
import { planExemption, publicBody } from "../exempt/appendix.ts";
import { exemptRunningHead } from "../exempt/wording.ts";
import { validate } from "../content/validate.ts";
import { DEFAULT_PURPOSE, paperFrontMatterSchema, PURPOSES } from "../model/paper.ts";
import type { PaperView } from "../model/view.ts";
import type { PaperBody, PaperContext, PaperTables, RecordClaim } from "../kinds/kind.ts";
import type { Located } from "../content/yaml.ts";
import type { Problems } from "../content/problems.ts";
import { KINDS } from "../kinds/index.ts";
import type { Heading } from "../markdown/index.ts";
import { formatDate } from "../lib/format.ts";
import { readPaper, readText, readYaml } from "./load.ts";
import { parseFrontMatter } from "../content/yaml.ts";
import { DEFAULT_FIGURE_DISTANCE } from "../housekeeping/figures.ts";
import { furnitureFindings } from "../housekeeping/furniture.ts";
import { resolveTextRefs } from "../markdown/references.ts";
import type { FactStore, FoundFact } from "../facts/index.ts";
import { contradictions } from "../facts/contradictions.ts";
import type { Context } from "./build.ts";
import type { StatusScale } from "../model/committee.ts";

/** Remember the words of an exempt paper and its data file without building it. */
export function collectExemptPaper(paperFile: string, dataFile: string, ctx: Context): void {
  try {
    ctx.exemptText.addProse(readText(paperFile, ctx.root), "markdown", paperFile);
    if (existsSync(dataFile)) ctx.exemptText.addProse(readText(dataFile, ctx.root), "yaml", dataFile);
  } catch (error) {
    ctx.problems.error(paperFile, undefined, "file/unreadable", `cannot read the exempt paper: ${(error as Error).message}`);
  }
}
/** A paper built: its view, the files to publish beside it, and what it says it is the record of. */
export interface BuiltPaper {
  view: PaperView;
  /** Data downloads and images (site path → bytes), published only with the paper itself. */
  downloads: Map<string, string | Buffer>;
  /** Its front matter says `record: true`. */
  markedRecord: boolean;
  /** The meeting it records (minutes), from its kind. */
  recordOf?: RecordClaim;
  /** The Schedule 12A paragraphs its front matter gives, when it marks the whole paper exempt. */
  exemptParagraphs?: number[];
  /** Its tables, for the meeting's other papers that copy or take from them. */
  tables?: PaperTables;
}
export interface PaperPlace {
  exempt: boolean;
  slug: string;
  meetingId: string;
  meetingDate: string;
  committeeId: string;
  statuses?: StatusScale;
  itemNumber: number;
  /** The committee's figure_distance (figure/far-from-reference), when it sets one. */
  figureDistance?: number;
  resolveShared(type: string, id: string): { text: string } | null;
  /** The meeting's facts over its committee's ([@fact:…]). */
  facts?: FactStore;
  /** The meeting's other papers, for tables that copy or take from theirs (src/pipeline/meeting-papers.ts). */
  otherPaper?: PaperContext["otherPaper"];
  otherPaperNames?: PaperContext["otherPaperNames"];
}
export async function buildPaper(file: string, place: PaperPlace, ctx: Context): Promise<BuiltPaper | undefined> {
  const { problems } = ctx;
  const read = readPaper(file, problems, ctx.root);
  if (!read) return undefined;
  const { text, document } = read;
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
    warn: (line, column, rule, message, hint) => problems.warn(file, bodyAt(line, column), rule, message, hint),
    figureDistance: place.figureDistance ?? DEFAULT_FIGURE_DISTANCE,
    resolveShared: place.resolveShared,
    facts: place.facts,
    exempt: place.exempt,
    otherPaper: place.otherPaper,
    otherPaperNames: place.otherPaperNames,
    committeeId: place.committeeId,
    statuses: place.statuses,
    readSharedData: (path) => {
      const shared = join(ctx.root, "data", ...path);
      if (!isInside(join(ctx.root, "data"), shared) || !existsSync(shared)) return undefined;
      const located = readYaml(shared, problems, ctx.root);
      return located ? { file: shared, located } : undefined;
    },
  });
  // No page furniture in the text as the public reads it (figures are checked with the body, which knows them).
  for (const f of furnitureFindings(markdownBody)) problems.warn(file, bodyAt(f.line, f.column), f.rule, f.message, f.hint);
  // No sentence saying other than a fact that declares its subject (src/facts/contradictions.ts).
  const factPlace = (found: FoundFact) => `${relative(ctx.root, found.file).split(sep).join("/")}:${found.at.line}`;
  for (const f of contradictions(markdownBody, place.facts?.all() ?? [], factPlace)) problems.warn(file, bodyAt(f.line, f.column), f.rule, f.message, f.hint);
  const url = `/meetings/${place.meetingId}/${place.slug}/`;
  const downloads = new Map([...body.csv, ...body.images].map(({ file: name, content }): [string, string | Buffer] => [`${url}${name}`, content]));
  // The cover sheet prints the front matter's words as written, so their references are resolved here, as the
  // body's are: the paper's values and claims, meeting, committee and fact references.
  const front = (text: string, path: Array<string | number>): string => frontMatterText(text, path, { file, located: document.frontMatter, body, place, problems });
  const view: PaperView = {
    slug: place.slug,
    kind: kind.name,
    title: front(frontMatter.title, ["title"]),
    cover: frontMatter.cover,
    author: frontMatter.author === undefined ? undefined : front(frontMatter.author, ["author"]),
    dateText: formatDate(frontMatter.date ?? place.meetingDate),
    forText: frontMatter.for ? PURPOSES[frontMatter.for] : DEFAULT_PURPOSE,
    enquiries: frontMatter.enquiries.map((e, i) => ({
      ...e,
      name: front(e.name, ["enquiries", i, "name"]),
      ...(e.role === undefined ? {} : { role: front(e.role, ["enquiries", i, "role"]) }),
      ...(e.phone === undefined ? {} : { phone: front(e.phone, ["enquiries", i, "phone"]) }),
    })),
    divisions: frontMatter.divisions === undefined ? undefined : front(frontMatter.divisions, ["divisions"]),
    recommendations: frontMatter.recommendations.map((text, i) => front(text, ["recommendations", i])),
    body: body.page,
    packBody: body.pack,
    headings: body.headings,
    contents: contentsOf(body.headings),
    charts: body.charts,
    exemptPages: ctx.restricted ? exemptPagesOf(exemption.appendices.map((a) => a.paragraphs)) : [],
    url,
    pdf: `${url}${place.slug}.pdf`,
  };
  return { view, downloads, markedRecord: frontMatter.record === true, recordOf: body.recordOf, exemptParagraphs: frontMatter.exempt?.paragraphs, tables: body.tables };
}

/**
 * A printed field of the front matter with its references resolved, as prose resolves them: `[@value:…]` (a
 * value or claim of the paper), `[@fact:…]`, `[@meeting:…]`, `[@committee:…]`. One that resolves to nothing is
 * `ref/unresolved` at the field's line; a value quoted only in exempt material is `exempt/reference` (the cover
 * sheet is public), in both builds.
 */
function frontMatterText(text: string, path: Array<string | number>, at: { file: string; located: Located; body: PaperBody; place: PaperPlace; problems: Problems }): string {
  const { body, place } = at;
  const resolve = (type: string, id: string): { text: string } | null => {
    if (type !== "value") return place.resolveShared(type, id);
    const value = body.exemptValues?.has(id) ? undefined : body.values?.get(id);
    return value === undefined ? null : { text: value };
  };
  const resolved = resolveTextRefs(text, resolve);
  const field = path.filter((p) => typeof p === "string").join(" ");
  for (const { ref, type, id } of resolved.unresolved) {
    if (type === "value" && body.exemptValues?.has(id)) {
      at.problems.error(at.file, at.located.at(path), "exempt/reference", `'${ref}' in the front matter's ${field} quotes a value used only in exempt material`, "the cover sheet is public: state the figure in the public part, or leave it out of the front matter");
      continue;
    }
    const hint = type === "fact" ? place.facts?.hint(id) : type === "value" ? nearValue(id, body) : undefined;
    at.problems.error(at.file, at.located.at(path), "ref/unresolved", `'${ref}' in the front matter's ${field} refers to nothing`, hint ?? "front matter quotes the paper's values and claims and meeting, committee and fact references ([@value:…], [@meeting:…], [@committee:…], [@fact:…])");
  }
  return resolved.text;
}

/** A value's key near a misspelt one, as a hint. */
function nearValue(id: string, body: PaperBody): string | undefined {
  const near = closest(id, [...(body.values?.keys() ?? [])]);
  return near ? `did you mean '${near}'?` : undefined;
}

/**
 * Whether a paper's front matter marks it exempt, read without reporting anything (building it reports
 * its problems): a paper off the agenda is then treated as an exempt item's paper is.
 */
export function marksItselfExempt(file: string, ctx: Context): boolean {
  try {
    const frontMatter = parseFrontMatter(readText(file, ctx.root)).frontMatter.value;
    return typeof frontMatter === "object" && frontMatter !== null && "exempt" in frontMatter;
  } catch {
    return false;
  }
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
