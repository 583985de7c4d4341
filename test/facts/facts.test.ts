/**
 * Facts (src/facts/): typed, stated once by a committee or a meeting, quoted as [@fact:…] in prose, table
 * cells, appendices and a paper's recommendations; a meeting's fact shadows its committee's; a value
 * stating a fact again must agree with it (fact/conflict at both places).
 */
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/pipeline/index.ts";
import { FactStore, factText } from "../../src/facts/index.ts";
import { factSchema, type Fact } from "../../src/facts/schema.ts";
import { parseYaml } from "../../src/content/yaml.ts";
import { bodyHtmlOf } from "../golden.ts";
import { edit, fixtureProject, lineIn } from "../helpers.ts";

const fact = (input: Record<string, unknown>): Fact => factSchema.parse(input);

describe("a fact prints with the house formatters", () => {
  it.each([
    [{ text: "Requires improvement" }, undefined, "Requires improvement"],
    [{ date: "2023-04-01" }, undefined, "1 April 2023"],
    [{ number: 1234.5, decimals: 1 }, undefined, "1,234.5"],
    [{ money: 12500 }, undefined, "£12,500"],
    [{ money: 29671.8, decimals: 2 }, undefined, "£29,671.80"],
    [{ person: { name: "Cllr Ann Hale", council: "Harlow District Council" } }, undefined, "Cllr Ann Hale, Harlow District Council"],
    [{ person: { name: "Cllr Ann Hale", council: "Harlow District Council" } }, "council", "Harlow District Council"],
    [{ place: { name: "County Hall", address: ["Market Road", "Chelmsford"], postcode: "CM1 1QH" } }, undefined, "County Hall, Market Road, Chelmsford, CM1 1QH"],
    [{ place: { name: "County Hall", address: ["Market Road", "Chelmsford"], postcode: "CM1 1QH" } }, "postcode", "CM1 1QH"],
    [{ place: { name: "County Hall", address: ["Market Road", "Chelmsford"], postcode: "CM1 1QH" } }, "address", "Market Road, Chelmsford"],
  ] as const)("%j (%s) is %s", (input, part, text) => {
    expect(factText(fact(input), part)).toBe(text);
  });
  it("names the parts a fact has when asked for one it has not", () => {
    expect(factText(fact({ date: "2023-04-01" }), "year")).toEqual({ error: "a date fact has no parts" });
    expect(factText(fact({ place: { postcode: "CM1 1QH" } }), "town")).toEqual({ error: "a place has the parts name, address, postcode" });
  });
  it("is of exactly one type", () => {
    expect(factSchema.safeParse({ text: "a", date: "2023-04-01" }).success).toBe(false);
    expect(factSchema.safeParse({ label: "nothing" }).success).toBe(false);
  });
});

describe("the fact store", () => {
  const source = (file: string, text: string) => {
    const located = parseYaml(text);
    return { file, located, facts: Object.fromEntries(Object.entries((located.value as { facts: Record<string, unknown> }).facts).map(([k, v]) => [k, fact(v as Record<string, unknown>)])) };
  };
  const committee = source("committee.yaml", "facts:\n  chair: {person: {name: Cllr Ann Hale}}\n  grade: {text: Good}\n");
  const meeting = source("meeting.yaml", "facts:\n  chair: {person: {name: Cllr Bo Reyes}, label: chair for this meeting}\n");
  const store = new FactStore(meeting, committee);
  it("lets a meeting's fact shadow its committee's, and says where each is stated", () => {
    expect(store.resolve("chair")).toEqual({ text: "Cllr Bo Reyes" });
    expect(store.resolve("grade")).toEqual({ text: "Good" });
    expect(store.find("chair")).toMatchObject({ file: "meeting.yaml", at: { line: 2 } });
    expect(store.find("grade")).toMatchObject({ file: "committee.yaml", at: { line: 3 } });
  });
  it("finds nothing for an unknown id, with a 'did you mean'", () => {
    expect(store.resolve("chiar")).toBeNull();
    expect(store.hint("chiar")).toBe("did you mean 'chair'?");
    expect(store.hint("chair.council")).toBeUndefined(); // a part the person has not given: prints empty, no hint needed
    expect(store.hint("grade.word")).toBe("a text fact has no parts");
  });
});

