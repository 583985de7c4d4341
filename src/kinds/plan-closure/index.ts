/**
 * The plan-closure kind: a cover report (sections 1–5), then the closure report itself with its own
 * numbering (chapters 1–11, paragraphs "4.26."), a contents list with page numbers, figures numbered
 * per chapter ("Figure 4 (v)") and an appendix of commitments. The body splits at `::: block closure-report`;
 * each part is a generic body, the second with its own id prefix and figure labels.
 */
import { shippedTemplates } from "../templates.ts";
import { defineKind, type KindContext } from "../define.ts";
import type { ChartInput } from "../../charts/chart.ts";
import type { TableInput } from "../../tables/schema.ts";
import type { Heading } from "../../markdown/index.ts";
import { EMBED_LINE } from "../../markdown/directives.ts";
import type { BodyPart } from "../../model/body.ts";
import type { PaperBody, PaperContext } from "../kind.ts";
import { planClosureSchema, type PlanClosureData } from "./schema.ts";
import { planClosureScaffold } from "./scaffold.ts";
import { appendixLabels, appendixTable, appendixTableId, claimText, figureLabels, figureTable, placements, seriesClaimOf, seriesOperand, seriesProblems } from "./build.ts";
import type { ClaimFormula } from "../../claims/arithmetic.ts";
import type { ClaimInput } from "../../claims/schema.ts";

const CLOSURE_BLOCK = "closure-report";
const PREFIX = "cr-";
export const MAPPING_TABLE = "priority-mapping";

export const planClosureKind = defineKind({
  name: "plan-closure",
  description: "Police and Crime Plan closure report: cover report, chapters with figures per chapter, commitments appendix",
  data: planClosureSchema,
  scaffold: planClosureScaffold,
  templates: shippedTemplates("plan-closure"),
  checkNarrative,
  build: buildBody,
  rules: {
    "value/period": { severity: "error", description: "a series period is malformed or out of order, or a value, baseline or figure lies outside the series' periods" },
    "figure/unplaced": { severity: "error", description: "a figure or appendix block in the data is never placed in the closure report" },
    "figure/chapter": { severity: "error", description: "a figure is placed in another chapter than the one its data gives (its number would be wrong)" },
    "plan/no-successor": { severity: "error", description: "a priority of the Extension is carried into no priority of the successor plan" },
    "appendix/missing": { severity: "error", description: "a priority has no block of commitments for one of the closed plans" },
  },
});

/** The line that starts the closure report, or -1. */
function markerLine(lines: string[]): number {
  return lines.findIndex((l) => { const m = EMBED_LINE.exec(l); return m?.[1] === "block" && m[2] === CLOSURE_BLOCK; });
}

function checkNarrative(ctx: PaperContext): void {
  if (markerLine(ctx.body.split("\n")) < 0) ctx.problems.error(ctx.paperFile, { line: 1, column: 1 }, "markdown/directive", "the closure report has no start: put '::: block closure-report' on a line of its own after the cover report");
}

