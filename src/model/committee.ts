/**
 * A committee: who it is, where it meets, who to contact, and the notices every agenda of it carries.
 * Any body that meets in public can be one (a Panel, a Board): only its name, venues, contact and default
 * start are required, and every word the site prints about the body comes from here.
 */
import { z } from "zod";
import { factsSchema } from "../facts/schema.ts";
import { isoDate, strict, time24 } from "../content/validate.ts";

/** How a meeting is joined online. The address is published: give only one meant for the public. */
export const onlineSchema = strict({
  platform: z.string().min(1),
  url: z.string().regex(/^https:\/\/[^\s"'<>]+$/, "write a web address starting https://").optional(),
});

/** A room (room, building, town, postcode: give those that apply), an online meeting, or both (hybrid). */
export const venueSchema = strict({
  room: z.string().min(1).optional(),
  building: z.string().min(1).optional(),
  town: z.string().min(1).optional(),
  postcode: z.string().min(1).optional(),
  online: onlineSchema.optional(),
});

export const contactSchema = strict({
  name: z.string(),
  role: z.string(),
  phone: z.string().optional(),
  email: z.string().email().optional(),
});

/** Where a body's items that are not for publication stand on its agenda, and what they are called. */
export const exemptNoticeSchema = strict({
  heading: z.string().min(1),
  subtitle: z.string().optional(),
  statement: z.string().optional(),
  resolution: z.string().optional(),
  /** end: after the public items, numbered on (Schedule 12A agendas); in-place: where the agenda puts them. */
  placement: z.enum(["end", "in-place"]).default("end"),
  /** The body's own marking ("Official Sensitive"), used instead of Schedule 12A wording; paragraphs become optional. */
  marking: z.string().min(1).optional(),
});

/** The shapes a status's symbol may take: drawn (never a font's glyph), so they print the same everywhere. */
export const STATUS_SYMBOLS = ["circle", "ring", "square", "diamond", "triangle", "cross", "tick"] as const;
export type StatusSymbol = (typeof STATUS_SYMBOLS)[number];

/**
 * One status of a body's scale (a RAG rating and the like). The label always prints: the colour and the
 * symbol only repeat it, so no one needs to see colour to read a status.
 */
export const statusSchema = strict({
  id: z.string().regex(/^[a-z0-9-]+$/, "use lower-case letters, digits and hyphens"),
  label: z.string().min(1),
  colour: z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, "write a colour as #rrggbb, e.g. #d4351c"),
  symbol: z.enum(STATUS_SYMBOLS),
});
export type Status = z.infer<typeof statusSchema>;
/** A body's statuses in their order (worst first, or as the body ranks them): tables and charts keep it. */
export type StatusScale = readonly Status[];

/**
 * The scale of a body whose file gives none: red, amber, green, with complete and not started. Each colour
 * has a contrast of at least 3:1 with the white page (WCAG 1.4.11); each symbol is a different shape.
 */
export const DEFAULT_STATUSES: StatusScale = [
  { id: "red", label: "Red", colour: "#d4351c", symbol: "cross" },
  { id: "amber", label: "Amber", colour: "#cc6600", symbol: "triangle" },
  { id: "green", label: "Green", colour: "#00703c", symbol: "circle" },
  { id: "complete", label: "Complete", colour: "#1d70b8", symbol: "tick" },
  { id: "not-started", label: "Not started", colour: "#505a5f", symbol: "ring" },
];

export const committeeSchema = strict({
  id: z.string().regex(/^[a-z0-9-]+$/, "use lower-case letters, digits and hyphens"),
  name: z.string(),
  /** What the body calls itself in a sentence ("That the Board notes the report"); default: the name's last word. */
  noun: z.string().regex(/^\S(.*\S)?$/, "one word or a short phrase, without spaces at either end").optional(),
  short: z.string().regex(/^[A-Z]+$/, "the short name prefixes report references: capital letters only").optional(),
  /** required: every paper item has a reference; optional: any may; none: the body does not use them. */
  references: z.enum(["required", "optional", "none"]).default("required"),
  host: z.string().optional(),
  quorum: z.number().int().positive().optional(),
  default_start: time24,
  venues: z.record(z.string(), venueSchema),
  contact: contactSchema,
  /** The cover sheet's "areas affected" row: its label, and what a paper that names none prints. */
  divisions: strict({ label: z.string().min(1), default: z.string().min(1).optional() }).optional(),
  notices: z.array(strict({ heading: z.string(), body: z.string() })).default([]),
  /** What the committee states once and its papers quote as [@fact:<id>] (src/facts/); a meeting's facts shadow these. */
  facts: factsSchema.default({}),
  exempt_notice: exemptNoticeSchema.optional(),
  /** How many paragraphs a figure may stand from its first reference before figure/far-from-reference warns (default 5). */
  figure_distance: z.number().int().min(0).optional(),
  /** House style of the agenda's page column: compact prints a one-page item as "5"; full as "5 - 5", as some bodies' agendas do. */
  page_ranges: z.enum(["compact", "full"]).default("compact"),
  /** The body's status scale for `type: status` table columns (RAG ratings); default DEFAULT_STATUSES. */
  statuses: z.array(statusSchema).min(1).optional(),
  /**
   * The dates the body has published for its meetings (its programme for the year): the forward plan lists
   * those to come, with their agendas once the meeting files exist. A date, or `{date, start}` when the
   * meeting does not start at `default_start`.
   */
  meeting_dates: z
    .array(z.union([isoDate, strict({ date: isoDate, start: time24.optional() })]))
    .superRefine((dates, ctx) => {
      const seen = new Set<string>();
      dates.forEach((entry, i) => {
        const date = typeof entry === "string" ? entry : entry.date;
        if (seen.has(date)) ctx.addIssue({ code: "custom", path: [i], message: `${date} is listed twice` });
        seen.add(date);
      });
    })
    .optional(),
});

export type Committee = z.infer<typeof committeeSchema>;
export type Venue = z.infer<typeof venueSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type ExemptNotice = z.infer<typeof exemptNoticeSchema>;

/** The cover-sheet label of `divisions:` when the committee names none (the example Panel's wording). */
export const DEFAULT_DIVISIONS_LABEL = "County divisions affected";

/** "Panel" for "Essex Police, Fire and Crime Panel", unless the committee says otherwise. */
export function nounOf(committee: Pick<Committee, "name" | "noun">): string {
  return committee.noun ?? committee.name.trim().split(/\s+/).pop() ?? committee.name;
}

/** The physical part of a venue, "Committee Room 1, County Hall, Chelmsford, CM1 1QH"; empty when online only. */
export function placeText(venue: Venue, options: { postcode?: boolean } = {}): string {
  return [venue.room, venue.building, venue.town, options.postcode === false ? undefined : venue.postcode].filter(Boolean).join(", ");
}

/**
 * The venue in one line. Online only: "Online meeting (Microsoft Teams)"; hybrid: the place, "and online
 * (Microsoft Teams)". Parts a venue does not have are left out, never printed empty.
 */
export function venueText(venue: Venue, options: { postcode?: boolean } = {}): string {
  const place = placeText(venue, options);
  if (!venue.online) return place;
  return place ? `${place}, and online (${venue.online.platform})` : `Online meeting (${venue.online.platform})`;
}

/** The short form the site's index shows: "Committee Room 1, County Hall"; "Online (Microsoft Teams)". */
export function venueShortText(venue: Venue): string {
  const place = [venue.room, venue.building].filter(Boolean).join(", ") || venue.town || "";
  if (!venue.online) return place;
  return place ? `${place}, and online` : `Online (${venue.online.platform})`;
}