describe("facts in a project", () => {
  const PAPER = "content/meetings/2025-03-06/papers/02-libraries.md";
  const DATA = "data/meetings/2025-03-06/02-libraries.yaml";
  const MEETING = "content/meetings/2025-03-06/meeting.yaml";
  const COMMITTEE = "data/committees/bvp.yaml";

  const project = (): string => {
    const dir = fixtureProject("small");
    appendFileSync(join(dir, COMMITTEE), [
      "facts:",
      "  chair: {person: {name: Cllr Ann Hale, council: Brackenridge Valley Council}}",
      "  start-date: {date: 2025-05-01, label: the date the new hours start}",
      "  saturday-cost: {money: 48200}",
      "  central: {place: {name: Central Library, address: [1 Mill Lane, Brackenridge], postcode: BV1 2CL}}",
      "",
    ].join("\n"));
    appendFileSync(join(dir, MEETING), "facts:\n  chair: {person: {name: Cllr Bo Reyes}, label: chair for this meeting}\n");
    edit(dir, PAPER, "That the Panel agrees the new opening hours from 1 May 2025.", [
      "That the Panel agrees the new opening hours from [@fact:start-date], at a cost of [@fact:saturday-cost] a year.",
      "",
      "The meeting is chaired by [@fact:chair]; it meets at [@meeting:venue], [@meeting:venue.postcode].",
      "",
      "::: table sites",
      "",
      "# Appendix: Sites",
      "",
      "The postcode of Central Library is [@fact:central.postcode].",
    ].join("\n"));
    edit(dir, PAPER, "numbering: paragraphs", "numbering: paragraphs\nrecommendations:\n  - That the new hours start on [@fact:start-date].");
    appendFileSync(join(dir, DATA), [
      "  sites:",
      "    caption: Sites",
      "    columns:",
      "      - {key: site, label: Site, type: text, row_header: true}",
      "      - {key: address, label: Address, type: markdown}",
      "    rows:",
      "      - {id: central, site: Central, address: \"[@fact:central]\"}",
      "values:",
      "  saturday-cost: {value: 48200, type: money}",
      "",
    ].join("\n").replace(/^/, ""));
    // The data file's `tables:` is its first key, so the new table goes under it by indentation; move `charts:` after.
    const data = readFileSync(join(dir, DATA), "utf8");
    const charts = data.slice(data.indexOf("charts:"), data.indexOf("  sites:"));
    writeFileSync(join(dir, DATA), data.replace(charts, "") + charts);
    return dir;
  };

  it("quotes facts in prose, a table cell, an appendix and the recommendations", async () => {
    const dir = project();
    const { problems, site } = await check(dir);
    expect(problems.list.filter((p) => p.severity === "error")).toEqual([]);
    const html = bodyHtmlOf(site, "02-libraries")!;
    expect(html).toContain("from 1 May 2025, at a cost of £48,200 a year.");
    expect(html).toContain("chaired by Cllr Bo Reyes;"); // the meeting's chair shadows the committee's
    expect(html).toContain("it meets at Council Chamber, Town Hall, Brackenridge, BV1 1AA.");
    expect(html).toContain("Central Library, 1 Mill Lane, Brackenridge, BV1 2CL");
    expect(html).toContain("The postcode of Central Library is BV1 2CL.");
    const paper = site.meetings[0]!.papers.find((p) => p.slug === "02-libraries")!;
    expect(paper.recommendations).toEqual(["That the new hours start on 1 May 2025."]);
  }, 60_000);

  it("reports an unknown fact where it is quoted, with a 'did you mean', and a value that says otherwise at both places", async () => {
    const dir = project();
    edit(dir, PAPER, "from [@fact:start-date], at", "from [@fact:start-dat], at");
    edit(dir, PAPER, "  - That the new hours start on [@fact:start-date].", "  - That the new hours start on [@fact:stat-date].");
    edit(dir, DATA, "address: \"[@fact:central]\"", "address: \"[@fact:centre]\"");
    edit(dir, DATA, "saturday-cost: {value: 48200", "saturday-cost: {value: 48000");
    const { problems } = await check(dir);
    const found = problems.list.map((p) => ({ file: p.file.slice(dir.length + 1), line: p.line, rule: p.rule, hint: p.hint }));
    const lineOf = (file: string, needle: string) => lineIn(dir, file, needle);
    expect(found).toEqual(expect.arrayContaining([
      { file: PAPER, line: lineOf(PAPER, "[@fact:start-dat]"), rule: "ref/unresolved", hint: "did you mean 'start-date'?" },
      { file: PAPER, line: lineOf(PAPER, "[@fact:stat-date]"), rule: "ref/unresolved", hint: "did you mean 'start-date'?" },
      { file: DATA, line: lineOf(DATA, "[@fact:centre]"), rule: "ref/unresolved", hint: "did you mean 'central'?" },
      expect.objectContaining({ file: DATA, line: lineOf(DATA, "saturday-cost: {value: 48000"), rule: "fact/conflict" }),
      expect.objectContaining({ file: COMMITTEE, line: lineOf(COMMITTEE, "saturday-cost: {money: 48200}"), rule: "fact/conflict" }),
    ]));
    expect(problems.list.filter((p) => p.severity === "error")).toHaveLength(5);
  }, 60_000);
});

describe("the documented facts (docs/content-format.md)", () => {
  it("are valid, and print what their comments say", async () => {
    const { ROOT } = await import("../helpers.ts");
    const { factsSchema } = await import("../../src/facts/schema.ts");
    const doc = readFileSync(join(ROOT, "docs", "content-format.md"), "utf8");
    const block = /```yaml\n([\s\S]*?)```/.exec(doc.slice(doc.indexOf("### Facts: stated once")))![1]!;
    const facts = factsSchema.parse((parseYaml(block).value as { facts: unknown }).facts);
    const printed = block.split("\n").flatMap((line) => {
      const m = /^\s+([a-z0-9_-]+): .*# "([^"]+)"/.exec(line);
      return m ? [[m[1]!, m[2]!] as const] : [];
    });
    expect(printed.length).toBeGreaterThanOrEqual(4);
    for (const [id, text] of printed) expect(factText(facts[id]!), id).toBe(text);
    expect(factText(facts.hq!, "postcode")).toBe("CM2 6DN");
  });
});
