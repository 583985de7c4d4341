/**
 * The generic paper: Markdown narrative plus an optional data file of values, tables and charts.
 * Every other kind builds on this one (it owns numbering, figures and references).
 */
import { readFileSync, statSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { z } from "zod";
import { isInside } from "../../lib/files.ts";
import { disagrees } from "../../lib/stated.ts";
import { strict, validate } from "../../content/validate.ts";
import { computeTable } from "../../tables/compute.ts";
import { countRows } from "../../tables/count.ts";
import { formatCell, formatProse } from "../../tables/format.ts";
import { tableSchema, COLUMN_TYPES, type ColumnType, type ComputedTable } from "../../tables/schema.ts";
import { tableView } from "../../tables/view.ts";
import { allowedStatuses, findStatus } from "../../tables/status.ts";
import { chartPoints, chartProblems, chartSchema, chartSpec, summarise } from "../../charts/chart.ts";
import { parseMarkdown, parsePaperBody, plainEnv, unresolvedRefs, type BodyEnv } from "../../markdown/index.ts";
import { embedLine, placedFigures } from "../../markdown/directives.ts";
import { resolveTextRefs } from "../../markdown/references.ts";
import type { ChartDrawing, ChartView, TableView } from "../../model/view.ts";
import type { Embed, KindBlock } from "../../model/body.ts";
import { withTopLevelKeys, type Located } from "../../content/yaml.ts";
import type { TableInput } from "../../tables/schema.ts";
import type { ChartInput } from "../../charts/chart.ts";
import type { PaperContext, PaperBody, PaperTables, ReportKind } from "../kind.ts";
import { genericScaffold } from "./scaffold.ts";
import { copyDifferences } from "./copies.ts";
import { fillFrom, sourcesOf, takesFrom, type TableLookup } from "./from.ts";
import { fetchPapers, otherPaperTable, splitPaperName } from "./papers.ts";
import { resolveClaims, type ClaimContext, type Operand, type ResolvedClaim } from "../../claims/index.ts";
import { claimSchema } from "../../claims/schema.ts";
import { formulaOf } from "../../claims/arithmetic.ts";
import { factValue } from "../../facts/index.ts";
import type { BodyPlace } from "../../exempt/appendix.ts";
import { figureFindings } from "../../housekeeping/figures.ts";

/**
 * A single figure the narrative quotes with [@value:key]. Either typed (`value`) or, better, taken from a
 * table cell (`cell`), so the prose can never disagree with the table; with both, `value` is checked.
 */
export const valueSchema = strict({
  value: z.union([z.number(), z.string()]).optional(),
  cell: strict({ table: z.string(), row: z.string(), column: z.string() }).optional(),
  /**
   * The number of data rows a table lists, optionally only those whose cells equal `where` (a count of listed
   * items); in a status column, `where` names a status by its id ("red"). With `value`, the stated count is checked.
   */
  count: strict({ table: z.string(), where: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}) }).optional(),
  /** How it prints; a value read from a cell prints as its cell does (its column's type and decimals) unless it says otherwise. */
  type: z.enum(COLUMN_TYPES).optional(),
  decimals: z.number().int().min(0).max(4).optional(),
  /** Print the size without its sign, for prose such as "a deficit of £5.2m". */
  absolute: z.boolean().default(false),
});

export const genericDataSchema = strict({
  values: z.record(z.string(), valueSchema).default({}),
  tables: z.record(z.string(), tableSchema).default({}),
  charts: z.record(z.string(), chartSchema).default({}),
  /** Figures the prose quotes that are arithmetic on values (src/claims/): quoted as [@value:<id>]. */
  claims: z.record(z.string(), claimSchema).default({}),
});
export type GenericData = z.infer<typeof genericDataSchema>;

const EMPTY: GenericData = { values: {}, tables: {}, charts: {}, claims: {} };

/** The generic kind: this body as it is, from a data file of values, tables and charts (or none). */
export const genericKind: ReportKind = {
  name: "generic",
  description: "Markdown narrative with tables, charts and values from YAML",
  scaffold: genericScaffold,
  buildBody: (ctx) => buildGenericBody(ctx),
};

/**
 * What a specialised kind adds to the generic machinery: tables and charts it generates from its own
 * data (numbered and placed like authored ones), prose values for [@value:…], and blocks drawn by its
 * own templates, placed with `::: block <id>`.
 */
export interface KindExtras {
  tables?: Record<string, TableInput>;
  charts?: Record<string, ChartInput>;
  values?: Record<string, string>;
  blocks?: Record<string, KindBlock>;
  /** Label a placed table or chart (default "Figure N", N = index + 1 in order of placement). */
  figureLabel?: (id: string, index: number) => string;
  /** Prefix for the ids this body generates (after the pack's item prefix), for a kind that renders two bodies. */
  idPrefix?: string;
  /** Figures of the kind's own data a claim may name (plan-closure: `<series>@<period>`), asked before values and cells. */
  claimOperand?: (name: string) => Operand;
  /** The kind's own wording of a claim; undefined prints the figure by its type. */
  claimPhrase?: ClaimContext["phrase"];
  /** The step a claim that gives no `round` is rounded to (default whole). */
  claimRound?: number;
}

