import { describe, expect, it } from "vitest";
import { parseFrontMatter, parseYaml, YamlSyntaxError } from "../../src/content/yaml.ts";

describe("YAML with positions", () => {
  const text = "committee: epfcp\nagenda:\n  - title: Minutes\n    kind: procedural\n  - {title: Budget, kind: paper}\n";
  const doc = parseYaml(text);
  it("locates values and keys by path", () => {
    expect(doc.at(["committee"])).toEqual({ line: 1, column: 12 });
    expect(doc.at(["agenda", 0, "kind"])).toEqual({ line: 4, column: 11 });
    expect(doc.keyAt(["agenda", 0, "kind"])).toEqual({ line: 4, column: 5 });
    expect(doc.at(["agenda", 1, "kind"])).toEqual({ line: 5, column: 27 });
  });
  it("falls back to the nearest located ancestor", () => {
    expect(doc.at(["agenda", 1, "missing"])).toEqual(doc.at(["agenda", 1]));
  });
  it("keeps dates as strings for validation to judge", () => {
    expect(parseYaml("date: 2022-12-08\n").value).toEqual({ date: "2022-12-08" });
  });
  it("reports syntax errors with a position", () => {
    try {
      parseYaml("a: 1\nb: [1, 2\nc: 3\n");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(YamlSyntaxError);
      expect((error as YamlSyntaxError).position.line).toBeGreaterThanOrEqual(2);
    }
  });
  it("refuses alias bombs", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join("\n");
    expect(() => parseYaml(bomb)).toThrow(YamlSyntaxError);
  });
  it("offsets front matter positions to the file", () => {
    const paper = parseFrontMatter("---\ntitle: A\nfor: noting\n---\n## Body\n");
    expect(paper.frontMatter.at(["for"])).toEqual({ line: 3, column: 6 });
    expect(paper.bodyLine).toBe(5);
    expect(() => parseFrontMatter("---\ntitle: A\n")).toThrow(/never closes/);
  });
});
