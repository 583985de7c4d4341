/** A paper's front matter: everything its cover sheet shows, and how its body is numbered. */
import { z } from "zod";
import { isoDate, strict } from "../content/validate.ts";

export const PURPOSES = {
  noting: "Noting",
  "noting-and-comment": "Noting and comment",
  consideration: "Consideration",
  decision: "Decision",
} as const;

/** What the cover sheet says a paper is for when its front matter does not say. */
export const DEFAULT_PURPOSE = "Information";

export const enquirySchema = strict({
  name: z.string(),
  role: z.string().optional(),
  email: z.string().email().optional(),
  phone: z.string().optional(),
});

export const paperFrontMatterSchema = strict({
  title: z.string().min(1),
  kind: z.string().default("generic"),
  cover: z.enum(["report", "democratic", "none"]).default("report"),
  author: z.string().optional(),
  date: isoDate.optional(),
  for: z.enum(Object.keys(PURPOSES) as [keyof typeof PURPOSES, ...Array<keyof typeof PURPOSES>]).optional(),
  enquiries: z.array(enquirySchema).default([]),
  /** The areas the report affects; default: the committee's `divisions.default`, else the row is left out. */
  divisions: z.string().min(1).optional(),
  numbering: z.enum(["none", "sections", "paragraphs"]).default("sections"),
  appendix_labels: z.enum(["numeric", "alpha"]).default("numeric"),
  recommendations: z.array(z.string()).default([]),
  /**
   * The paper is a record of its meeting (an attendance note, a note of a visit) rather than an agenda item's
   * paper: published under the meeting, listed on its page, not in the agenda pack. Minutes are records of
   * the meeting they record without it (their data's `records:`).
   */
  record: z.boolean().optional(),
  exempt: z.lazy(() => strict({ paragraphs: z.array(z.number().int().min(1).max(7)).min(1) })).optional(),
});

export type PaperFrontMatter = z.infer<typeof paperFrontMatterSchema>;
export type Enquiry = z.infer<typeof enquirySchema>;
