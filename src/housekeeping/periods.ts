/**
 * A header label that names a period checked against the columns under it: a column group labelled
 * "2022/23 to 2026/27" over columns 2023/24 … 2027/28 misnames them. Only a label that names a range of two
 * financial years (or two calendar years), joined by "to" or a dash, over columns whose own labels name
 * years, is checked; any other label is free text.
 */
import { financialYear } from "../lib/format.ts";
import type { ColumnInput } from "../tables/schema.ts";

const FY = /\b(\d{4})\/(\d{2})\b/;
const RANGE_FY = /\b(\d{4})\/(\d{2})\s*(?:to|-|–|—)\s*(\d{4})\/(\d{2})\b/;
const RANGE_YEAR = /\b((?:19|20)\d{2})\s*(?:to|-|–|—)\s*((?:19|20)\d{2})\b(?!\/)/;
const YEAR = /\b((?:19|20)\d{2})\b(?!\/)/;

/** The group's label names a range its columns do not span: what it should say, or undefined when it agrees (or names no range). */
export function misnamedPeriod(label: string, columns: ReadonlyArray<Pick<ColumnInput, "label">>): { named: string; spanned: string } | undefined {
  const fy = RANGE_FY.exec(label);
  if (fy) {
    const years = columns.flatMap((c) => {
      const match = FY.exec(c.label);
      return match ? [Number(match[1])] : [];
    });
    if (years.length < 2) return undefined;
    const [first, last] = [Math.min(...years), Math.max(...years)];
    if (Number(fy[1]) === first && Number(fy[3]) === last) return undefined;
    return { named: `${fy[1]}/${fy[2]} to ${fy[3]}/${fy[4]}`, spanned: `${financialYear(first)} to ${financialYear(last)}` };
  }
  const year = RANGE_YEAR.exec(label);
  if (year) {
    const years = columns.flatMap((c) => {
      const match = FY.test(c.label) ? null : YEAR.exec(c.label);
      return match ? [Number(match[1])] : [];
    });
    if (years.length < 2) return undefined;
    const [first, last] = [Math.min(...years), Math.max(...years)];
    if (Number(year[1]) === first && Number(year[2]) === last) return undefined;
    return { named: `${year[1]} to ${year[2]}`, spanned: `${first} to ${last}` };
  }
  return undefined;
}
