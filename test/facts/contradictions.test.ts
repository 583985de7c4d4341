/**
 * fact/contradicted (src/facts/contradictions.ts): a sentence that names a fact's declared subject and states
 * one other value of its kind — a grade word of its one_of, a date in full, a sum of money, a figure — is
 * flagged at the sentence; a sentence stating two (a change from one grade to another) or none is not read,
 * and nothing is read for a fact that declares no subject.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contradictions, sentencesOf } from "../../src/facts/contradictions.ts";
import { FactStore } from "../../src/facts/index.ts";
import { factSchema } from "../../src/facts/schema.ts";
import { check } from "../../src/pipeline/index.ts";
import { edit, fixtureProject } from "../helpers.ts";

const store = (facts: Record<string, Record<string, unknown>>) =>
  new FactStore({ file: "committee.yaml", located: undefined, facts: Object.fromEntries(Object.entries(facts).map(([id, f]) => [id, factSchema.parse(f)])) });
const GRADES = ["Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate"];
const FACTS = store({
  grade: { text: "Requires improvement", subject: ["crime data integrity"], one_of: GRADES },
  effective: { date: "2023-04-01", subject: ["with effect from"] },
  precept: { money: 273, subject: ["Band D precept"] },
  officers: { number: 3787, subject: ["police officers"] },
  chair: { text: "Cllr Ann Hale" },
});
const found = (body: string) => contradictions(body, FACTS.all(), (f) => `committee.yaml:${f.at.line}`).map((f) => [f.line, f.column, f.message]);

describe("sentences", () => {
  it("are cut at full stops, with where each starts; code and directives are left out", () => {
    expect(sentencesOf("One two. Three\nfour.\n\n```\nFive.\n```\n::: table x\n  Six? Seven.").map((s) => [s.line, s.column, s.text])).toEqual([
      [1, 1, "One two."], [1, 10, "Three four."], [8, 3, "Six?"], [8, 8, "Seven."],
    ]);
  });
});

describe("fact/contradicted", () => {
  it("flags a grade word other than the fact's next to its subject, at the sentence", () => {
    expect(found("Our work is sound.  The grade for crime data integrity is good, the inspectors said.")).toEqual([
      [1, 21, "this sentence names crime data integrity and says 'good', but fact 'grade' (committee.yaml:1) is Requires improvement"],
    ]);
  });
  it("flags a different date in full, a different sum of money and a different figure", () => {
    expect(found("The rates apply with effect from 1 May 2023.\n\nThe Band D precept is £283.\n\nWe have 3,700 police officers.").map((f) => f[0])).toEqual([1, 3, 5]);
  });
  it("passes the fact's own value, a reference to the fact, and sentences it cannot read without guessing", () => {
    expect(found([
      "Crime data integrity requires improvement.", // the fact's own words, any case
      "Crime data integrity is [@fact:grade].", // quoted
      "Crime data integrity went from Inadequate to Good.", // two grades: which is now is a guess
      "Our call handling is Good.", // no subject
      "With effect from 1 April 2023 the rates apply.",
      "In 2024 we had 3,787 police officers.", // a year is not a figure
      "The chair, Cllr Bo Reyes, is good.", // a fact with no subject is not read
    ].join("\n\n"))).toEqual([]);
  });
  it("needs a subject's one_of for a text fact, and a text among its one_of", () => {
    expect(factSchema.safeParse({ text: "Good", subject: ["x"] }).success).toBe(false);
    expect(factSchema.safeParse({ text: "Fine", one_of: GRADES }).success).toBe(false);
    expect(factSchema.safeParse({ date: "2023-04-01", one_of: GRADES }).success).toBe(false);
  });
});

describe("fact/contradicted in a project", () => {
  const PAPER = "content/meetings/2025-03-06/papers/02-libraries.md";
  const COMMITTEE = "data/committees/bvp.yaml";
  it("is a warning at the sentence's file, line and column, naming the fact and where it is stated; the fact's own value passes", async () => {
    const dir = fixtureProject("small");
    appendFileSync(join(dir, COMMITTEE), "facts:\n  start-date: {date: 2025-05-01, subject: [new opening hours]}\n");
    const { problems } = await check(dir);
    expect(problems.list.filter((p) => p.rule === "fact/contradicted")).toEqual([]); // "the new opening hours from 1 May 2025"
    edit(dir, PAPER, "from 1 May 2025.", "from 1 June 2025.");
    const after = await check(dir);
    const line = readFileSync(join(dir, PAPER), "utf8").split("\n").findIndex((l) => l.includes("1 June 2025")) + 1;
    const factLine = readFileSync(join(dir, COMMITTEE), "utf8").split("\n").findIndex((l) => l.includes("start-date:")) + 1;
    expect(after.problems.list.filter((p) => p.rule === "fact/contradicted").map((p) => ({ file: p.file.slice(dir.length + 1), line: p.line, column: p.column, severity: p.severity, message: p.message }))).toEqual([
      { file: PAPER, line, column: 1, severity: "warning", message: `this sentence names new opening hours and says '1 June 2025', but fact 'start-date' (data/committees/bvp.yaml:${factLine}) is 1 May 2025` },
    ]);
  }, 60_000);
});
