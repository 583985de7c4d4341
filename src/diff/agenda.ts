/**
 * Agenda changes: items added, removed, moved; references, titles and kinds changed; and — first and
 * loudly — an item becoming exempt (its paper leaves the public pack) or public (it enters it).
 * Item numbers are generated, so an item's number moving because another was added is derived.
 */
import { diffArrays } from "diff";
import type { AgendaItemView, MeetingView } from "../model/view.ts";
import type { AgendaChange } from "./model.ts";

/** An item's identity across versions: its paper, or else its title. */
function keyOf(item: AgendaItemView): string {
  return item.paper ? `paper:${item.paper.slug}` : `title:${item.title}`;
}

/** The items in agenda order (the public ones, then the exempt ones, as numbered). */
export function agendaOf(meeting: MeetingView): AgendaItemView[] {
  return [...meeting.items].sort((a, b) => a.number - b.number);
}

/** Exempt items are built without their paper in a public build: identify them by the paper slug we know. */
export function diffAgenda(before: AgendaItemView[], after: AgendaItemView[], slugs: { before: Map<number, string>; after: Map<number, string> }): AgendaChange[] {
  const key = (item: AgendaItemView, side: "before" | "after") => {
    const slug = slugs[side].get(item.number);
    return slug ? `paper:${slug}` : keyOf(item);
  };
  const a = new Map(before.map((item) => [key(item, "before"), item]));
  const b = new Map(after.map((item) => [key(item, "after"), item]));
  const out: AgendaChange[] = [];
  const item = (i: AgendaItemView) => `item ${i.number}`;

  for (const [k, old] of a) {
    const now = b.get(k);
    if (!now) {
      out.push({ change: "removed", title: old.title, before: item(old), prominent: false, derived: false, text: `removed: item ${old.number} '${old.title}'${old.ref ? ` (${old.ref})` : ""}` });
      continue;
    }
    if (!old.exempt && now.exempt) {
      out.push({ change: "now-exempt", title: now.title, before: item(old), after: item(now), prominent: true, derived: false, text: `NOW EXEMPT: '${now.title}' (item ${old.number} → ${now.number}) is exempt under paragraph${now.paragraphs.length === 1 ? "" : "s"} ${now.paragraphs.join(", ") || "(none given)"} of Schedule 12A: its paper leaves the public agenda pack` });
    } else if (old.exempt && !now.exempt) {
      out.push({ change: "now-public", title: now.title, before: item(old), after: item(now), prominent: true, derived: false, text: `NOW PUBLIC: '${now.title}' (item ${old.number} → ${now.number}) is no longer exempt: its paper will be published` });
    }
    if (old.ref !== now.ref) out.push({ change: "ref", title: now.title, before: old.ref ?? "(none)", after: now.ref ?? "(none)", prominent: false, derived: false, text: `reference of '${now.title}': ${old.ref ?? "(none)"} → ${now.ref ?? "(none)"}` });
    if (old.title !== now.title) out.push({ change: "title", title: now.title, before: old.title, after: now.title, prominent: false, derived: false, text: `title of item ${now.number}: '${old.title}' → '${now.title}'` });
    if (old.kind !== now.kind) out.push({ change: "kind", title: now.title, before: old.kind, after: now.kind, prominent: false, derived: false, text: `'${now.title}' is now ${now.kind} (was ${old.kind})` });
  }
  for (const [k, now] of b) {
    if (!a.has(k)) out.push({ change: "added", title: now.title, after: item(now), prominent: now.exempt, derived: false, text: `added: item ${now.number} '${now.title}'${now.ref ? ` (${now.ref})` : ""}${now.exempt ? " — EXEMPT" : ""}` });
  }

  // Moves: common items whose order relative to each other changed (outside the longest common order).
  const common = (list: AgendaItemView[], side: "before" | "after", other: Map<string, AgendaItemView>) => list.map((i) => key(i, side)).filter((k) => other.has(k));
  const orderA = common(before, "before", b);
  const orderB = common(after, "after", a);
  const stayed = new Set(diffArrays(orderA, orderB).filter((p) => !p.added && !p.removed).flatMap((p) => p.value));
  const exemptMoved = new Set(out.filter((c) => c.prominent).map((c) => c.title));
  for (const k of orderB) {
    const old = a.get(k)!;
    const now = b.get(k)!;
    if (!stayed.has(k) && !exemptMoved.has(now.title)) {
      out.push({ change: "moved", title: now.title, before: item(old), after: item(now), prominent: false, derived: false, text: `moved: '${now.title}' item ${old.number} → ${now.number}` });
    } else if (old.number !== now.number && !exemptMoved.has(now.title)) {
      out.push({ change: "renumbered", title: now.title, before: item(old), after: item(now), prominent: false, derived: true, text: `'${now.title}' is now item ${now.number} (was ${old.number})` });
    }
  }
  // The loud ones first.
  return [...out.filter((c) => c.prominent), ...out.filter((c) => !c.prominent)];
}
