/**
 * The arithmetic of claims (src/claims/arithmetic.ts): each formula, the rounding rules, and whether a
 * stated figure agrees — with the published figures of issue 20 as cases.
 */
import { describe, expect, it } from "vitest";
import { claimDisagrees, compute, decimalsOf, describeFormula, formulaOf, roundTo, roundedClaim } from "../../src/claims/arithmetic.ts";
import { claimSchema, type ClaimInput } from "../../src/claims/schema.ts";

const claim = (input: Record<string, unknown>): ClaimInput => claimSchema.parse(input);
const valueOf = (input: Record<string, unknown>, values: number[]): number => {
  const result = compute(formulaOf(claim(input))!, values);
  if ("error" in result) throw new Error(result.error);
  return result.value;
};

describe("formulas", () => {
  // [claim, operand values, computed figure]
  const cases: Array<[Record<string, unknown>, number[], number]> = [
    [{ sum: ["a", "b", "c"] }, [3369, 218, 200], 3787],
    [{ difference: ["a", "b"] }, [165518, 111022], 54496],
    [{ ratio: ["solved", "recorded"], per: 100 }, [3227, 51302], (3227 / 51302) * 100],
    [{ ratio: ["a", "b"] }, [3060, 378], 3060 / 378],
    [{ change: ["before", "after"] }, [4310, 3250], ((3250 - 4310) / 4310) * 100],
    [{ change_points: ["before", "after"] }, [68.7, 71.4], 71.4 - 68.7],
    [{ value: "a" }, [68.74], 68.74],
  ];
  it.each(cases)("%j of %j", (input, values, expected) => {
    expect(valueOf(input, values)).toBeCloseTo(expected, 9);
  });
  it("refuses a division by zero rather than print Infinity", () => {
    expect(compute(formulaOf(claim({ ratio: ["a", "b"] }))!, [1, 0])).toEqual({ error: "b is zero, so the ratio has no value" });
    expect(compute(formulaOf(claim({ change: ["a", "b"] }))!, [0, 5])).toEqual({ error: "a is zero, so there is no percentage change from it" });
  });
  it("finds no formula in a claim that states none, or two", () => {
    expect(formulaOf(claim({ stated: 3 }))).toBeUndefined();
    expect(formulaOf(claim({ sum: ["a", "b"], difference: ["a", "b"] }))).toBeUndefined();
  });
});

describe("rounding rules", () => {
  // [value, step, direction, rounded]
  const cases: Array<[number, number, "nearest" | "down" | "up", number]> = [
    [-24.59, 1, "nearest", -25],
    [-24.59, 1, "down", -24], // "at least 24 per cent": towards zero
    [-24.01, 1, "up", -25],
    [6.2902, 0.01, "nearest", 6.29],
    [6.295, 0.01, "nearest", 6.3], // half away from zero, in decimal
    [81.25, 0.1, "nearest", 81.3],
    [0.3, 0.1, "down", 0.3], // 0.3 / 0.1 is 2.9999999999999996 in binary
    [12_345, 1000, "nearest", 12_000],
    [2.26, 0.5, "nearest", 2.5],
    [-0.4, 1, "nearest", 0], // never "−0"
  ];
  it.each(cases)("%d to %d (%s) is %d", (value, step, direction, rounded) => {
    expect(roundTo(value, step, direction)).toBe(rounded);
  });
  it("prints a step's places", () => {
    expect([1, 0.1, 0.05, 0.001, 1000, 1e-7].map(decimalsOf)).toEqual([0, 1, 2, 3, 0, 7]);
  });
});

describe("a stated figure against its claim (issue 20's published figures)", () => {
  it("catches a sum that leaves a part out: 3,369 + 218 + 200 is not 3,755", () => {
    expect(claimDisagrees(claim({ sum: ["a", "b", "c"] }), 3755, 3787)).toBe(true);
    expect(claimDisagrees(claim({ sum: ["a", "b", "c"] }), 3787, 3787)).toBe(false);
  });
  it("checks a solved rate to the places it is stated", () => {
    const rate = (3227 / 51302) * 100; // 6.2902…
    expect(claimDisagrees(claim({ ratio: ["s", "r"], per: 100, round: 0.01 }), 6.29, rate)).toBe(false);
    expect(claimDisagrees(claim({ ratio: ["s", "r"], per: 100, round: 0.01 }), 6.3, rate)).toBe(true);
    expect(claimDisagrees(claim({ ratio: ["s", "r"], per: 100, round: 0.1 }), 6.3, rate)).toBe(false);
  });
  it("holds '24 per cent' for −24.6% to its rule: wrong rounded to whole, right as 'at least'", () => {
    const change = ((3250 - 4310) / 4310) * 100; // −24.59…
    expect(claimDisagrees(claim({ change: ["a", "b"], absolute: true }), 24, change)).toBe(true);
    expect(claimDisagrees(claim({ change: ["a", "b"], absolute: true, direction: "down" }), 24, change)).toBe(false);
    expect(claimDisagrees(claim({ change: ["a", "b"] }), -25, change)).toBe(false);
    expect(claimDisagrees(claim({ change: ["a", "b"] }), 25, change)).toBe(true); // the sign matters unless the claim is of the size
  });
  it("lets a declared tolerance absorb a source that rounds differently", () => {
    expect(claimDisagrees(claim({ sum: ["a", "b"], round: 0.1, tolerance: 0.1 }), 12.9, 13.04)).toBe(false);
    expect(claimDisagrees(claim({ sum: ["a", "b"], round: 0.1, tolerance: 0.1 }), 12.8, 13.04)).toBe(true);
  });
  it("rounds the size of a claim of size", () => {
    expect(roundedClaim(claim({ change: ["a", "b"], absolute: true }), -24.59)).toBe(25);
  });
});

describe("the formula as a message shows it", () => {
  it("names each operand with its value", () => {
    expect(describeFormula(formulaOf(claim({ sum: ["officers", "uplift", "extra"] }))!, [3369, 218, 200], 3787)).toBe("officers (3,369) + uplift (218) + extra (200) = 3,787");
    expect(describeFormula(formulaOf(claim({ ratio: ["solved", "recorded"], per: 100 }))!, [3227, 51302], (3227 / 51302) * 100)).toBe("solved (3,227) ÷ recorded (51,302) × 100 = 6.2902");
    expect(describeFormula(formulaOf(claim({ change: ["b19", "b23"] }))!, [4310, 3250], -24.5939675)).toBe("the change from b19 (4,310) to b23 (3,250), (3,250 − 4,310) ÷ 4,310 × 100 = −24.594%");
  });
});
