/**
 * A claim: a figure the narrative quotes that is arithmetic on named values (a sum, a difference, a ratio
 * or rate, a percentage change, a percentage-point change), computed so it cannot drift, with the rule it
 * is rounded by and, optionally, the figure the source states, which is checked against it.
 */
import { z } from "zod";
import { strict } from "../content/validate.ts";

/** The arithmetic a claim states, each over named values (operands). */
export const FORMULAS = ["value", "sum", "difference", "ratio", "change", "change_points"] as const;
export type Formula = (typeof FORMULAS)[number];

/** How a computed figure is brought to the stated precision: half away from zero, towards zero ("at least"), or away from it ("nearly"). */
export const DIRECTIONS = ["nearest", "down", "up"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const CLAIM_TYPES = ["integer", "number", "percent", "money", "money_m"] as const;

const operand = z.string().min(1);
const pair = z.tuple([operand, operand]);

export const claimSchema = strict({
  /** One named value, as the claim rounds it (a figure quoted to fewer places than its table). */
  value: operand.optional(),
  /** The sum of two or more named values. */
  sum: z.array(operand).min(2).optional(),
  /** The first named value minus the second. */
  difference: pair.optional(),
  /** The first named value divided by the second; times `per` for a rate (per: 100 is a percentage). */
  ratio: pair.optional(),
  per: z.number().positive().optional(),
  /** Percentage change from the first named value to the second: (second − first) ÷ first × 100. */
  change: pair.optional(),
  /** Change in percentage points from the first (a percentage) to the second: second − first. */
  change_points: pair.optional(),
  /** The precision: `whole`, or the step the figure is rounded to (1, 0.1, 0.01, 0.5, 1000). Default whole. */
  round: z.union([z.literal("whole"), z.number().positive()]).optional(),
  /** nearest (default): half away from zero; down: towards zero ("at least"); up: away from zero ("nearly"). */
  direction: z.enum(DIRECTIONS).default("nearest"),
  /** The figure the source states; checked against the computed one, and what [@value:…] prints. */
  stated: z.number().optional(),
  /** How far the stated figure may be from the rounded computed one and still agree (default 0). */
  tolerance: z.number().min(0).default(0),
  /** Compare and print the size without its sign ("fell by 24 per cent" of a change of −24.6). */
  absolute: z.boolean().default(false),
  /** How it prints; default percent for a change or a ratio per 100, number otherwise. */
  type: z.enum(CLAIM_TYPES).optional(),
});
export type ClaimInput = z.output<typeof claimSchema>;