/**
 * Build the body of a paper: compute tables and charts, number the Markdown and resolve what it refers to.
 * `ownKeys` are top-level keys of the data file that belong to a specialised kind (it validates them);
 * the generic part checks only its own keys.
 */
export async function buildGenericBody(ctx: PaperContext, extras: KindExtras = {}, ownKeys: readonly string[] = []): Promise<PaperBody> {
  const { problems, dataFile, data: located } = ctx;
  let data: GenericData = EMPTY;
  if (located && dataFile) {
    data = validate(genericDataSchema, withTopLevelKeys(located, (key) => !ownKeys.includes(key)), dataFile, problems) ?? EMPTY;
  }

  // Exempt by placement (decided by the body alone, before any table is computed: a table that takes from
  // another paper may read its exempt material only if it is exempt itself).
  const chartInputs: Record<string, ChartInput> = { ...data.charts, ...(extras.charts ?? {}) };
  const exempt = exemptByPlacement(ctx, data, chartInputs);
  const otherPapers = await fetchPapers(namedTables(data), ctx);
  let tables = new Map<string, ComputedTable>();
  /** The table a `from` or `copy_of` of table `takerId` names: this paper's, or another paper's (./papers.ts). */
  const lookup = (takerId: string): TableLookup => (name) => {
    if (splitPaperName(name)) return otherPaperTable(name, otherPapers, ctx, !ctx.exempt && !exempt.tables.has(takerId));
    const table = tables.get(name);
    return table && name !== takerId ? { table } : { refused: `'${name}' is not ${name === takerId ? "another" : "a"} table of this paper`, hint: `tables: ${[...tables.keys()].filter((t) => t !== takerId).join(", ") || "(none)"}` };
  };
  const tableContext = (id: string) => ({ file: dataFile!, located: located!, path: ["tables", id], problems, restricted: ctx.restricted, exemptText: ctx.exemptText, statuses: ctx.statuses, paperDate: ctx.frontMatter.date ?? ctx.meetingDate });
  // Tables that take cells or rows from others are computed after them (src/kinds/generic/from.ts); tables that
  // count another table's rows by status come last, after the tables they count.
  const counts = (input: TableInput) => input.columns.some((c) => c.count_of);
  const taking = Object.entries(data.tables).filter(([, input]) => takesFrom(input) && !counts(input));
  for (const [id, input] of Object.entries(data.tables)) if (!takesFrom(input) && !counts(input)) tables.set(id, computeTable(id, input, tableContext(id)));
  const takenFrom = computeTaking(taking, tables, tableContext, lookup, ctx);
  const counted = new Map(tables);
  for (const [id, input] of Object.entries(data.tables)) if (counts(input)) tables.set(id, computeTable(id, input, { ...tableContext(id), tables: counted }));
  // Keep the data file's order (the CSV downloads are listed in it).
  tables = new Map(Object.keys(data.tables).flatMap((id) => (tables.has(id) ? [[id, tables.get(id)!] as const] : [])));
  for (const [id, input] of Object.entries(extras.tables ?? {})) {
    if (tables.has(id)) problems.error(dataFile ?? ctx.paperFile, undefined, "ref/duplicate-id", `table '${id}' is both generated by the ${ctx.frontMatter.kind} kind and written in the data file`);
    // Generated tables come from validated data; any problem found here points at the data file's top.
    // A kind builds these from validated data; an empty one means the data it needs is missing.
    const parsed = tableSchema.safeParse(input);
    if (!parsed.success) {
      problems.error(dataFile ?? ctx.paperFile, undefined, "table/empty", `the ${ctx.frontMatter.kind} paper cannot make its table '${id}': ${parsed.error.issues[0]?.path.join(".") || "table"} — ${parsed.error.issues[0]?.message ?? "invalid"}`, "the data this table is made from is missing or empty in the data file");
      continue;
    }
    tables.set(id, computeTable(id, parsed.data, { file: dataFile ?? ctx.paperFile, located: located ?? NOWHERE, path: [], problems, restricted: ctx.restricted, exemptText: ctx.exemptText, statuses: ctx.statuses, paperDate: ctx.frontMatter.date ?? ctx.meetingDate }));
  }
  checkCopies(data, tables, lookup, ctx);

  const numbers = new Map<string, number>();
  // A value or claim may read a cell of another paper's table: public unless quoted only in exempt material
  // (a claim is taken as public, its exempt placement being known only once it is computed: the safe side).
  const readerLookup = (reader: string): TableLookup => (name) => otherPaperTable(name, otherPapers, ctx, !ctx.exempt && !exempt.values.has(reader));
  const values = resolveValues(data, tables, ctx, numbers, readerLookup);
  for (const [key, text] of Object.entries(extras.values ?? {})) values.set(key, text);
  for (const [id, claim] of claimsOf(data, tables, numbers, ctx, extras, readerLookup(""))) {
    if (values.has(id)) problems.error(dataFile!, located!.keyAt(["claims", id]), "ref/duplicate-id", `'${id}' is both a value and a claim`, "[@value:…] quotes either; rename one");
    else values.set(id, claim.text);
  }

  // Exempt by placement: a table or chart placed only inside exempt appendices, a table only such a
  // chart draws, and a value quoted only there or read from such a table. The public build drops them
  // (after checking them), so they have no figure number, no CSV, and cannot be quoted.
  for (const [id, sources] of takenFrom) {
    const source = exempt.tables.has(id) ? undefined : sources.find((s) => exempt.tables.has(s));
    if (source) problems.error(dataFile!, located!.keyAt(["tables", id]), "exempt/reference", `table '${id}' is public but takes cells from table '${source}', which is placed only inside the exempt appendix at line ${exempt.tables.get(source)!.line}`, "public tables cannot quote exempt material: state the figures here, or place the table in the exempt appendix too");
  }
  for (const ref of ctx.exemption.publicReferences) {
    const table = ref.type === "value" ? tablesReadBy(ref.id, data).find((t) => exempt.tables.has(t)) : undefined;
    const place = table !== undefined ? exempt.tables.get(table) : undefined;
    if (place) ctx.report(ref.line, ref.column, "exempt/reference", `'${ref.text}' in public text reads table '${table}', which is placed only inside the exempt appendix at line ${place.line}`, "public text cannot quote exempt material: remove the reference, or place the table in the public part");
  }
  if (!ctx.restricted) {
    for (const key of exempt.values) {
      const text = values.get(key);
      if (text !== undefined) ctx.exemptText.addValue(text, dataFile ?? ctx.paperFile);
      values.delete(key);
    }
  }

  // Figures are numbered in the order the narrative places them; exempt ones (restricted builds only)
  // have numbers of their own, so public figure numbers are the same in both builds.
  const placedFigureList = placedFigures(ctx.body);
  const placed = placedFigureList.map((f) => f.id);
  const placedTables = new Set(placedFigureList.filter((f) => f.kind === "table").map((f) => f.id));
  const labels = new Map<string, string>();
  let exemptCount = 0;
  placed.forEach((id) => {
    if (labels.has(id)) return;
    if (ctx.exemption.figures.has(id)) labels.set(id, `Exempt figure ${++exemptCount}`);
    else labels.set(id, extras.figureLabel ? extras.figureLabel(id, labels.size - exemptCount) : `Figure ${labels.size - exemptCount + 1}`);
  });

  // Charts: validate references to tables and columns, then make the spec the render stage draws.
  const drawings = new Map<string, { drawing: ChartDrawing; table: ComputedTable }>();
  for (const [id, chart] of Object.entries(chartInputs)) {
    const table = tables.get(chart.table);
    const at = located!.at(["charts", id]);
    if (!table) {
      problems.error(dataFile!, located!.at(["charts", id, "table"]), "chart/unknown-table", `chart '${id}' takes its data from table '${chart.table}', which this file does not have`, `tables: ${[...tables.keys()].join(", ") || "(none)"}`);
      continue;
    }
    const missing = [chart.x, ...chart.y, ...(chart.colour_by ? [chart.colour_by] : [])].filter((key) => !table.columns.some((c) => c.key === key));
    if (missing.length) {
      problems.error(dataFile!, at, "chart/unknown-column", `chart '${id}' uses column(s) ${missing.join(", ")}, which table '${chart.table}' does not have`, `columns: ${table.columns.map((c) => c.key).join(", ")}`);
      continue;
    }
    if (chart.colour_by && (table.columns.find((c) => c.key === chart.colour_by)?.type !== "status" || chart.y.length > 1)) {
      const several = chart.y.length > 1;
      problems.error(dataFile!, located!.at(["charts", id, "colour_by"]), "chart/status", several ? `chart '${id}' draws ${chart.y.length} series, so colour tells the series apart and cannot also give the status` : `chart '${id}' is coloured by '${chart.colour_by}', which is not a status column of table '${chart.table}'`, several ? "colour by status a chart of one series (one column in y:)" : `status columns: ${table.columns.filter((c) => c.type === "status").map((c) => c.key).join(", ") || "(none)"}`);
      continue;
    }
    const points = chartPoints(chart, table);
    const summary = summarise(chart, table, points);
    // A chart's spec: presentation settings only (for one from the data file), and it must compile; check finds both without drawing.
    const specProblems = await chartProblems(chart, points);
    for (const { path, message, hint } of specProblems) {
      problems.error(dataFile ?? ctx.paperFile, (located ?? NOWHERE).at(["charts", id, "spec", ...path]), "chart/spec", `chart '${id}': ${message}`, hint);
    }
    if (specProblems.length > 0) continue;
    // An exempt chart never reaches the public model.
    if (!ctx.restricted && exempt.charts.has(id)) continue;
    drawings.set(id, { drawing: { spec: chartSpec(chart, points), id: `chart-${id}`, title: chart.caption, description: summary }, table });
  }

  // Checked like any other, exempt figures now leave the public model.
  if (!ctx.restricted) {
    for (const id of exempt.tables.keys()) {
      const table = tables.get(id);
      if (table) recordExemptCells(table, ctx, dataFile ?? ctx.paperFile);
      tables.delete(id);
    }
    for (const id of exempt.charts) delete chartInputs[id];
  }
  // What the meeting's other papers may read: in a public build, never an exempt table's figures.
  const paperTables: PaperTables = { tables: new Map(tables), exemptTables: new Set(exempt.tables.keys()) };

  const images = new Map<string, Buffer>();
  // The body twice: for the paper's page, and for the pack (its ids prefixed by the item, sections a level down).
  const parse = (variant: "page" | "pack") => {
    const idPrefix = (variant === "pack" ? `item-${ctx.itemNumber}-` : "") + (extras.idPrefix ?? "");
    const reportHere = variant === "page" ? ctx.report : () => {};
    const charts: ChartView[] = [];
    const env: BodyEnv = {
      numbering: ctx.frontMatter.numbering,
      appendixLabels: ctx.frontMatter.appendix_labels,
      sectionLevel: variant === "pack" ? 3 : 2,
      idPrefix,
      headings: [],
      paragraphs: new Map(),
      embeds: [],
      report: reportHere,
      resolve: (type, id) => {
        if (type === "fig") {
          const label = labels.get(id);
          return label && (tables.has(id) || drawings.has(id) || chartInputs[id]) ? { text: label, href: `#${idPrefix}fig-${id}` } : null;
        }
        if (type === "para") {
          const number = env.paragraphs.get(id);
          return number ? { text: `paragraph ${number}`, href: `#${idPrefix}para-${number.replace(".", "-")}` } : null;
        }
        if (type === "value") {
          const text = values.get(id);
          return text === undefined ? null : { text };
        }
        if (type === "image") {
          const image = imageBeside(ctx.paperFile, id);
          if (!image) return null;
          images.set(image.file, image.content);
          return { text: id, href: `/meetings/${ctx.meetingId}/${ctx.slug}/${encodeURI(image.file)}` };
        }
        return ctx.resolveShared(type, id);
      },
      suggest: (type, id) => (type === "fact" ? ctx.facts?.hint(id) : undefined),
      embed: (kind, id): Embed | null => {
        if (kind === "block") {
          const block = extras.blocks?.[id];
          if (block === undefined) reportHere(embedLine(ctx.body, id), 1, "ref/unresolved", `'::: block ${id}': the ${ctx.frontMatter.kind} kind has no block '${id}'`, `blocks: ${Object.keys(extras.blocks ?? {}).join(", ") || "(none)"}`);
          return block ? { type: "block", block } : null;
        }
        const label = labels.get(id)!;
        const viewId = `${idPrefix}fig-${id}`;
        if (kind === "table") {
          const table = tables.get(id);
          if (!table) {
            reportHere(embedLine(ctx.body, id), 1, "ref/unresolved", `'::: table ${id}': there is no table '${id}' in the data file`, `tables: ${[...tables.keys()].join(", ") || "(none)"}`);
            return null;
          }
          return { type: "table", table: viewOf(table, viewId, label, env.resolve) };
        }
        const chart = drawings.get(id);
        const input = chartInputs[id];
        if (!chart || !input) {
          if (!input) reportHere(embedLine(ctx.body, id), 1, "ref/unresolved", `'::: chart ${id}': there is no chart '${id}' in the data file`, `charts: ${Object.keys(chartInputs).join(", ") || "(none)"}`);
          return null;
        }
        const view: ChartView = {
          id: viewId,
          key: `${ctx.meetingId}/${ctx.slug}/${viewId}`,
          label,
          caption: input.caption,
          drawing: chart.drawing,
          summary: chart.drawing.description,
          table: viewOf(chart.table, `${viewId}-data`, `Data for ${label}`, env.resolve),
          printTable: viewOf(chart.table, `${viewId}-data-print`, `Data for ${label}`, env.resolve),
          // A chart drawn from a table the paper also shows points to it rather than printing the same table again.
          ...(placedTables.has(input.table) && tables.has(input.table) && labels.has(input.table) ? { dataFigure: { label: labels.get(input.table)!, href: `#${idPrefix}fig-${input.table}` } } : {}),
          // The chart's data is its table's: that table's CSV (below) is the download; charts have no file of their own.
          csvFile: `/meetings/${ctx.meetingId}/${ctx.slug}/${ctx.slug}-${input.table}.csv`,
        };
        charts.push(view);
        return { type: "chart", chart: view };
      },
    };
    const tokens = parsePaperBody(ctx.markdown, ctx.body, env);
    return { tokens, env, charts };
  };

  // A markdown cell quotes like the body does ([@value:…], [@committee:…], [@fig:…]); what does not resolve
  // prints as a missing reference and is reported at the cell, once however many copies of the table print.
  const reportedCells = new Set<string>();
  const viewOf = (table: ComputedTable, id: string, label: string, resolve: BodyEnv["resolve"]): TableView =>
    tableView(table, {
      id,
      label,
      // A cell of several lines is block Markdown (lists, paragraphs); one line stays inline.
      parseMarkdown: (text, cell) => {
        const parsed = parseMarkdown(ctx.markdown, text, plainEnv(() => {}, resolve), { inline: !text.includes("\n") });
        for (const ref of unresolvedRefs(parsed)) {
          const key = `${table.id}/${cell.row}/${cell.column}/${ref}`;
          if (reportedCells.has(key)) continue;
          reportedCells.add(key);
          // A table the data file writes has the cell's place; a kind's generated table (its cells made from the
          // kind's own keys) is found by the reference's own text in the file.
          const at = located && table.id in data.tables ? located.at(["tables", table.id, "rows", cell.row, cell.column]) : placeOfText(problems.textOf(dataFile ?? ctx.paperFile), ref);
          const factRef = /^\[@fact:([^\]]+)\]$/.exec(ref)?.[1];
          problems.error(dataFile ?? ctx.paperFile, at, "ref/unresolved", `'${ref}' in table '${table.id}' refers to nothing`, (factRef && ctx.facts?.hint(factRef)) || "a cell quotes what the paper can: a value, a figure of this paper, or a meeting or committee fact");
        }
        return parsed;
      },
    });

  const page = parse("page");
  const pack = parse("pack");
  // A markdown cell in the CSV: its references as the page prints them (a figure's label, a value, a fact);
  // one that resolves to nothing is reported at the cell by the page's parse, and left as written.
  const csvText = (text: string) => resolveTextRefs(text, (type, id) => page.env.resolve(type, id)).text;

  const chartTables = Object.fromEntries(Object.entries(chartInputs).map(([id, chart]) => [id, chart.table]));
  for (const f of figureFindings(ctx.body, { maxDistance: ctx.figureDistance, chartTables, otherText: dataFile ? problems.textOf(dataFile) : undefined })) ctx.warn(f.line, f.column, f.rule, f.message, f.hint);
  for (const id of tables.keys()) {
    const usedByChart = Object.values(chartInputs).some((c) => c.table === id);
    if (!labels.has(id) && !usedByChart && id in data.tables) {
      problems.warn(dataFile!, located!.keyAt(["tables", id]), "figure/unused", `table '${id}' is never placed in the paper`, `add '::: table ${id}' where it belongs in the narrative`);
    }
  }

  return {
    page: [{ type: "markdown", tokens: page.tokens }],
    pack: [{ type: "markdown", tokens: pack.tokens }],
    headings: page.env.headings,
    charts: page.charts,
    images: [...images].map(([file, content]) => ({ file, content })),
    csv: [
      ...[...tables.values()].map((t) => ({ file: `${ctx.slug}-${t.id}.csv`, content: tableView(t, { id: t.id, label: "", csvText }).csv })),
    ],
    tables: paperTables,
    values,
    exemptValues: exempt.values,
  };
}

