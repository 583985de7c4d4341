/**
 * The statutory wording panelpress prints about exempt material, in one place: the model carries these
 * sentences and the templates print them, and the leak check's allow-list (STATUTORY_WORDING) is made by
 * the same functions, so the two cannot drift apart.
 */
import { andList } from "../lib/format.ts";

const ACT = "Part I of Schedule 12A to the Local Government Act 1972";

/** "paragraph 3", "paragraphs 3 and 4". */
function paragraphsOf(paragraphs: readonly number[]): string {
  return `paragraph${paragraphs.length > 1 ? "s" : ""} ${andList(paragraphs)}`;
}

/** What an exempt item is withheld under: "Schedule 12A paragraph 3"; a body's own marking; or "Schedule 12A". */
export function restriction(paragraphs: readonly number[], marking?: string): string {
  if (paragraphs.length) return `Schedule 12A ${paragraphsOf(paragraphs)}`;
  return marking ?? "Schedule 12A";
}

/** "exempt information under paragraph 3 of Part I of Schedule 12A to the Local Government Act 1972" (or the body's marking). */
export function exemptBasis(paragraphs: readonly number[], marking?: string): string {
  if (paragraphs.length) return `exempt information under ${paragraphsOf(paragraphs)} of ${ACT}`;
  return marking ? `information marked ${marking}` : `exempt information under ${ACT}`;
}

/** The line left where an exempt appendix was taken out of the public body. */
export function appendixNotice(paragraphs: readonly number[]): string {
  return `This appendix is not for publication: it contains ${exemptBasis(paragraphs)}.`;
}

/** The banner over an exempt appendix in a members' build. */
export function appendixBanner(paragraphs: readonly number[]): string {
  return `NOT FOR PUBLICATION. This appendix contains ${exemptBasis(paragraphs)}.`;
}

/** The note under a table with exempt cells. */
export function exemptCellsNote(paragraphs: readonly number[]): string {
  return `* Not published: ${exemptBasis(paragraphs)}.`;
}

/** The running header of exempt pages, before the item's own part: "NOT FOR PUBLICATION · Schedule 12A paragraph 3". */
export function exemptRunningHead(paragraphs: readonly number[], marking?: string): string {
  return `NOT FOR PUBLICATION · ${restriction(paragraphs, marking)}`;
}

/** Every sentence above for each paragraph alone: public wording, even where exempt text quotes it (the leak check's allow-list). */
export const STATUTORY_WORDING: string = [1, 2, 3, 4, 5, 6, 7]
  .flatMap((n) => [appendixNotice([n]), appendixBanner([n]), exemptCellsNote([n]), exemptRunningHead([n])])
  .join(" ");
