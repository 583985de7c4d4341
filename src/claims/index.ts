/**
 * Claims of any paper: each is computed from the named values it states, rounded by its rule, checked
 * against the figure the source states, and quoted in prose as [@value:<id>] — a claim is a value the
 * paper computes, so it shares the values' names, their exempt handling and their use in table cells.
 */
import { closest, type Problems } from "../content/problems.ts";
import { formatProse } from "../tables/format.ts";
import { claimDisagrees, compute, decimalsOf, describeFormula, describeRounding, formulaOf, plain, roundedClaim, stepOf, type ClaimFormula } from "./arithmetic.ts";
import { FORMULAS, type ClaimInput } from "./schema.ts";

/** What an operand's name gives: a number, a reason it has none, or undefined for a name nothing answers to. */
export type Operand = { value: number } | { missing: string } | undefined;

export interface ClaimContext {
  file: string;
  at(path: Array<string | number>): { line: number; column: number };
  problems: Problems;
  /** The number behind a name: a value, a table cell (table/row/column) or a kind's own figure. */
  operand(name: string): Operand;
  /** Names a misspelt operand may have meant. */
  operandNames(): string[];
  /** A kind's own wording of a claim ("a reduction of 42 per cent"); undefined prints the figure by its type. */
  phrase?(id: string, claim: ClaimInput, formula: ClaimFormula, computed: number): string | undefined;
}

export interface ResolvedClaim {
  /** The computed figure, unrounded; undefined for a claim that cannot be computed (reported). */
  computed?: number;
  /** What [@value:<id>] prints. */
  text: string;
}

/**
 * Every claim computed, checked and worded; each problem reported where the data file states it. A claim
 * that cannot be computed still has a text (its stated figure, or its name), so the prose that quotes it
 * is not reported a second time as quoting nothing: the one problem is the claim's own.
 */
export function resolveClaims(claims: Record<string, ClaimInput>, ctx: ClaimContext): Map<string, ResolvedClaim> {
  const out = new Map<string, ResolvedClaim>();
  for (const [id, claim] of Object.entries(claims)) {
    out.set(id, resolveClaim(id, claim, ctx) ?? { text: claim.stated !== undefined ? plain(claim.stated) : `[claim:${id}]` });
  }
  return out;
}

function resolveClaim(id: string, claim: ClaimInput, ctx: ClaimContext): ResolvedClaim | undefined {
  const f = formulaOf(claim);
  if (!f) {
    const given = FORMULAS.filter((k) => claim[k] !== undefined);
    ctx.problems.error(ctx.file, ctx.at(["claims", id]), "claim/invalid", given.length === 0 ? `claim '${id}' states no arithmetic` : `claim '${id}' states ${given.join(" and ")}: a claim is one formula`, `give exactly one of: ${FORMULAS.join(", ")}`);
    return undefined;
  }
  if (claim.per !== undefined && f.formula !== "ratio") ctx.problems.error(ctx.file, ctx.at(["claims", id, "per"]), "claim/invalid", `claim '${id}': 'per' scales a ratio, and this claim is a ${f.formula}`, "remove 'per', or make the claim a ratio");
  const values: number[] = [];
  f.operands.forEach((name, i) => {
    const path = ["claims", id, f.formula, ...(f.formula === "value" ? [] : [i])];
    const found = ctx.operand(name);
    if (found === undefined) {
      const near = closest(name, ctx.operandNames());
      ctx.problems.error(ctx.file, ctx.at(path), "ref/unresolved", `claim '${id}' uses '${name}', which is not a value of this paper`, near ? `did you mean '${near}'?` : "name a key of 'values', or a table cell as table/row/column");
    } else if ("missing" in found) {
      ctx.problems.error(ctx.file, ctx.at(path), "claim/invalid", `claim '${id}': ${found.missing}`);
    } else values.push(found.value);
  });
  if (values.length !== f.operands.length) return undefined;
  const result = compute(f, values);
  if ("error" in result) {
    ctx.problems.error(ctx.file, ctx.at(["claims", id, f.formula]), "claim/invalid", `claim '${id}': ${result.error}`);
    return undefined;
  }
  const computed = result.value;
  if (claim.stated !== undefined && claimDisagrees(claim, claim.stated, computed)) {
    const rounded = roundedClaim(claim, computed);
    const asStated = rounded === computed ? "" : `, ${plain(rounded)} ${describeRounding(claim)}`;
    ctx.problems.error(
      ctx.file, ctx.at(["claims", id, "stated"]), "claim/mismatch",
      `claim '${id}' states ${plain(claim.stated)} but ${describeFormula(f, values, computed)}${asStated}${claim.absolute ? " (its size)" : ""}`,
      "correct the stated figure or the values it is computed from",
    );
  }
  const text = ctx.phrase?.(id, claim, f, computed) ?? claimFigure(claim, f, computed);
  return { computed, text };
}

/** The figure a claim prints: the stated one (it agrees with the computed one), else the computed one rounded by the rule. */
export function claimFigure(claim: ClaimInput, f: ClaimFormula, computed: number): string {
  const figure = claim.stated ?? roundedClaim(claim, computed);
  const type = claim.type ?? (f.formula === "change" || (f.formula === "ratio" && f.per === 100) ? "percent" : "number");
  return formatProse(figure, type, decimalsOf(stepOf(claim.round)));
}
