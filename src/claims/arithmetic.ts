/**
 * The arithmetic of claims, pure: the figure a formula gives from its operands, the rounding rule that
 * brings it to the stated precision, and the formula written out for a problem's message.
 */
import { formatNumber, roundHalfUp } from "../lib/format.ts";
import { disagrees } from "../lib/stated.ts";
import type { ClaimInput, Direction, Formula } from "./schema.ts";
import { FORMULAS } from "./schema.ts";

/** A claim's formula and the names of its operands, in order. */
export interface ClaimFormula {
  formula: Formula;
  operands: string[];
  /** A ratio's scale (100 for a percentage). */
  per?: number;
}

/** The formula a claim states; undefined when it states none or more than one (reported by the caller). */
export function formulaOf(claim: ClaimInput): ClaimFormula | undefined {
  const given = FORMULAS.filter((f) => claim[f] !== undefined);
  if (given.length !== 1) return undefined;
  const formula = given[0]!;
  const raw = claim[formula]!;
  return { formula, operands: typeof raw === "string" ? [raw] : [...raw], ...(formula === "ratio" && claim.per !== undefined ? { per: claim.per } : {}) };
}

export type Computed = { value: number } | { error: string };

/** The figure a formula gives, unrounded; an error for a division by zero. */
export function compute(f: ClaimFormula, values: number[]): Computed {
  const [a = 0, b = 0] = values;
  switch (f.formula) {
    case "value": return { value: a };
    case "sum": return { value: values.reduce((s, v) => s + v, 0) };
    case "difference": return { value: a - b };
    case "ratio": return b === 0 ? { error: `${f.operands[1]} is zero, so the ratio has no value` } : { value: (a / b) * (f.per ?? 1) };
    case "change": return a === 0 ? { error: `${f.operands[0]} is zero, so there is no percentage change from it` } : { value: ((b - a) / a) * 100 };
    case "change_points": return { value: b - a };
  }
}

/** The step a claim is rounded to: `whole` is 1. */
export function stepOf(round: ClaimInput["round"]): number {
  return round === undefined || round === "whole" ? 1 : round;
}

/** Decimal places a step prints with: 1 → 0, 0.1 → 1, 0.05 → 2, 1000 → 0. */
export function decimalsOf(step: number): number {
  const text = String(step);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Number(exponent[1]);
  return text.includes(".") ? text.split(".")[1]!.length : 0;
}

/** Round to a multiple of `step` in the given direction, measured from zero (so −24.6 down to whole is −24). */
export function roundTo(value: number, step: number, direction: Direction): number {
  const decimals = decimalsOf(step);
  const units = Math.abs(value) / step;
  // The epsilon absorbs binary error (0.3 / 0.1 = 2.9999999999999996), as roundHalfUp does.
  const whole = direction === "nearest" ? Math.floor(units + 0.5 + 1e-9) : direction === "down" ? Math.floor(units + 1e-9) : Math.ceil(units - 1e-9);
  const magnitude = roundHalfUp(whole * step, decimals);
  return value < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

/** The computed figure as the claim states it: signed or its size, rounded by the claim's rule. */
export function roundedClaim(claim: Pick<ClaimInput, "round" | "direction" | "absolute">, value: number): number {
  return roundTo(claim.absolute ? Math.abs(value) : value, stepOf(claim.round), claim.direction);
}

/** True when the stated figure is not the computed one under the claim's rounding and tolerance. */
export function claimDisagrees(claim: Pick<ClaimInput, "round" | "direction" | "absolute" | "tolerance">, stated: number, computed: number): boolean {
  return disagrees(stated, roundedClaim(claim, computed), { tolerance: claim.tolerance });
}

/** "a (3,369) + b (218) + c (200) = 3,787": the formula with its operands' values, for a message. */
export function describeFormula(f: ClaimFormula, values: number[], result: number): string {
  const shown = f.operands.map((name, i) => `${name} (${plain(values[i]!)})`);
  const [a = "", b = ""] = shown;
  const out = plain(result);
  switch (f.formula) {
    case "value": return `${a}`;
    case "sum": return `${shown.join(" + ")} = ${out}`;
    case "difference": return `${a} − ${b} = ${out}`;
    case "ratio": return `${a} ÷ ${b}${f.per !== undefined && f.per !== 1 ? ` × ${plain(f.per)}` : ""} = ${out}`;
    case "change": return `the change from ${a} to ${b}, (${plain(values[1]!)} − ${plain(values[0]!)}) ÷ ${plain(values[0]!)} × 100 = ${out}%`;
    case "change_points": return `${b} − ${a} = ${out} percentage points`;
  }
}

/** "whole numbers", "0.1", "at least (rounded down) to 0.01". */
export function describeRounding(claim: Pick<ClaimInput, "round" | "direction">): string {
  const step = stepOf(claim.round);
  const to = step === 1 ? "a whole number" : `a multiple of ${plain(step)}`;
  return claim.direction === "nearest" ? `rounded to ${to}` : `rounded ${claim.direction === "down" ? "towards zero" : "away from zero"} to ${to}`;
}

/** A number as a message shows it: grouped, up to four decimals, no trailing zeros. */
export function plain(value: number): string {
  const decimals = Math.min(4, Math.max(0, decimalsOf(Number(value.toFixed(4)))));
  return formatNumber(value, decimals);
}
