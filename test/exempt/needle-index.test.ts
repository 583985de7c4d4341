/**
 * The leak check's needle index (src/exempt/leak-check.ts): needles found by their first two words, each
 * once, at its first occurrence, in the order of the text and then of the needles.
 */
import { describe, expect, it } from "vitest";
import { NeedleIndex, words, type Needle } from "../../src/exempt/leak-check.ts";

const needle = (phrase: string): Needle => ({ words: words(phrase), phrase });

describe("the needle index", () => {
  const one = needle("Glimmerwick");
  const two = needle("the depot");
  const long = needle("the depot claim would be settled by a");
  const other = needle("the depot lease ends in March next year");
  const index = NeedleIndex.of([long, one, two, other, needle("the depot")]);

  it("keeps each needle once, in the order added", () => {
    expect(index.size).toBe(4);
    expect(index.list()).toEqual([long, one, two, other]);
  });

  it("finds one-word, two-word and longer needles at their first occurrence, in the order of the text, then of the needles", () => {
    const text = words("Of the depot: the Glimmerwick depot claim would be settled by a payment. Glimmerwick, the depot claim would be settled by a");
    expect(index.findAt(text)).toEqual([
      { needle: two, index: 1 },
      { needle: one, index: 4 },
      { needle: long, index: 14 },
    ]);
    // Both start at the same word: the order they were added in.
    expect(index.find(words("so the depot claim would be settled by a cheque"))).toEqual([long, two]);
  });

  it("does not match a needle cut short by the end of the text, or one word of a longer needle", () => {
    expect(index.find(words("the depot claim would be settled by"))).toEqual([two]);
    expect(index.find(words("depot the"))).toEqual([]);
    expect(index.find(words("the"))).toEqual([]);
  });

  it("forgets removed needles, and its digest does not depend on the order they were added in", () => {
    const copy = NeedleIndex.of([other, two, one, long]);
    expect(copy.digest()).toBe(index.digest());
    copy.remove([two, one]);
    expect(copy.size).toBe(2);
    expect(copy.find(words("Glimmerwick: the depot lease ends in March next year"))).toEqual([other]);
    expect(copy.digest()).toBe(NeedleIndex.of([long, other]).digest());
  });

  it("tells apart many needles that share their first words", () => {
    const many = NeedleIndex.of(Array.from({ length: 1000 }, (_, n) => needle(`the council agreed item ${n} of the plan`)));
    expect(many.find(words("the report the panel the council the members ".repeat(50)))).toEqual([]);
    expect(many.find(words("so the council agreed item 417 of the plan"))).toEqual([many.list()[417]]);
  });
});
