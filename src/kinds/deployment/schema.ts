/**
 * The data file of a deployment-to-incidents paper: what the deployment kind reads beyond the generic
 * values / tables / charts. Shapes are checked here with zod; relations between parts (months of the period,
 * crime-type ids, stated figures) are checked by checks.ts and performance.ts, which know where each value sits in the file.
 */
import { z } from "zod";
import { isoDate, strict } from "../../content/validate.ts";

/** The three grades whose performance the force reports, in the order tables use. */
export const GRADES = ["emergency", "priority", "routine"] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { emergency: "Emergency", priority: "Priority", routine: "Routine" };

export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "write months as YYYY-MM, e.g. 2021-09");

/** A date that may be only a year or a month: 2023, 2023-01, 2023-01-31. */
const partialDate = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .pipe(z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, "write a date as YYYY, YYYY-MM or YYYY-MM-DD"));

/** Counts are whole numbers; performance.ts reports negative ones with their place in the file. */
const count = z.number().int();
const percent = z.number().min(0).max(100);

/** [met, not met] for one grade in one month. */
const pair = z.tuple([count, count]);
export const gradeCountsSchema = strict({ emergency: pair, priority: pair, routine: pair });
export type GradeCounts = z.infer<typeof gradeCountsSchema>;

const statedFigures = strict({ met: count.optional(), not_met: count.optional(), pct: percent.optional() });
const statedTotal = strict({ emergency: statedFigures.optional(), priority: statedFigures.optional(), routine: statedFigures.optional() });

const countSeries = strict({
  /** Month "YYYY-MM" → counts; every month of the period, in order (checked in checks.ts). */
  months: z.record(z.string(), gradeCountsSchema),
  stated_total: statedTotal.optional(),
});
export type CountSeries = z.infer<typeof countSeries>;

const gradeRates = strict({ emergency: percent, priority: percent, routine: percent });

export const deploymentSchema = strict({
  period: strict({ from: yearMonth, to: yearMonth }),
  crime_types: z
    .array(
      strict({
        id: z.string().regex(/^[a-z0-9_]+$/, "crime type ids use lower-case letters, digits and _"),
        label: z.string().min(1),
        short: z.string().min(1),
        also_called: z.string().optional(),
      }),
    )
    .min(1),
  grading_schemes: z
    .array(
      strict({
        id: z.string(),
        status: z.enum(["current", "proposed"]),
        caption: z.string(),
        grades: z.array(strict({ grade: z.number().int().min(1), response: z.string(), target: z.string(), class: z.enum(GRADES).optional() })).min(1),
      }),
    )
    .default([]),
  kpis: z
    .array(
      strict({
        id: z.string(),
        measure: z.string(),
        target: percent,
        direction: z.enum(["at_least", "below"]),
        measured_by: z.enum(GRADES).optional(),
      }),
    )
    .default([]),
  attendance_by_class: strict({
    period: strict({ from: isoDate, to: isoDate }),
    rows: z.array(strict({ id: z.string(), label: z.string(), total: count, attended: count, stated_rate: percent.optional(), erratum: z.string().optional() })).min(1),
  }).optional(),
  time_met_summary: strict({
    period: strict({ from: isoDate, to: isoDate }),
    by_crime_type: z.record(z.string(), gradeRates).default({}),
    by_class: z.record(z.string(), gradeRates).default({}),
  }).optional(),
  attendance_rates: z
    .record(
      z.string(),
      strict({
        caption: z.string(),
        months: z.record(z.string(), z.record(z.string(), percent)),
        total: z.record(z.string(), percent).optional(),
      }),
    )
    .default({}),
  time_met: strict({
    by_crime_type: z.record(z.string(), countSeries),
    stated_all_high_harm: countSeries.optional(),
  }),
  findings: z.array(strict({ id: z.string(), source: z.string(), judgement: z.string().optional(), summary: z.string(), points: z.array(z.string()).default([]) })).default([]),
  actions: z
    .array(
      strict({
        title: z.string(),
        date: partialDate.optional(),
        start: partialDate.optional(),
        due: partialDate.optional(),
        /** Text that replaces the generated date, e.g. "Autumn 2023". */
        when: z.string().optional(),
        status: z.string().optional(),
      }),
    )
    .default([]),
});

export type DeploymentData = z.infer<typeof deploymentSchema>;