const IMAGE_TYPES = /\.(png|jpe?g|svg)$/i;

/** An image file beside the paper (its own folder or below, every link resolved), with its published name. */
function imageBeside(paperFile: string, src: string): { file: string; content: Buffer } | undefined {
  let name: string;
  try {
    name = decodeURIComponent(src); // markdown-it percent-encodes link targets
  } catch {
    return undefined;
  }
  const path = join(dirname(paperFile), name);
  if (!IMAGE_TYPES.test(name) || !isInside(dirname(paperFile), path) || !statSync(path).isFile()) return undefined;
  return { file: name.split(sep).join("/"), content: readFileSync(path) };
}

interface ExemptFigures {
  /** Exempt tables, with where each (or the chart that draws it) is placed. */
  tables: Map<string, BodyPlace>;
  charts: Set<string>;
  values: Set<string>;
}

function exemptByPlacement(ctx: PaperContext, data: GenericData, charts: Record<string, ChartInput>): ExemptFigures {
  const { figures, values: quotedOnlyThere } = ctx.exemption;
  const publicPlaced = ctx.exemption.publicFigures; // from the parser's tokens (src/exempt/appendix.ts)
  const publicTables = new Set([...publicPlaced, ...publicPlaced.flatMap((id) => (charts[id] ? [charts[id].table] : []))]);
  const tables = new Map<string, BodyPlace>();
  for (const [id, place] of figures) {
    for (const table of [id, ...(charts[id] ? [charts[id].table] : [])]) if (!publicTables.has(table) && !tables.has(table)) tables.set(table, place);
  }
  const exemptCharts = new Set([...figures.keys()].filter((id) => charts[id]));
  const readsExempt = (key: string) => tablesReadBy(key, data).some((t) => tables.has(t));
  const values = new Set([...quotedOnlyThere.keys(), ...[...Object.keys(data.values), ...Object.keys(data.claims)].filter(readsExempt)]);
  return { tables, charts: exemptCharts, values };
}

