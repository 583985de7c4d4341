/**
 * The data of a Police and Crime Plan closure report: the plans, their priorities (one stable id per
 * priority, numbered differently in each plan and in the report's chapters), the measure series behind
 * the figures, the figures, and the appendix of commitments.
 */
import { z } from "zod";
import { strict } from "../../content/validate.ts";

const ID = /^[a-z0-9][a-z0-9-]*$/;
const id = z.string().regex(ID, "ids use lower-case letters, digits and -");

export const PLAN_ROLES = ["original", "extension", "successor"] as const;
export const UNITS = ["count", "percent", "score", "gbp_m", "fte", "headcount"] as const;
export type Unit = (typeof UNITS)[number];
export const PERIOD_TYPES = ["financial_year", "calendar_year"] as const;

export const planSchema = strict({
  id,
  title: z.string(),
  role: z.enum(PLAN_ROLES),
  extends: id.optional(),
  succeeds: id.optional(),
  /** The label the appendix gives this plan's block of commitments. */
  appendix_label: z.string().optional(),
  reason: z.string().optional(),
});

export const prioritySchema = strict({
  id,
  /** Chapter of the closure report that reviews this priority (old-plan priorities only). */
  chapter: z.number().int().min(1).optional(),
  /** Per plan: its number in that plan (the appendix numbering) and its wording there. */
  in_plans: z.record(z.string(), strict({ number: z.number().int().min(1).optional(), title: z.string() })),
  /** Priorities of the successor plan this one is carried into. */
  successors: z.array(id).default([]),
});

/** A measure: the periods a figure spans, and the values the source states for some of them. */
export const seriesSchema = strict({
  measure: z.string(),
  unit: z.enum(UNITS),
  period_type: z.enum(PERIOD_TYPES).default("financial_year"),
  periods: z.array(z.string()),
  baseline: z.string().optional(),
  /** Values the source states, by period. Periods left out are not stated in the source. */
  points: z.record(z.string(), z.number()).default({}),
  decimals: z.number().int().min(0).max(3).optional(),
  note: z.string().optional(),
});
export type SeriesInput = z.infer<typeof seriesSchema>;

export const figureSchema = strict({
  id,
  chapter: z.number().int().min(1),
  caption: z.string(),
  series: z.array(id).min(1),
  chart: z.enum(["bar", "line"]),
  /** Short names of the series in a figure with more than one. */
  series_labels: z.array(z.string()).optional(),
});
export type FigureInput = z.infer<typeof figureSchema>;

export const CLAIM_KINDS = ["value", "change", "change_abs", "multiple"] as const;
/**
 * How the closure report words a claim on one series (its claims are the generic ones, src/claims/, whose
 * operands name series points as <series>@<period>; this is the shape their wording is worked out from).
 */
export interface SeriesClaim {
  series: string;
  kind: (typeof CLAIM_KINDS)[number];
  from?: string;
  to?: string;
  decimals?: number;
}

export const commitmentSchema = strict({
  id,
  text: z.string(),
  evidence: z.array(z.string()).min(1),
  carried_forward_from: id.optional(),
});

export const appendixBlockSchema = strict({
  priority: id,
  plan: id,
  commitments: z.array(commitmentSchema).min(1),
});

export const roundingSchema = strict({
  /** Half away from zero (roundHalfUp), at these many decimals. */
  table_percent_decimals: z.number().int().min(0).max(3),
  prose_percent_decimals: z.number().int().min(0).max(3),
});

export const planClosureSchema = strict({
  /** The title of the closure report printed after the cover report. */
  report_title: z.string(),
  rounding: roundingSchema,
  plans: z.array(planSchema).min(1),
  priorities: z.array(prioritySchema).min(1),
  series: z.record(z.string(), seriesSchema),
  figures: z.array(figureSchema),
  appendix: z.array(appendixBlockSchema).default([]),
});
export type PlanClosureData = z.infer<typeof planClosureSchema>;
