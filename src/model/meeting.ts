/** A meeting: when and where, and the ordered agenda. Item numbers are generated from the order. */
import { z } from "zod";
import { isoDate, strict, time24 } from "../pipeline/validate.ts";
import { contactSchema } from "./committee.ts";

export const exemptionSchema = strict({
  /** Paragraphs of Part I of Schedule 12A to the Local Government Act 1972 that apply (1–7). */
  paragraphs: z.array(z.number().int().min(1).max(7)),
});

export const agendaItemSchema = strict({
  title: z.string().min(1),
  description: z.string().optional(),
  ref: z
    .string()
    .regex(/^[A-Z]+\/\d{2}\/\d{2}$/, "write report references like EPFCP/30/22")
    .optional(),
  kind: z.enum(["paper", "verbal", "procedural"]),
  paper: z
    .string()
    .regex(/^[a-z0-9-]+$/, "name the paper file without '.md', in lower case with hyphens")
    .optional(),
  exempt: exemptionSchema.optional(),
});

export const meetingSchema = strict({
  committee: z.string(),
  date: isoDate,
  start: time24.optional(),
  venue: z.string().optional(),
  contact: contactSchema.optional(),
  previous_meeting: isoDate.optional(),
  next_meeting: strict({ date: isoDate, start: time24.optional() }).optional(),
  agenda: z.array(agendaItemSchema).min(1),
});

export type MeetingInput = z.infer<typeof meetingSchema>;
export type AgendaItemInput = z.infer<typeof agendaItemSchema>;