/** The tables a value or claim reads: a value's cell, a claim's cells and those of the values and claims it names. */
function tablesReadBy(key: string, data: GenericData, seen: ReadonlySet<string> = new Set()): string[] {
  const value = data.values[key];
  // A value read from a table's cell, or counting its rows.
  if (value) return [value.cell?.table, value.count?.table].filter((t): t is string => t !== undefined);
  const claim = data.claims[key];
  const f = claim && !seen.has(key) && formulaOf(claim);
  if (!f) return []; // a cycle of claims is reported (claim/cycle); it reads no further
  const within = new Set([...seen, key]);
  return f.operands.flatMap((name) => (name in data.values || name in data.claims ? tablesReadBy(name, data, within) : name.split("/").length === 3 ? [name.split("/")[0]!] : []));
}

/** Every distinctive cell of an exempt table is exempt text for the leak check. */
function recordExemptCells(table: ComputedTable, ctx: PaperContext, file: string): void {
  for (const row of table.rows) {
    for (const column of table.columns) {
      const text = formatCell(row.values[column.key] ?? null, column);
      // Figures of five or more characters, and text of three or more words: shorter ones are everywhere.
      if (/\d/.test(text) ? text.replace(/[^0-9£%.]/g, "").length >= 5 : text.split(/\s+/).length >= 3) ctx.exemptText.addValue(text, file);
    }
  }
}

