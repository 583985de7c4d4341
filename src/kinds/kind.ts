/**
 * A report kind: how a paper of that kind turns its front matter, narrative and data file into a body.
 * The generic kind is the base; specialised kinds (HMICFRS progress, deployment, plan closure) add a
 * schema, a builder and charts of their own and register in ./index.ts.
 */
import type MarkdownIt from "markdown-it";
import type { Problems } from "../pipeline/problems.ts";
import type { Located } from "../pipeline/yaml.ts";
import type { Heading } from "../markdown/index.ts";
import type { ChartView } from "../model/view.ts";
import type { PaperFrontMatter } from "../model/paper.ts";
import type { Rule } from "../pipeline/rules.ts";
import type { ExemptPlan } from "../exempt/appendix.ts";
import type { ExemptText } from "../exempt/leak-check.ts";

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
  /** False for `check`: validate everything, but draw no chart. */
  renderCharts?: boolean;
  /** ISO date of the meeting (for "overdue at the meeting date" rules). */
  meetingDate: string;
  itemNumber: number;
  frontMatter: PaperFrontMatter;
  body: string;
  /** The paper's data file, parsed with positions (undefined when the paper has none). */
  data?: Located;
  dataFile?: string;
  problems: Problems;
  markdown: MarkdownIt;
  /** Report a problem at a line of the Markdown body (already offset to the file). */
  report(line: number, column: number, rule: string, message: string, hint?: string): void;
  /** Meeting and committee facts for [@meeting:…] and [@committee:…]. */
  resolveShared(type: string, id: string): { text: string; href?: string } | null;
  /** Render a component template (templates/components/<name>.njk) with params. */
  renderComponent(name: string, params: object): string;
}

export interface PaperBody {
  bodyHtml: string;
  packBodyHtml: string;
  headings: Heading[];
  charts: ChartView[];
  /** Images the body shows, copied beside the paper's page (file name → bytes). */
  images: Array<{ file: string; content: Buffer }>;
  /** Data downloads written beside the paper. */
  csv: Array<{ file: string; content: string }>;
}

export interface ReportKind {
  name: string;
  description: string;
  /** Checker rules this kind adds (id → severity and meaning); listed with the core rules in the README. */
  rules?: Record<string, Rule>;
  buildBody(ctx: PaperContext): Promise<PaperBody>;
}
