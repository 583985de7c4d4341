import { describe, expect, it } from "vitest";
import { checkText } from "../../src/pipeline/consistency.ts";
import { Problems } from "../../src/content/problems.ts";

function check(text: string) {
  const problems = new Problems();
  checkText("paper.md", text, problems);
  return problems.list.map((p) => [p.rule, p.line, p.column]);
}

describe("proof-reading rules", () => {
  it("accepts correct dates, weekdays, money and financial years", () => {
    expect(check("On Tuesday 7 February 2023 at 10:00am, £1,234,567 and £29,671.80 for 2023/24 (EPFCP/30/22).")).toEqual([]);
  });
  it("catches a weekday that does not match its date", () => {
    expect(check("The meeting is on\nWednesday 7 February 2023.")).toEqual([["date/weekday", 2, 1]]);
  });
  it("catches a date that does not exist", () => {
    expect(check("Due by 30 February 2023.")).toEqual([["date/not-real", 1, 8]]);
  });
  it("catches a misplaced thousands comma", () => {
    expect(check("A contract of £900,00 over 3 years.")).toEqual([["money/format", 1, 15]]);
    expect(check("£12,34.")).toEqual([["money/format", 1, 1]]);
  });
  it("catches a financial year that is not two consecutive years", () => {
    expect(check("In 2022/24 the budget grew.")).toEqual([["value/financial-year", 1, 4]]);
  });
});