/** Each value's text in prose style, reading table cells where a value names one. */
function resolveValues(data: GenericData, tables: Map<string, ComputedTable>, ctx: PaperContext, numbers: Map<string, number>, lookup: (reader: string) => TableLookup): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, spec] of Object.entries(data.values)) {
    const at = ctx.data!.at(["values", key]);
    let value: number | string | null | undefined = spec.value;
    // One formatter per value: quoted from a cell, it prints with the cell's type and precision.
    let format: { type: ColumnType; decimals?: number } = { type: spec.type ?? "number", decimals: spec.decimals };
    if (spec.cell) {
      // Another paper's table (`<paper>:<table>`), or this paper's.
      const other = splitPaperName(spec.cell.table) ? lookup(key)(spec.cell.table) : undefined;
      if (other && "absent" in other) continue;
      if (other && "refused" in other) {
        ctx.problems.error(ctx.dataFile!, ctx.data!.at(["values", key, "cell", "table"]), other.rule ?? "ref/unresolved", `value '${key}' reads '${spec.cell.table}': ${other.refused}`, other.hint);
        continue;
      }
      const table = other?.table ?? tables.get(spec.cell.table);
      const row = table?.rows.find((r) => r.id === spec.cell!.row);
      const cell = row?.values[spec.cell.column];
      if (!table || !row || cell === undefined) {
        ctx.problems.error(ctx.dataFile!, at, "ref/unresolved", `value '${key}' names cell ${spec.cell.table} / ${spec.cell.row} / ${spec.cell.column}, which does not exist`, "check the table id, the row id and the column key");
        continue;
      }
      if (spec.value !== undefined && typeof cell === "number" && typeof spec.value === "number" && disagrees(spec.value, cell, { tolerance: (spec.type ?? table.columns.find((c) => c.key === spec.cell!.column)?.type) === "money_m" ? 0.05 : 0 })) {
        ctx.problems.error(ctx.dataFile!, ctx.data!.at(["values", key, "value"]), "value/mismatch", `value '${key}' states ${spec.value} but its table cell is ${cell}`, "remove 'value:' and let the table supply it");
      }
      value = cell;
      const column = table.columns.find((c) => c.key === spec.cell!.column);
      const cellFormat = row.format && !column?.row_header ? row.format : column ? { type: column.type, decimals: column.decimals } : undefined;
      if (cellFormat) format = { type: spec.type ?? cellFormat.type, decimals: spec.decimals ?? (spec.type === undefined || spec.type === cellFormat.type ? cellFormat.decimals : undefined) };
    }
    if (spec.count) {
      const counted = countOf(key, spec.count, tables, ctx);
      if (counted === undefined) continue;
      if (typeof spec.value === "number" && disagrees(spec.value, counted)) ctx.problems.error(ctx.dataFile!, ctx.data!.at(["values", key, "value"]), "value/mismatch", `value '${key}' states ${spec.value} but table '${spec.count.table}' lists ${counted}`, "remove 'value:' and let the count supply it");
      value = counted;
      format = { type: spec.type ?? "integer", decimals: spec.decimals };
    }
    if (value === undefined || value === null) {
      ctx.problems.error(ctx.dataFile!, at, "schema/missing", `value '${key}' has neither 'value' nor 'cell'`);
      continue;
    }
    if (typeof value === "number") numbers.set(key, value);
    checkAgainstFact(key, value, ctx);
    out.set(key, formatProse(spec.absolute && typeof value === "number" ? Math.abs(value) : value, format.type, format.decimals));
  }
  return out;
}

