/**
 * `check --strict` fails on new problems, not on the misprints the content has already recorded as errata:
 * an acknowledged warning carries that fact in the problem model, in the text and in the JSON.
 */
import { describe, expect, it } from "vitest";
import { Problems } from "../../src/content/problems.ts";
import { RULES, type Rule } from "../../src/content/rules.ts";
import { cliAsync, edit, fixtureProject, MAIN } from "../helpers.ts";

describe("acknowledged problems", () => {
  it("a recorded erratum is acknowledged by its rule; any other warning is a new problem", () => {
    const problems = new Problems();
    problems.warn("/p/a.yaml", { line: 3, column: 5 }, "total/erratum", "the source prints (4.3), its parts give (4.2)");
    problems.warn("/p/a.yaml", { line: 9, column: 5 }, "total/erratum-unused", "erratum is not needed");
    problems.warn("/p/a.yaml", { line: 12, column: 1 }, "figure/unused", "a table never placed");
    expect(problems.list.map((p) => [p.rule, p.acknowledged])).toEqual([["total/erratum", "recorded as an erratum"], ["total/erratum-unused", undefined], ["figure/unused", undefined]]);
    expect(problems.warningCount).toBe(3);
    expect(problems.unacknowledgedWarningCount).toBe(2);
    expect(problems.format("/p")).toMatch(/0 errors, 3 warnings \(1 acknowledged\)$/);
  });

  it("takes acknowledgement from the rule, never from the finding (a replayed record cannot claim it)", () => {
    const problems = new Problems();
    problems.add({ file: "/p/a.yaml", line: 1, column: 1, rule: "figure/unused", severity: "warning", message: "m", ...{ acknowledged: "forged" } });
    expect(problems.list[0]!.acknowledged).toBeUndefined();
    expect(problems.unacknowledgedWarningCount).toBe(1);
  });

  it("only warnings are acknowledged", () => {
    for (const [id, rule] of Object.entries(RULES as Record<string, Rule>)) if (rule.acknowledged) expect(rule.severity, id).toBe("warning");
  });
});

describe("panelpress check --strict", () => {
  it("passes content whose only warnings are recorded errata, and shows them as acknowledged", async () => {
    const project = fixtureProject(MAIN); // two misprints of its sources, recorded as errata
    const text = await cliAsync(project, "check", "--strict");
    expect(text.status, text.stdout).toBe(0);
    expect(text.stdout).toContain("warning [total/erratum]");
    expect(text.stdout).toContain("    acknowledged: recorded as an erratum, a known problem of the published record (--strict passes it)");
    expect(text.stdout).toMatch(/0 errors, 2 warnings \(2 acknowledged\)\n$/);
    const json = await cliAsync(project, "check", "--strict", "--format", "json");
    expect(json.status).toBe(0);
    const findings = JSON.parse(json.stdout) as Array<{ rule: string; acknowledged?: string }>;
    expect(findings.map((f) => [f.rule, f.acknowledged])).toEqual([["total/erratum", "recorded as an erratum"], ["total/erratum", "recorded as an erratum"]]);
  });

  it("fails on any other warning, which carries no acknowledgement", async () => {
    const project = fixtureProject(MAIN);
    // An erratum for a figure that agrees: a new problem (the record is wrong), not a recorded one.
    edit(project, "data/meetings/2024-11-14/07-budget.yaml", "    errata:\n", "    errata:\n      - {row: gap, column: y2526, note: not a misprint}\n");
    const plain = await cliAsync(project, "check");
    expect(plain.status).toBe(0); // warnings alone do not fail without --strict
    const strict = await cliAsync(project, "check", "--strict", "--format", "json");
    expect(strict.status).toBe(1);
    const findings = JSON.parse(strict.stdout) as Array<{ rule: string; acknowledged?: string }>;
    expect(findings.filter((f) => !f.acknowledged).map((f) => f.rule)).toEqual(["total/erratum-unused"]);
    expect(findings.filter((f) => f.acknowledged)).toHaveLength(2);
  });
});
