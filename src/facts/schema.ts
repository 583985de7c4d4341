/**
 * Facts: what a committee or a meeting states once and its papers quote anywhere ([@fact:<id>]). Each is
 * typed, so it prints with the house formatters and is compared as what it is: text, a date, a number, a
 * sum of money, a person, or a place (address lines and a postcode).
 */
import { z } from "zod";
import { isoDate, strict } from "../content/validate.ts";

export const FACT_TYPES = ["text", "date", "number", "money", "person", "place"] as const;
export type FactType = (typeof FACT_TYPES)[number];

export const personSchema = strict({
  name: z.string().min(1),
  role: z.string().min(1).optional(),
  council: z.string().min(1).optional(),
});

export const placeSchema = strict({
  name: z.string().min(1).optional(),
  address: z.array(z.string().min(1)).default([]),
  postcode: z.string().min(1).optional(),
});

export const factSchema = strict({
  /** What the fact is, in words (for people reading the file). */
  label: z.string().optional(),
  text: z.string().min(1).optional(),
  date: isoDate.optional(),
  number: z.number().optional(),
  money: z.number().optional(),
  /** Places a number or a sum of money prints with (default none: £1,234). */
  decimals: z.number().int().min(0).max(4).optional(),
  person: personSchema.optional(),
  place: placeSchema.optional(),
  /**
   * The words that name what the fact is about ("crime data integrity"): a sentence of a paper that names it
   * and states another value (another of `one_of`, another date in full, another figure) is fact/contradicted.
   */
  subject: z.array(z.string().min(1)).min(1).optional(),
  /** For a text fact: the closed set it is one of (a grade's words), which a sentence naming the subject is read for. */
  one_of: z.array(z.string().min(1)).min(2).optional(),
}).superRefine((fact, ctx) => {
  const given = FACT_TYPES.filter((t) => fact[t as keyof typeof fact] !== undefined);
  if (given.length !== 1) ctx.addIssue({ code: "custom", message: given.length === 0 ? `a fact states its value as one of: ${FACT_TYPES.join(", ")}` : `a fact is of one type, and this one gives ${given.join(" and ")}` });
  if (fact.one_of !== undefined && fact.text === undefined) ctx.addIssue({ code: "custom", path: ["one_of"], message: "one_of is the set a text fact is one of: this fact is not text" });
  else if (fact.one_of !== undefined && !fact.one_of.includes(fact.text!)) ctx.addIssue({ code: "custom", path: ["text"], message: `'${fact.text}' is not one of its one_of: ${fact.one_of.join(", ")}` });
  if (fact.subject !== undefined && (fact.person !== undefined || fact.place !== undefined || (fact.text !== undefined && fact.one_of === undefined))) ctx.addIssue({ code: "custom", path: ["subject"], message: "a subject is read for a date, a number, a sum of money, or a text fact's one_of: give the text fact its one_of, or remove the subject" });
});
export type Fact = z.output<typeof factSchema>;

/** Fact ids: no dots (a dot names a part: [@fact:venue.postcode]). */
export const FACT_ID = /^[a-z0-9][a-z0-9_-]*$/;
export const factsSchema = z.record(z.string().regex(FACT_ID, "fact ids use lower-case letters, digits, - and _ (a dot names a part)"), factSchema);
