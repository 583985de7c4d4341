/**
 * The red team (test/exempt/red-team.ts), its attacks whose outcome could differ in print: built with PDFs,
 * and no PDF page's text may hold an exempt word either. (The others are in red-team.test.ts.)
 */
import { describe, it } from "vitest";
import { ATTACKS, runAttack } from "./red-team.ts";

describe("the red team, printed: exempt material is never published", () => {
  for (const attack of ATTACKS.filter((a) => a.pdf)) it(attack.name, { timeout: 300_000 }, () => runAttack(attack));
});
