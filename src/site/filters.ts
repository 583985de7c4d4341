/** Template filters: formatting only (en-GB house style); templates never calculate. */
import { andList, formatDate, formatTime } from "../lib/format.ts";
import { relativeTo } from "../lib/html.ts";
import { renderMarkdown } from "../render/markdown.ts";
import type { MarkdownText } from "../model/body.ts";

export const filters = {
  /** "2022-12-08" → "8 December 2022" */
  date: (iso: string) => formatDate(iso),
  /** "2022-12-08" → "Thursday 8 December 2022" */
  longDate: (iso: string) => formatDate(iso, { weekday: true }),
  /** "14:00" → "2:00pm" */
  time: (hhmm: string) => formatTime(hhmm),
  /** Parsed Markdown (a notice, an agenda description, a table cell) → its HTML, printed with `| safe`. */
  markdown: (text: MarkdownText) => renderMarkdown(text),
  /** [1, 3] → "1 and 3" */
  andList,
  /** A site-absolute path made relative to the page, so the site works from any folder or file://. */
  relativeTo,
} as const;