/**
 * A value's `count:`: how many data rows of the table have the cells `where` names, a status column's by the
 * status's id; undefined (and reported) when the table, a column or a status does not exist.
 */
function countOf(key: string, count: { table: string; where: Record<string, string | number | boolean> }, tables: Map<string, ComputedTable>, ctx: PaperContext): number | undefined {
  const table = tables.get(count.table);
  if (!table) {
    ctx.problems.error(ctx.dataFile!, ctx.data!.at(["values", key, "count", "table"]), "table/unknown-table", `value '${key}' counts the rows of table '${count.table}', which this file does not have`, `tables: ${[...tables.keys()].join(", ") || "(none)"}`);
    return undefined;
  }
  const wanted: Record<string, string | number | boolean> = {};
  let usable = true;
  for (const [columnKey, written] of Object.entries(count.where)) {
    const at = ctx.data!.keyAt(["values", key, "count", "where", columnKey]);
    const column = table.columns.find((c) => c.key === columnKey);
    if (!column) {
      ctx.problems.error(ctx.dataFile!, at, "table/unknown-column", `value '${key}' counts rows where '${columnKey}' is ${JSON.stringify(written)}, but table '${count.table}' has no column '${columnKey}'`, `columns: ${table.columns.map((c) => c.key).join(", ")}`);
      usable = false;
    } else if (column.type === "status") {
      // A status cell holds its status's label (what prints); the author names the status by its id.
      const status = findStatus(String(written), table.statuses);
      if (!status) {
        ctx.problems.error(ctx.dataFile!, ctx.data!.at(["values", key, "count", "where", columnKey]), "value/status", `value '${key}' counts the status '${String(written)}', which is not on the committee's status scale`, `write the id of one of: ${allowedStatuses(table.statuses)}`);
        usable = false;
      } else wanted[columnKey] = status.label;
    } else wanted[columnKey] = written;
  }
  return usable ? countRows(table, wanted) : undefined;
}