async function buildBody(data: PlanClosureData, ctx: KindContext): Promise<PaperBody> {
  const lines = ctx.body.split("\n");
  const marker = markerLine(lines);
  if (marker < 0) return ctx.genericBody(); // reported by checkNarrative

  const offset = marker + 1;
  const closureBody = lines.slice(offset).join("\n");
  const closureCtx: PaperContext = {
    ...ctx,
    body: closureBody,
    report: (line, column, rule, message, hint) => ctx.report(line + offset, column, rule, message, hint),
    warn: (line, column, rule, message, hint) => ctx.warn(line + offset, column, rule, message, hint),
  };
  const coverCtx: PaperContext = { ...ctx, body: lines.slice(0, marker).join("\n"), data: undefined, dataFile: undefined };

  const places = placements(closureBody);
  checkData(data, ctx, closureCtx, places);

  // Figures: a table for each; a chart where the source states at least one value.
  const tables: Record<string, TableInput> = {};
  const charts: Record<string, ChartInput> = {};
  const pct = data.rounding.table_percent_decimals;
  for (const figure of data.figures) {
    const series = figure.series.map((s) => data.series[s]).filter((s) => s !== undefined);
    if (series.length !== figure.series.length) continue;
    tables[figure.id] = figureTable(figure, series, pct);
    if (series.some((s) => Object.keys(s.points).length > 0)) {
      const unit = series[0]!.unit;
      charts[figure.id] = {
        caption: figure.caption,
        table: figure.id,
        mark: figure.chart,
        x: "period",
        y: series.map((_, i) => `v${i}`),
        y_title: unit === "percent" ? "Per cent" : unit === "gbp_m" ? "£m" : series[0]!.measure,
      };
    }
  }
  data.appendix.forEach((block, i) => {
    tables[appendixTableId(block.priority, block.plan)] = appendixTable(data, i);
  });
  tables[MAPPING_TABLE] = mappingTable(data);

  // Claims the narrative quotes are the generic ones (src/claims/), naming series points as <series>@<period>
  // and worded in the report's style; a per cent change rounds to the report's prose precision unless it says.
  const claimOperand = (name: string) => seriesOperand(data, name);
  const claimPhrase = (_id: string, claim: ClaimInput, formula: ClaimFormula): string | undefined => {
    const wording = seriesClaimOf(formula, claim.round);
    const series = wording && data.series[wording.series];
    return series ? claimText(wording, series, data.rounding.prose_percent_decimals).text : undefined;
  };
  const claimRound = 10 ** -data.rounding.prose_percent_decimals;

  const figLabels = figureLabels(places);
  const appLabels = appendixLabels(data);
  const closure = await ctx.genericBody({ tables, charts, claimOperand, claimPhrase, claimRound, idPrefix: PREFIX, figureLabel: (id) => figLabels.get(id) ?? appLabels.get(id) ?? id }, closureCtx);
  const cover = await ctx.genericBody({}, coverCtx);

  const contents = (idPrefix: string): BodyPart => ({
    type: "block",
    block: ctx.block("contents", {
      title: data.report_title,
      titleId: `${idPrefix}${PREFIX}title`,
      entries: contentsEntries(closure.headings, idPrefix),
    }),
  });
  return {
    page: [...cover.page, contents(""), ...closure.page],
    pack: [...cover.pack, contents(`item-${ctx.itemNumber}-`), ...closure.pack],
    headings: [...cover.headings, ...closure.headings.map((h) => ({ ...h, text: h.appendix ? h.text : `${h.text} (closure report)` }))],
    charts: [...cover.charts, ...closure.charts],
    images: [...cover.images, ...closure.images],
    csv: [...cover.csv, ...closure.csv],
    values: new Map([...(closure.values ?? []), ...(cover.values ?? [])]),
    exemptValues: new Set([...(closure.exemptValues ?? []), ...(cover.exemptValues ?? [])]),
  };
}

/** The contents list: chapters and appendices of the closure report, linked, each with its page. */
export function contentsEntries(headings: Heading[], idPrefix: string): Array<{ id: string; label: string; text: string }> {
  return headings
    .filter((h) => h.level === 2)
    .map((h) => ({ id: `${idPrefix}${h.id}`, label: h.appendix ? `${h.number}.` : `${h.number ?? ""}.`, text: h.text }));
}

