/**
 * The fact store of a meeting: its own facts (meeting.yaml `facts:`) over its committee's (the committee
 * file's `facts:`). A meeting's fact shadows the committee's of the same id — a meeting may have a chair of
 * its own for the day — so the nearer statement wins, by design, with no problem reported.
 */
import { closest } from "../content/problems.ts";
import type { Located } from "../content/yaml.ts";
import type { Position } from "../content/problems.ts";
import { formatDate, formatMoney, formatNumber } from "../lib/format.ts";
import { FACT_TYPES, type Fact, type FactType } from "./schema.ts";

export interface FactSource {
  file: string;
  located: Located | undefined;
  facts: Record<string, Fact>;
}

/** A fact as found: what it is, where it is stated. */
export interface FoundFact {
  id: string;
  fact: Fact;
  file: string;
  at: Position;
}

/** The parts a fact of each type has ([@fact:<id>.<part>]). */
export const FACT_PARTS: Partial<Record<FactType, readonly string[]>> = {
  person: ["name", "role", "council"],
  place: ["name", "address", "postcode"],
};

export function factType(fact: Fact): FactType {
  return FACT_TYPES.find((t) => fact[t as keyof Fact] !== undefined)!;
}

/** The fact's value, as it is compared with the same figure or words stated elsewhere (a date as ISO). */
export function factValue(fact: Fact): number | string {
  switch (factType(fact)) {
    case "number": return fact.number!;
    case "money": return fact.money!;
    case "date": return fact.date!;
    default: return factText(fact) as string;
  }
}

/** How a fact (or one part of it) prints; an error for a part it does not have. */
export function factText(fact: Fact, part?: string): string | { error: string } {
  const type = factType(fact);
  const parts = FACT_PARTS[type] ?? [];
  if (part !== undefined && !parts.includes(part)) {
    return { error: parts.length ? `a ${type} has the parts ${parts.join(", ")}` : `a ${type} fact has no parts` };
  }
  switch (type) {
    case "text": return fact.text!;
    case "date": return formatDate(fact.date!);
    case "number": return formatNumber(fact.number!, fact.decimals ?? 0);
    case "money": return formatMoney(fact.money!, fact.decimals ?? 0);
    case "person": {
      const person = fact.person!;
      return part === undefined ? [person.name, person.role, person.council].filter(Boolean).join(", ") : (person[part as "name"] ?? "");
    }
    case "place": {
      const place = fact.place!;
      if (part === "address") return place.address.join(", ");
      if (part !== undefined) return place[part as "name" | "postcode"] ?? "";
      return [place.name, ...place.address, place.postcode].filter(Boolean).join(", ");
    }
  }
}

export class FactStore {
  private readonly sources: FactSource[];

  /** Nearest first: the meeting's facts, then the committee's. */
  constructor(...sources: FactSource[]) {
    this.sources = sources;
  }

  find(id: string): FoundFact | undefined {
    for (const source of this.sources) {
      const fact = source.facts[id];
      if (fact) return { id, fact, file: source.file, at: source.located?.at(["facts", id]) ?? { line: 1, column: 1 } };
    }
    return undefined;
  }

  /** Every fact in force: each id once, as its nearest statement has it. */
  all(): FoundFact[] {
    const ids = [...new Set(this.sources.flatMap((s) => Object.keys(s.facts)))];
    return ids.map((id) => this.find(id)!);
  }

  /** `[@fact:<id>]` or `[@fact:<id>.<part>]`: the text, an error saying why not, or null for no such fact. */
  resolve(ref: string): { text: string } | { error: string } | null {
    const [id = "", part, ...rest] = ref.split(".");
    const found = this.find(id);
    if (!found) return null;
    if (rest.length > 0) return { error: `'${ref}' names a part of a part` };
    const text = factText(found.fact, part);
    return typeof text === "string" ? { text } : text;
  }

  /** Why a fact reference found nothing: the parts a fact has, or a known id near a misspelt one. */
  hint(ref: string): string | undefined {
    const [id = "", part] = ref.split(".");
    const found = this.find(id);
    if (found && part !== undefined) {
      const text = factText(found.fact, part);
      return typeof text === "string" ? undefined : text.error;
    }
    const near = closest(id, [...new Set(this.sources.flatMap((s) => Object.keys(s.facts)))]);
    return near ? `did you mean '${near}'?` : undefined;
  }
}
