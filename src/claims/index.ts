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
export type Operand = { value: number } | { missing: string; rule?: string; hint?: string } | undefined;

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
  /** The figure it prints (its stated one, else the computed one rounded by its rule): what a claim naming it takes. */
  printed?: number;
  /** What [@value:<id>] prints. */
  text: string;
}

/**
 * Every claim computed, checked and worded; each problem reported where the data file states it. A claim
 * that cannot be computed still has a text (its stated figure, or its name), so the prose that quotes it
 * is not reported a second time as quoting nothing: the one problem is the claim's own.
 *
 * A claim may name another claim of the paper as an operand (a sum of claims, a change between two): the
 * claims it names are computed first, and it takes the figure each *prints* (its stated figure, else its
 * computed one rounded by its rule), since that is the figure the reader adds up. A claim that names
 * itself, directly or through others, is a cycle: `claim/cycle` at the name that closes it.
 */
export function resolveClaims(claims: Record<string, ClaimInput>, ctx: ClaimContext): Map<string, ResolvedClaim> {
  const out = new Map<string, ResolvedClaim>();
  /** Claims being computed, in the order they were entered: the chain a cycle is reported with. */
  const entered: string[] = [];
  const resolve = (id: string): ResolvedClaim => {
    const done = out.get(id);
    if (done) return done;
    const claim = claims[id]!;
    entered.push(id);
    const claimOperand = (name: string): ClaimOperand => {
      if (!Object.hasOwn(claims, name)) return undefined;
      if (entered.includes(name)) return { cycle: [...entered.slice(entered.indexOf(name)), name] };
      const named = resolve(name);
      return named.printed === undefined ? { failed: true } : { value: named.printed };
    };
    const resolved = resolveClaim(id, claim, ctx, claimOperand, Object.keys(claims)) ?? { text: claim.stated !== undefined ? plain(claim.stated) : `[claim:${id}]` };
    entered.pop();
    out.set(id, resolved);
    return resolved;
  };
  for (const id of Object.keys(claims)) resolve(id);
  // In the data file's order, whatever order they were computed in.
  return new Map(Object.keys(claims).map((id) => [id, out.get(id)!]));
}

/** What a claim's name gives as an operand: its printed figure, a cycle, a claim that failed (reported already), or not a claim. */
type ClaimOperand = { value: number } | { cycle: string[] } | { failed: true } | undefined;

function resolveClaim(id: string, claim: ClaimInput, ctx: ClaimContext, claimOperand: (name: string) => ClaimOperand, claimIds: string[]): ResolvedClaim | undefined {
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
    const found = ctx.operand(name) ?? claimOperand(name);
    if (found === undefined) {
      const near = closest(name, [...ctx.operandNames(), ...claimIds.filter((c) => c !== id)]);
      ctx.problems.error(ctx.file, ctx.at(path), "ref/unresolved", `claim '${id}' uses '${name}', which is not a value or a claim of this paper`, near ? `did you mean '${near}'?` : "name a key of 'values' or 'claims', or a table cell as table/row/column");
    } else if ("cycle" in found) {
      ctx.problems.error(ctx.file, ctx.at(path), "claim/cycle", `claim '${id}' is computed from itself: ${found.cycle.join(" → ")}`, "a claim may name other claims, but none of them may name it back: compute one of them from values instead");
    } else if ("missing" in found) {
      ctx.problems.error(ctx.file, ctx.at(path), found.rule ?? "claim/invalid", `claim '${id}': ${found.missing}`, found.hint);
    } else if ("value" in found) values.push(found.value);
    // A claim that failed is reported at itself; this one is left uncomputed, without a second finding.
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
  return { computed, printed: claim.stated ?? roundedClaim(claim, computed), text };
}

/** The figure a claim prints: the stated one (it agrees with the computed one), else the computed one rounded by the rule. */
export function claimFigure(claim: ClaimInput, f: ClaimFormula, computed: number): string {
  const figure = claim.stated ?? roundedClaim(claim, computed);
  const type = claim.type ?? (f.formula === "change" || (f.formula === "ratio" && f.per === 100) ? "percent" : "number");
  return formatProse(figure, type, decimalsOf(stepOf(claim.round)));
}
