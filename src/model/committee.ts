/** A committee: who it is, where it meets, who to contact, and the notices every agenda of it carries. */
import { z } from "zod";
import { strict, time24 } from "../pipeline/validate.ts";

export const venueSchema = strict({
  room: z.string(),
  building: z.string(),
  town: z.string(),
  postcode: z.string(),
});

export const contactSchema = strict({
  name: z.string(),
  role: z.string(),
  phone: z.string().optional(),
  email: z.string().email().optional(),
});

export const committeeSchema = strict({
  id: z.string().regex(/^[a-z0-9-]+$/, "use lower-case letters, digits and hyphens"),
  name: z.string(),
  short: z.string().regex(/^[A-Z]+$/, "the short name prefixes report references: capital letters only"),
  host: z.string(),
  quorum: z.number().int().positive(),
  default_start: time24,
  venues: z.record(z.string(), venueSchema),
  contact: contactSchema,
  notices: z.array(strict({ heading: z.string(), body: z.string() })),
  exempt_notice: strict({
    heading: z.string(),
    subtitle: z.string(),
    statement: z.string(),
    resolution: z.string(),
  }),
});

export type Committee = z.infer<typeof committeeSchema>;
export type Venue = z.infer<typeof venueSchema>;
export type Contact = z.infer<typeof contactSchema>;
