/**
 * Consistency rules that read the text of every content file, narrative and YAML alike: the things a
 * careful proof-reader checks by hand. Data references ([@value:…], [@meeting:…]) are the cure for most
 * of them, and each message says so.
 */
import { MONTHS, WEEKDAYS, parseIsoDate, weekdayOf } from "../lib/dates.ts";
import { isFinancialYear } from "../lib/format.ts";
import type { Problems } from "../content/problems.ts";

const MONTH = `(${MONTHS.join("|")})`;
const WEEKDAY = `(${WEEKDAYS.join("|")})`;
const WRITTEN_DATE = new RegExp(`(?:\\b${WEEKDAY},?\\s+)?\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\s+(\\d{4})\\b`, "g");
const MONEY = /£\d[\d,]*(?:\.\d+)?/g;
const WELL_FORMED_MONEY = /^£(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const FINANCIAL_YEAR = /(?<![\w/])(\d{4})\/(\d{2})(?![\w/])/g;

/** Check every line of one file's text. */
export function checkText(file: string, text: string, problems: Problems): void {
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (/^\s*#/.test(line) && file.endsWith(".yaml")) return; // YAML comments
    const at = (column: number) => ({ line: index + 1, column: column + 1 });
    for (const match of line.matchAll(WRITTEN_DATE)) {
      const [, weekday, day, month, year] = match;
      const iso = `${year}-${String(MONTHS.indexOf(month as (typeof MONTHS)[number]) + 1).padStart(2, "0")}-${day!.padStart(2, "0")}`;
      if (!parseIsoDate(iso)) {
        problems.error(file, at(match.index), "date/not-real", `'${match[0]}' is not a real date`);
      } else if (weekday && weekdayOf(iso) !== weekday) {
        problems.error(file, at(match.index), "date/weekday", `'${match[0]}': ${day} ${month} ${year} is a ${weekdayOf(iso)}, not a ${weekday}`, "weekdays are derived: use a date column with 'weekday: true', or [@meeting:…], instead of typing them");
      }
    }
    for (const match of line.matchAll(MONEY)) {
      const amount = match[0].replace(/[.,]$/, "");
      if (!WELL_FORMED_MONEY.test(amount)) {
        problems.error(file, at(match.index), "money/format", `'${amount}' is not a well-formed amount of money`, "group thousands in threes: £1,234,567 (or write £1.2m)");
      }
    }
    for (const match of line.matchAll(FINANCIAL_YEAR)) {
      if (!isFinancialYear(match[0])) {
        problems.error(file, at(match.index), "value/financial-year", `'${match[0]}' is not a financial year`, "a financial year is two consecutive years, written YYYY/YY: 2023/24");
      }
    }
  });
}
