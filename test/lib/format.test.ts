import { describe, expect, it } from "vitest";
import {
  financialYear, formatDate, formatMoney, formatMoneyMillions, formatMoneyMillionsCell, formatNumber, formatPercent,
  formatQuarter, formatTime, isFinancialYear, parseQuarter, percentOf, quarterEnd, quarterOrdinal, roundHalfUp, toLetters, toRoman,
} from "../../src/lib/format.ts";
import { parseIsoDate, weekdayOf } from "../../src/lib/dates.ts";

describe("rounding", () => {
  it("rounds half up, in decimal, as the source's percentages are", () => {
    expect(roundHalfUp(81.25, 1)).toBe(81.3);
    expect(percentOf(13, 16)).toBe(81.3); // 81.25 → 81.3, not 81.2
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(-2.45, 1)).toBe(-2.5);
    expect(roundHalfUp(2.449, 1)).toBe(2.4);
  });
  it("has no percentage of nothing", () => {
    expect(percentOf(3, 0)).toBeNull();
  });
});

describe("money", () => {
  it("formats whole pounds and pence", () => {
    expect(formatMoney(393004)).toBe("£393,004");
    expect(formatMoney(29671.8, 2)).toBe("£29,671.80");
    expect(formatMoney(-1234)).toBe("−£1,234");
  });
  it("prints £m table cells to 1 dp with negatives in brackets", () => {
    expect(formatMoneyMillionsCell(1969.1)).toBe("1,969.1");
    expect(formatMoneyMillionsCell(-3.1)).toBe("(3.1)");
    expect(formatMoneyMillionsCell(-0.04)).toBe("0.0");
    expect(formatMoneyMillionsCell(0)).toBe("0.0");
  });
  it("prints £m in prose", () => {
    expect(formatMoneyMillions(5.2)).toBe("£5.2m");
    expect(formatMoneyMillions(-5.2)).toBe("−£5.2m");
  });
  it("formats numbers and percentages", () => {
    expect(formatNumber(30674)).toBe("30,674");
    expect(formatNumber(-1.5, 1)).toBe("−1.5");
    expect(formatPercent(81.25)).toBe("81.3%");
  });
});

describe("dates and times", () => {
  it("derives the weekday from the date", () => {
    expect(weekdayOf("2022-12-08")).toBe("Thursday");
    expect(weekdayOf("2023-02-07")).toBe("Tuesday");
    expect(weekdayOf("2024-02-29")).toBe("Thursday");
    expect(formatDate("2023-02-20", { weekday: true })).toBe("Monday 20 February 2023");
    expect(formatDate("2022-09-29")).toBe("29 September 2022");
  });
  it("rejects dates that do not exist", () => {
    expect(parseIsoDate("2023-02-29")).toBeNull();
    expect(parseIsoDate("2022-13-01")).toBeNull();
    expect(parseIsoDate("8 December 2022")).toBeNull();
  });
  it("formats times in the house style", () => {
    expect(formatTime("14:00")).toBe("2:00pm");
    expect(formatTime("10:00")).toBe("10:00am");
    expect(formatTime("12:30")).toBe("12:30pm");
    expect(formatTime("00:15")).toBe("12:15am");
  });
});

describe("financial years and quarters", () => {
  it("accepts only consecutive years", () => {
    expect(isFinancialYear("2023/24")).toBe(true);
    expect(isFinancialYear("1999/00")).toBe(true);
    expect(isFinancialYear("2023/25")).toBe(false);
    expect(isFinancialYear("2023-24")).toBe(false);
    expect(financialYear(2009)).toBe("2009/10");
  });
  it("parses, orders and ends quarters", () => {
    const q4 = parseQuarter("Q4 2022/23")!;
    expect(q4).toEqual({ quarter: 4, fyStart: 2022 });
    expect(quarterEnd(q4)).toBe("2023-03-31");
    expect(quarterEnd(parseQuarter("Q1 2023/24")!)).toBe("2023-06-30");
    expect(quarterOrdinal(parseQuarter("Q1 2023/24")!)).toBeGreaterThan(quarterOrdinal(q4));
    expect(formatQuarter(q4)).toBe("Q4 2022/23");
    expect(parseQuarter("Q5 2022/23")).toBeNull();
    expect(parseQuarter("Q2 2022/24")).toBeNull();
  });
});

describe("numerals", () => {
  it("writes lower-case roman numerals and letters", () => {
    expect([1, 4, 5, 6, 9, 14, 40].map(toRoman)).toEqual(["i", "iv", "v", "vi", "ix", "xiv", "xl"]);
    expect([1, 2, 26, 27].map(toLetters)).toEqual(["A", "B", "Z", "AA"]);
  });
});
