/**
 * The red team (test/exempt/red-team.ts), its attacks built without PDFs: the public build refuses each
 * with the named rule at the named file and line, or publishes no byte of exempt material. (The attacks
 * printed too are in red-team-print.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { ATTACKS, runAttack } from "./red-team.ts";

describe("the red team: exempt material is never published", () => {
  it("has at least 40 attacks, a few of them printed", () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(40);
    expect(ATTACKS.filter((attack) => attack.pdf).length).toBeGreaterThanOrEqual(3);
  });

  for (const attack of ATTACKS.filter((a) => !a.pdf)) it(attack.name, { timeout: 120_000 }, () => runAttack(attack));
});
