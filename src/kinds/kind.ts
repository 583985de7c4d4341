/**
 * A report kind: everything panelpress knows about one kind of paper, in one object — its data schema,
 * checker rules, builder, scaffold text, diff labels and templates. The generic kind is the base;
 * specialised kinds are made with defineKind() (./define.ts) and listed once in ./index.ts, from which the
 * scaffold, the editor schemas, the README's lists and the diff all read. See docs/architecture.md.
 */
import type MarkdownIt from "markdown-it";
import type { z } from "zod";
import type { Position, Problems } from "../content/problems.ts";
import type { Located } from "../content/yaml.ts";
import type { Heading } from "../markdown/index.ts";
import type { ChartView } from "../model/view.ts";
import type { BodyPart, Resolved } from "../model/body.ts";
import type { PaperFrontMatter } from "../model/paper.ts";
import type { Rule } from "../content/rules.ts";
import type { ExemptPlan } from "../exempt/appendix.ts";
import type { ExemptText } from "../exempt/leak-check.ts";
import type { StatusScale } from "../model/committee.ts";
import type { FactStore } from "../facts/index.ts";
import type { ComputedTable } from "../tables/schema.ts";

export interface PaperContext {
  slug: string;
  /** The meeting's folder name (the paper is published at /meetings/<meetingId>/<slug>/). */
  meetingId: string;
  /** The paper's Markdown file (for problems that have no better place). */
  paperFile: string;
  /** A restricted build (members only) includes exempt material; the public build never does. */
  restricted: boolean;
  /** Exempt prose and values met while building, for the leak check of the public output. */
  exemptText: ExemptText;
  /** What the body makes exempt: appendices, and the figures, values and paragraphs used only inside them. */
  exemption: ExemptPlan;
  /** ISO date of the meeting (for "overdue at the meeting date" rules). */
  meetingDate: string;
  /** The id of the meeting's committee (data/committees/<id>.yaml). */
  committeeId: string;
  /** The committee's status scale, for status columns (absent: the default red, amber, green scale). */
  statuses?: StatusScale;
  /**
   * A data file shared by several papers (data/<path…>, e.g. a committee's action log), read and parsed
   * with positions; undefined when there is none (or it cannot be read: that is reported).
   */
  readSharedData(path: string[]): { file: string; located: Located } | undefined;
  itemNumber: number;
  /** How many paragraphs a figure may stand from its first reference (the committee's figure_distance, else the default). */
  figureDistance: number;
  frontMatter: PaperFrontMatter;
  body: string;
  /** The paper's data file, parsed with positions (undefined when the paper has none). */
  data?: Located;
  dataFile?: string;
  problems: Problems;
  markdown: MarkdownIt;
  /** Report a problem at a line of the Markdown body (already offset to the file). */
  report(line: number, column: number, rule: string, message: string, hint?: string): void;
  /** The same, as a warning (housekeeping that does not stop a build). */
  warn(line: number, column: number, rule: string, message: string, hint?: string): void;
  /** Meeting and committee fields and facts for [@meeting:…], [@committee:…] and [@fact:…]. */
  resolveShared(type: string, id: string): Resolved | null;
  /** The meeting's facts over its committee's, for hints and for values that state a fact again. */
  facts?: FactStore;
  /** The paper is not for publication (its agenda item, or its own front matter, makes it exempt). */
  exempt?: boolean;
  /**
   * Another paper of the same meeting, by its file's stem, for tables that copy or take from its tables
   * (`02-savings:plan/total/y2425`); built first if it is not yet. Absent when the meeting could not be read.
   */
  otherPaper?(slug: string): Promise<OtherPaper>;
  /** The stems of the meeting's other papers, for a "did you mean". */
  otherPaperNames?(): string[];
}

/** A paper's tables as other papers of its meeting may read them. */
export interface PaperTables {
  /** Its computed tables; in a public build, never one that is exempt by placement. */
  tables: ReadonlyMap<string, ComputedTable>;
  /** Its tables placed only inside an exempt appendix: a public table may not read them. */
  exemptTables: ReadonlySet<string>;
}

/**
 * Another paper of the meeting, as a table sees it: its tables (and whether the paper is exempt), an exempt
 * paper a public build does not build, a paper whose build is under way (a cycle, with its chain of papers),
 * or undefined for no such paper.
 */
export type OtherPaper =
  | { exempt: boolean; tables: PaperTables }
  | { exempt: true; unbuilt: true }
  | { cycle: string[] }
  /** A paper of a cycle reported by another of its papers: its tables are incomplete, and not read (one cycle, one finding). */
  | { inCycle: true }
  | undefined;

/** A paper's body as a model (no HTML): its parts for the paper's page and for the pack. */
export interface PaperBody {
  page: BodyPart[];
  pack: BodyPart[];
  headings: Heading[];
  charts: ChartView[];
  /** Images the body shows, copied beside the paper's page (file name → bytes). */
  images: Array<{ file: string; content: Buffer }>;
  /** Data downloads written beside the paper. */
  csv: Array<{ file: string; content: string }>;
  /**
   * The meeting this paper is the record of (minutes say so in their data), with the date of the meeting
   * that approved it: the recorded meeting's page lists it (src/pipeline/records.ts).
   */
  recordOf?: RecordClaim;
  /** Its tables, for the other papers of the meeting that copy or take from them. */
  tables?: PaperTables;
  /** What `[@value:<key>]` prints (values and claims), for the front matter's fields; never an exempt one in a public build. */
  values?: ReadonlyMap<string, string>;
  /** Values and claims quoted only in exempt material (or read from it): public text such as the cover sheet may not quote them. */
  exemptValues?: ReadonlySet<string>;
}

/** A paper's claim to be the record of a meeting, with where the data file says so (for problems). */
export interface RecordClaim {
  meeting: string;
  approved?: string;
  file: string;
  at: Position;
}

export interface ReportKind {
  /** What a paper's front matter writes as `kind:`; also names its editor schema, schemas/paper-data-<name>.json. */
  name: string;
  /** One line for the README's and the authoring guide's list of kinds. */
  description: string;
  /**
   * The zod schema of the top-level keys this kind owns in a paper's data file, beside the generic
   * values/tables/charts (absent for a kind that owns none). Its shape is the list of own keys, and the
   * editor schema is generated from it.
   */
  data?: z.ZodType;
  /** Checker rules this kind adds (id → severity and meaning); listed with the core rules in the README. */
  rules?: Record<string, Rule>;
  /** What `panelpress new paper <meeting> <kind>` writes for this kind. */
  scaffold: KindScaffold;
  /**
   * Fields that identify an item of a list in this kind's data, and the noun a diff label gives one
   * ({afi: "Area for improvement"}: the item with `afi: EFF-03` is "Area for improvement EFF-03").
   */
  diffIds?: Readonly<Record<string, string>>;
  /** The folder of this kind's own Nunjucks templates (absolute), for the blocks KindContext.block names. */
  templates?: string;
  buildBody(ctx: PaperContext): Promise<PaperBody>;
}

/** A new paper's example text: valid as written (a fresh scaffold checks clean), every field commented. */
export interface KindScaffold {
  /** The Markdown after the front matter; `dataFile` is the data file's project path, for prose that points at it. */
  body(dataFile: string): string;
  /** The data file's text after its schema modeline (the scaffold adds that line). */
  data(meetingDate: string): string;
  /** The default file name after the agenda position ("17-<slug>"); the kind's name when absent. */
  slug?: string;
}