/** Chapter 11's mapping: each old priority, its wording in the Extension, and where the 2021–2024 plan takes it. */
function mappingTable(data: PlanClosureData): TableInput {
  const extension = data.plans.find((p) => p.role === "extension");
  const original = data.plans.find((p) => p.role === "original");
  const successor = data.plans.find((p) => p.role === "successor");
  const title = (id: string) => data.priorities.find((p) => p.id === id)?.in_plans[successor?.id ?? ""]?.title ?? id;
  const rows = data.priorities
    .filter((p) => p.chapter !== undefined)
    .map((p) => ({
      id: p.id,
      original: p.in_plans[original?.id ?? ""]?.title ?? "",
      chapter: p.chapter!,
      extension: p.in_plans[extension?.id ?? ""]?.title ?? "",
      successors: p.successors.length > 1 ? p.successors.map((s) => `- ${title(s)}`).join("\n") : p.successors.map(title).join(""),
    }));
  return {
    caption: `Priorities of the ${extension?.title ?? "Extension"} and where the ${successor?.title ?? "new plan"} takes them forward`,
    tolerance: 0,
    wide: false,
    groups: {},
    errata: [],
    columns: [
      { key: "original", label: `${original?.title ?? "Original plan"} priority`, type: "text", row_header: true, weekday: false },
      { key: "chapter", label: "Chapter", type: "integer", row_header: false, weekday: false },
      { key: "extension", label: "Wording in the Extension", type: "text", row_header: false, weekday: false },
      { key: "successors", label: `${successor?.title ?? "Successor"} priority`, type: "markdown", row_header: false, weekday: false },
    ],
    rows,
  };
}