/**
 * The tables that take cells or rows from others, each once the tables it takes from are computed; a table
 * whose sources never are (a cycle, or a table that is missing) is computed with what it has, and reported.
 * Gives, for each, the tables it took from (exempt placement follows them).
 */
function computeTaking(taking: Array<[string, TableInput]>, tables: Map<string, ComputedTable>, tableContext: (id: string) => Parameters<typeof computeTable>[2], lookup: (takerId: string) => TableLookup, ctx: PaperContext): Map<string, string[]> {
  const taken = new Map<string, string[]>();
  let waiting = taking;
  while (waiting.length) {
    const ready = waiting.filter(([, input]) => sourcesOf(input).every((s) => tables.has(s) || !waiting.some(([w]) => w === s)));
    const batch = ready.length ? ready : waiting; // a cycle: compute them anyway, and report what cannot be taken
    for (const [id, input] of batch) {
      const filled = fillFrom(id, input, lookup(id));
      for (const p of filled.problems) ctx.problems.error(ctx.dataFile!, ctx.data!.at(["tables", id, ...p.path]), p.rule ?? "ref/unresolved", p.message, p.hint);
      tables.set(id, computeTable(id, filled.input, tableContext(id)));
      taken.set(id, filled.sources);
    }
    waiting = waiting.filter((w) => !batch.includes(w));
  }
  return taken;
}

/** Each table declared a copy of another (of this paper or another of the meeting): one problem, at its first cell that differs, counting the rest. */
function checkCopies(data: GenericData, tables: Map<string, ComputedTable>, lookup: (takerId: string) => TableLookup, ctx: PaperContext): void {
  for (const [id, input] of Object.entries(data.tables)) {
    if (input.copy_of === undefined) continue;
    const copy = tables.get(id);
    const found = lookup(id)(input.copy_of);
    if ("absent" in found) continue;
    if ("refused" in found) {
      ctx.problems.error(ctx.dataFile!, ctx.data!.at(["tables", id, "copy_of"]), found.rule ?? "ref/unresolved", `table '${id}' is a copy of '${input.copy_of}': ${found.refused}`, found.hint);
      continue;
    }
    const original = found.table;
    if (!copy) continue;
    const [first, ...rest] = copyDifferences(copy, original);
    if (!first) continue;
    const rowIndex = input.rows.findIndex((r) => r.id === first.row);
    const more = rest.length ? ` (and ${rest.length} more cell${rest.length > 1 ? "s" : ""})` : "";
    ctx.problems.error(ctx.dataFile!, ctx.data!.at(["tables", id, "rows", rowIndex, first.column]), "table/copy", `table '${id}' is a copy of '${original.id}', but ${first.message}${more}`, "type the copy as the original has it, or correct the original; a figure printed twice with different numbers is an error in one of them");
  }
}

