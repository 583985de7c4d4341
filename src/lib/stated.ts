/**
 * The one comparison of a stated figure with the value computed from the data, used by every check of a
 * typed total, value, claim or count: the computed value is rounded as it is printed, and the two must
 * then agree within the tolerance the author declared (none by default).
 */
import { roundHalfUp } from "./format.ts";

export interface Agreement {
  /** The decimals the figure is printed with: the computed value is rounded to them before comparing. */
  decimals?: number;
  /** How far apart the two may be and still agree (a source that rounds differently). */
  tolerance?: number;
}

/** True when the stated figure is not the computed value (as printed, within the tolerance). */
export function disagrees(stated: number, computed: number, agreement: Agreement = {}): boolean {
  const printed = agreement.decimals === undefined ? computed : roundHalfUp(computed, agreement.decimals);
  return Math.abs(printed - stated) > (agreement.tolerance ?? 0) + 1e-9;
}
