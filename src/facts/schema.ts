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
}).superRefine((fact, ctx) => {
  const given = FACT_TYPES.filter((t) => fact[t as keyof typeof fact] !== undefined);
  if (given.length !== 1) ctx.addIssue({ code: "custom", message: given.length === 0 ? `a fact states its value as one of: ${FACT_TYPES.join(", ")}` : `a fact is of one type, and this one gives ${given.join(" and ")}` });
});
export type Fact = z.output<typeof factSchema>;

/** Fact ids: no dots (a dot names a part: [@fact:venue.postcode]). */
export const FACT_ID = /^[a-z0-9][a-z0-9_-]*$/;
export const factsSchema = z.record(z.string().regex(FACT_ID, "fact ids use lower-case letters, digits, - and _ (a dot names a part)"), factSchema);