/** A value named as a fact of the meeting or committee states it once more: it must say the same, or both places are wrong. */
function checkAgainstFact(key: string, value: number | string, ctx: PaperContext): void {
  const found = ctx.facts?.find(key);
  if (!found) return;
  const fact = factValue(found.fact);
  const same = typeof fact === "number" && typeof value === "number" ? !disagrees(value, fact) : String(fact) === String(value);
  if (same) return;
  // The other place, as the project names it (content/… or data/…) and its line.
  const where = (file: string, at: { line: number }) => `${/(?:^|[\\/])((?:content|data)[\\/].*)$/.exec(file)?.[1] ?? file}:${at.line}`;
  const valueAt = ctx.data!.at(["values", key]);
  ctx.problems.error(ctx.dataFile!, valueAt, "fact/conflict", `value '${key}' is ${value}, but fact '${key}' (${where(found.file, found.at)}) is ${fact}`, "state it once: remove the value and quote [@fact:" + key + "], or correct the one that is wrong");
  ctx.problems.error(found.file, found.at, "fact/conflict", `fact '${key}' is ${fact}, but the value '${key}' of ${ctx.slug} (${where(ctx.dataFile!, valueAt)}) is ${value}`, "state it once, as the fact, and quote it as [@fact:" + key + "]");
}

/** Claims computed from the paper's values, table cells and the kind's own figures (src/claims/). */
function claimsOf(data: GenericData, tables: Map<string, ComputedTable>, numbers: Map<string, number>, ctx: PaperContext, extras: KindExtras, lookup: TableLookup): Map<string, ResolvedClaim> {
  if (Object.keys(data.claims).length === 0) return new Map();
  const operand = (name: string): Operand => {
    const own = extras.claimOperand?.(name);
    if (own !== undefined) return own;
    const value = numbers.get(name);
    if (value !== undefined) return { value };
    if (name in data.values) return { missing: `value '${name}' is not a number` };
    return cellOperand(name, tables, lookup);
  };
  // A kind's default rounding fills in for checking; its wording sees the claim as written.
  const claims = Object.fromEntries(Object.entries(data.claims).map(([id, c]) => [id, { ...c, round: c.round ?? extras.claimRound }]));
  return resolveClaims(claims, {
    file: ctx.dataFile!,
    at: (path) => ctx.data!.at(path),
    problems: ctx.problems,
    operand,
    operandNames: () => [...numbers.keys(), ...[...tables.values()].flatMap((t) => t.rows.flatMap((r) => t.columns.map((c) => `${t.id}/${r.id}/${c.key}`)))],
    phrase: extras.claimPhrase && ((id, _claim, formula, computed) => extras.claimPhrase!(id, data.claims[id]!, formula, computed)),
  });
}

/** Every table name the data file gives: tables' copy_of and from, values' cells, claims' cells (for the other papers they name). */
function namedTables(data: GenericData): string[] {
  return [
    ...Object.values(data.tables).flatMap((input) => [...sourcesOf(input), ...(input.copy_of === undefined ? [] : [input.copy_of])]),
    ...Object.values(data.values).flatMap((v) => (v.cell ? [v.cell.table] : [])),
    ...Object.values(data.claims).flatMap((c) => formulaOf(c)?.operands.map((name) => name.split("/")[0]!) ?? []),
  ];
}

/** A table cell named table/row/column (or <paper>:table/row/column, of another paper of the meeting, found by `lookup`), as a claim's operand. */
function cellOperand(name: string, tables: Map<string, ComputedTable>, lookup: TableLookup): Operand {
  const [tableId, rowId, columnKey, ...rest] = name.split("/");
  if (rest.length > 0 || columnKey === undefined) return undefined;
  const other = splitPaperName(tableId!) ? lookup(tableId!) : undefined;
  if (other && "refused" in other) return { missing: `'${name}': ${other.refused}`, rule: other.rule ?? "ref/unresolved", hint: other.hint };
  if (other && "absent" in other) return { missing: `'${name}' is not in this build` };
  const table = other?.table ?? tables.get(tableId!);
  const row = table?.rows.find((r) => r.id === rowId);
  if (!table || !row || !table.columns.some((c) => c.key === columnKey)) return undefined;
  const cell = row.values[columnKey];
  return typeof cell === "number" ? { value: cell } : { missing: `cell ${name} ${cell === null || cell === undefined ? "is empty" : "is not a number"}` };
}

const NOWHERE: Located = { value: undefined, at: () => ({ line: 1, column: 1 }), keyAt: () => ({ line: 1, column: 1 }) };

/** Line and column (1-based) of the first occurrence of `needle` in a file's text, if it is there. */
function placeOfText(text: string | undefined, needle: string): { line: number; column: number } | undefined {
  const index = text?.indexOf(needle) ?? -1;
  if (index < 0 || text === undefined) return undefined;
  const before = text.slice(0, index).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