function checkData(data: PlanClosureData, ctx: PaperContext, closureCtx: PaperContext, places: ReturnType<typeof placements>): void {
  const { problems, dataFile, data: located } = ctx;
  const file = dataFile!;
  const at = (path: Array<string | number>) => located!.at(path);
  const err = (path: Array<string | number>, rule: string, message: string, hint?: string) => problems.error(file, at(path), rule, message, hint);

  const plans = new Map(data.plans.map((p) => [p.id, p]));
  data.plans.forEach((p, i) => {
    if (data.plans.findIndex((q) => q.id === p.id) !== i) err(["plans", i, "id"], "ref/duplicate-id", `plan '${p.id}' is listed twice`);
    for (const key of ["extends", "succeeds"] as const) {
      const target = p[key];
      if (target && !plans.has(target)) err(["plans", i, key], "ref/unresolved", `plan '${p.id}' ${key} '${target}', which is not a plan`, `plans: ${[...plans.keys()].join(", ")}`);
    }
  });
  const priorities = new Map(data.priorities.map((p) => [p.id, p]));
  data.priorities.forEach((p, i) => {
    if (data.priorities.findIndex((q) => q.id === p.id) !== i) err(["priorities", i, "id"], "ref/duplicate-id", `priority '${p.id}' is listed twice`);
    for (const plan of Object.keys(p.in_plans)) {
      if (!plans.has(plan)) err(["priorities", i, "in_plans", plan], "ref/unresolved", `priority '${p.id}' names plan '${plan}', which is not a plan`, `plans: ${[...plans.keys()].join(", ")}`);
    }
    p.successors.forEach((s, j) => {
      const target = priorities.get(s);
      const inSuccessor = target && Object.keys(target.in_plans).some((plan) => plans.get(plan)?.role === "successor");
      if (!inSuccessor) err(["priorities", i, "successors", j], "ref/unresolved", `priority '${p.id}' is carried into '${s}', which is not a priority of the successor plan`);
    });
    const inExtension = Object.keys(p.in_plans).some((plan) => plans.get(plan)?.role === "extension");
    if (inExtension && p.successors.length === 0) err(["priorities", i], "plan/no-successor", `priority '${p.id}' of the Extension is carried into no priority of the successor plan`, "chapter 11 maps every Extension priority; list its successors");
    if (inExtension && p.chapter === undefined) err(["priorities", i], "schema/missing", `priority '${p.id}' has no chapter in the closure report`);
  });

  for (const [id, series] of Object.entries(data.series)) {
    for (const problem of seriesProblems(series)) err(["series", id, ...problem.path], "value/period", `series '${id}': ${problem.message}`);
  }

  const figureIds = new Set<string>();
  data.figures.forEach((f, i) => {
    if (figureIds.has(f.id)) err(["figures", i, "id"], "ref/duplicate-id", `figure '${f.id}' is listed twice`);
    figureIds.add(f.id);
    f.series.forEach((s, j) => {
      if (!data.series[s]) err(["figures", i, "series", j], "ref/unresolved", `figure '${f.id}' uses series '${s}', which is not in 'series'`, `series: ${Object.keys(data.series).join(", ")}`);
    });
    const first = data.series[f.series[0]!];
    f.series.slice(1).forEach((s, j) => {
      const other = data.series[s];
      if (first && other && other.periods.join() !== first.periods.join()) err(["figures", i, "series", j + 1], "value/period", `series '${s}' covers other periods than '${f.series[0]}' in figure '${f.id}'`);
    });
    const placed = places.filter((p) => p.id === f.id);
    if (placed.length === 0) err(["figures", i, "id"], "figure/unplaced", `figure '${f.id}' is never placed in the closure report`, `add '::: chart ${f.id}' (or '::: table ${f.id}' when the source states none of its values) in chapter ${f.chapter}`);
    placed.slice(1).forEach((p) => closureCtx.report(p.line, 1, "ref/duplicate-id", `figure '${f.id}' is placed twice`));
    const p = placed[0];
    if (p && p.kind === "figure" && p.chapter !== f.chapter) closureCtx.report(p.line, 1, "figure/chapter", `figure '${f.id}' belongs to chapter ${f.chapter} (its data says so) but is placed in chapter ${p.chapter}`, "move it, or correct its chapter in the data file");
  });

  const seen = new Set<string>();
  const commitmentIds = new Set<string>();
  data.appendix.forEach((block, i) => {
    if (!priorities.has(block.priority)) err(["appendix", i, "priority"], "ref/unresolved", `appendix block names priority '${block.priority}', which is not a priority`);
    if (!plans.has(block.plan)) err(["appendix", i, "plan"], "ref/unresolved", `appendix block names plan '${block.plan}', which is not a plan`);
    const key = `${block.priority} ${block.plan}`;
    if (seen.has(key)) err(["appendix", i], "ref/duplicate-id", `priority '${block.priority}' has two blocks for plan '${block.plan}'`);
    seen.add(key);
    block.commitments.forEach((c, j) => {
      if (commitmentIds.has(c.id)) err(["appendix", i, "commitments", j, "id"], "ref/duplicate-id", `commitment id '${c.id}' is used twice`);
      commitmentIds.add(c.id);
    });
  });
  data.appendix.forEach((block, i) => block.commitments.forEach((c, j) => {
    if (c.carried_forward_from && !commitmentIds.has(c.carried_forward_from)) err(["appendix", i, "commitments", j, "carried_forward_from"], "ref/unresolved", `commitment '${c.id}' is carried forward from '${c.carried_forward_from}', which is not a commitment`);
  }));
  // Every old priority has a block for the original plan and for the Extension.
  const oldPlans = data.plans.filter((p) => p.role !== "successor");
  data.priorities.forEach((p, i) => {
    if (p.chapter === undefined) return;
    for (const plan of oldPlans) {
      if (!seen.has(`${p.id} ${plan.id}`)) err(["priorities", i, "id"], "appendix/missing", `the appendix has no commitments of priority '${p.id}' under '${plan.title}'`);
    }
  });
  for (const place of places) {
    if (place.kind === "appendix" && !data.appendix.some((b) => appendixTableId(b.priority, b.plan) === place.id) && place.id !== MAPPING_TABLE) {
      closureCtx.report(place.line, 1, "ref/unresolved", `'::: table ${place.id}' in the appendix is not an appendix block`, "appendix tables are named app-<priority>--<plan>");
    }
  }
  data.appendix.forEach((block, i) => {
    const id = appendixTableId(block.priority, block.plan);
    if (!places.some((p) => p.kind === "appendix" && p.id === id)) err(["appendix", i], "figure/unplaced", `the commitments of '${block.priority}' under '${block.plan}' are never placed`, `add '::: table ${id}' in the appendix`);
  });
}
