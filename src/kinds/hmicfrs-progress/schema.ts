/**
 * The data file of an HMICFRS inspection progress report: the inspection (pillars → sub-questions → areas
 * for improvement, with grades), causes of concern, the leads, the progress record per area for improvement
 * and the "service in numbers" metrics. The generic keys (values, tables, charts) are validated by the generic kind.
 */
import { z } from "zod";
import { isoDate, strict } from "../../content/validate.ts";

/** HMICFRS graded judgements, best first. */
export const GRADES = ["outstanding", "good", "requires_improvement", "inadequate"] as const;
export type Grade = (typeof GRADES)[number];

const grade = z.enum(GRADES);
const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "write months as YYYY-MM, e.g. 2022-07");
const id = z.string().regex(/^[A-Za-z0-9_-]+$/, "ids use letters, digits, _ and -");

export const afiSchema = strict({
  id,
  text: z.string().min(1),
  /** Carried over from the previous inspection (HMICFRS says the earlier area for improvement remains). */
  repeat: z.boolean().default(false),
});

export const subQuestionSchema = strict({
  id,
  short_title: z.string().min(1),
  title: z.string().min(1),
  grade,
  previous_grade: grade,
  areas_for_improvement: z.array(afiSchema).default([]),
});

export const pillarSchema = strict({
  id,
  title: z.string().min(1),
  question: z.string().min(1),
  grade,
  previous_grade: grade,
  sub_questions: z.array(subQuestionSchema).min(1),
});

export const causeOfConcernSchema = strict({
  id,
  sub_question: z.string(),
  issued: z.string(),
  status: z.enum(["open", "closed"]),
  summary: z.string(),
  recommendations: z.array(strict({ text: z.string(), due: isoDate, status: z.enum(["met", "not_met", "in_progress"]).optional() })).default([]),
});

export const inspectionSchema = strict({
  inspectorate: z.string(),
  inspectorate_name: z.string(),
  service: z.string(),
  service_short: z.string(),
  title: z.string(),
  cycle: z.string(),
  previous_cycle: strict({ label: z.string(), year: z.string() }),
  fieldwork: strict({ from: isoMonth, to: isoMonth, weeks: z.number().int().positive().optional() }),
  published: isoMonth,
  hmi: z.string(),
  revisit: strict({ week_commencing: isoDate, cause_of_concern: z.string() }).optional(),
  next_full_inspection: z.string().optional(),
});

export const progressSchema = strict({
  /** The id of the area for improvement this row reports on. */
  afi: z.string(),
  /** A financial-year quarter ("Q4 2022/23"), checked by the builder; null where none was set. */
  timescale: z.string().nullable(),
  /** A key of `leads`. */
  lead: z.string(),
  /** A remark the progress report adds under the area for improvement (printed after the HMICFRS text). */
  said_note: z.string().optional(),
  progress: z.array(z.string().min(1)).min(1),
  future: z.array(z.string().min(1)).default([]),
});

export const metricSchema = strict({
  id,
  section: z.string(),
  label: z.string(),
  period: z.string(),
  type: z.enum(["number", "percent", "money", "integer"]),
  decimals: z.number().int().min(0).max(4).default(0),
  essex: z.number(),
  england: z.number(),
});

export const hmicfrsDataSchema = strict({
  inspection: inspectionSchema,
  pillars: z.array(pillarSchema).min(1),
  causes_of_concern: z.array(causeOfConcernSchema).default([]),
  leads: z.record(z.string(), z.string()),
  progress: z.array(progressSchema),
  service_in_numbers: z.array(metricSchema).default([]),
});

export type HmicfrsData = z.infer<typeof hmicfrsDataSchema>;
export type Pillar = HmicfrsData["pillars"][number];
export type SubQuestion = Pillar["sub_questions"][number];
export type ProgressRow = HmicfrsData["progress"][number];
export type Metric = HmicfrsData["service_in_numbers"][number];
