/** A meeting: when and where, and the ordered agenda. Item numbers are generated from the order. */
import { z } from "zod";
import { isoDate, strict, time24 } from "../content/validate.ts";
import { contactSchema } from "./committee.ts";
import { toRoman } from "../lib/format.ts";

export const exemptionSchema = strict({
  /** Paragraphs of Part I of Schedule 12A to the Local Government Act 1972 that apply (1–7). */
  paragraphs: z.array(z.number().int().min(1).max(7)),
});

/**
 * Not for publication: Schedule 12A paragraphs (`{paragraphs: [3]}`), or `true` for a body that marks
 * such items its own way (the committee's `exempt_notice.marking`). `false` is the same as leaving it out.
 */
export const exemptSchema = z.union([z.boolean(), exemptionSchema]);

/** What every agenda entry has, item or sub-item. */
const itemFields = {
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
  exempt: exemptSchema.optional(),
};

/** A sub-item (numbered 2.i, 2.ii … under its item); sub-items have none of their own. */
export const subItemSchema = strict(itemFields);

export const agendaItemSchema = strict({
  /** The item's number when it is not the previous one plus one (an agenda that starts at 5, a gap); later items count on from it. */
  number: z.number().int().positive().optional(),
  ...itemFields,
  items: z.array(subItemSchema).min(1).optional(),
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
export type SubItemInput = z.infer<typeof subItemSchema>;
export type ExemptInput = z.infer<typeof exemptSchema>;

/** The Schedule 12A paragraphs of an entry's `exempt:` (none for `true`). */
export function paragraphsOf(exempt: ExemptInput | undefined): number[] {
  return typeof exempt === "object" ? exempt.paragraphs : [];
}

/** Whether an entry is not for publication. */
export function isExempt(exempt: ExemptInput | undefined): boolean {
  return exempt !== undefined && exempt !== false;
}

/** One entry of the printed agenda: an item or a sub-item, with its generated numbers. */
export interface AgendaEntry {
  input: SubItemInput;
  /** Where it is in meeting.yaml, for problems: ["agenda", 3] or ["agenda", 3, "items", 1]. */
  path: Array<string | number>;
  /** Place in the printed agenda, 1, 2, 3 … (sub-items counted): unique. */
  number: number;
  /** The printed number: "7", "2.ii". */
  label: string;
  sub: boolean;
  exempt: boolean;
  paragraphs: number[];
}

export interface AgendaProblem {
  path: Array<string | number>;
  message: string;
  hint?: string;
}

/**
 * The agenda in printed order, numbered. Items count 1, 2, 3 … unless one sets `number:` (later ones
 * count on from it); sub-items are 2.i, 2.ii … under their item, and share its exemption. With exempt
 * items at the end (Schedule 12A agendas) they move there with their sub-items and are numbered on; kept
 * in place, they keep their place and number. Pure: problems are returned, not reported.
 */
export function planAgenda(agenda: AgendaItemInput[], placement: "end" | "in-place"): { entries: AgendaEntry[]; problems: AgendaProblem[] } {
  const items = agenda.map((input, index) => ({ input, index, exempt: isExempt(input.exempt) }));
  const ordered = placement === "end" ? [...items.filter((i) => !i.exempt), ...items.filter((i) => i.exempt)] : items;
  const entries: AgendaEntry[] = [];
  const problems: AgendaProblem[] = [];
  let printed = 0;
  for (const { input, index, exempt } of ordered) {
    const path = ["agenda", index];
    if (input.number !== undefined && input.number <= printed) {
      problems.push({ path: [...path, "number"], message: `'${input.title}' is numbered ${input.number}, but the item before it is number ${printed}: item numbers must go up`, hint: `remove 'number:' to number it ${printed + 1}, or give a number above ${printed}` });
    }
    printed = input.number ?? printed + 1;
    const label = String(printed);
    entries.push({ input, path, number: entries.length + 1, label, sub: false, exempt, paragraphs: paragraphsOf(input.exempt) });
    (input.items ?? []).forEach((sub, j) => {
      const own = isExempt(sub.exempt);
      if (placement === "end" && own && !exempt) {
        problems.push({ path: [...path, "items", j, "exempt"], message: `sub-item ${label}.${toRoman(j + 1)} is exempt but item ${label} is public: this committee's exempt items stand after the public ones, away from their item`, hint: "make it an item of its own, or mark the whole item exempt" });
      }
      entries.push({ input: sub, path: [...path, "items", j], number: entries.length + 1, label: `${label}.${toRoman(j + 1)}`, sub: true, exempt: exempt || own, paragraphs: own ? paragraphsOf(sub.exempt) : paragraphsOf(input.exempt) });
    });
  }
  return { entries, problems };
}
