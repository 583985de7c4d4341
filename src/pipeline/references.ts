/**
 * References in and to a meeting. `[@meeting:…]` and `[@committee:…]` in its papers, agenda and notices
 * resolve to the meeting's and its committee's fields, and `[@fact:…]` to their fact store (src/facts/); the agenda's report references (EPFCP/38/22) are
 * checked: the committee's prefix, the meeting's year, unique, consecutive, and given where the committee
 * requires them (and only where it uses them).
 */
import type { Problems } from "../content/problems.ts";
import type { Located } from "../content/yaml.ts";
import { nounOf, venueText, type Committee, type Venue } from "../model/committee.ts";
import type { AgendaEntry, MeetingInput } from "../model/meeting.ts";
import { formatDate, formatTime } from "../lib/format.ts";
import type { FactStore } from "../facts/index.ts";

/** What `[@meeting:<field>]` and `[@committee:<field>]` say at a meeting; null for a field it has none of. */
export function sharedResolver(meeting: MeetingInput, committee: Committee, start: string, venue: Venue, facts?: FactStore): (type: string, key: string) => { text: string } | null {
  const resolveShared = (type: string, key: string): { text: string } | null => {
    if (type === "fact") {
      const found = facts?.resolve(key);
      return found && "text" in found ? found : null;
    }
    if (type === "meeting") {
      if (key === "date") return { text: formatDate(meeting.date, { weekday: true }) };
      if (key === "previous_meeting" && meeting.previous_meeting) return { text: formatDate(meeting.previous_meeting) };
      if (key === "next_meeting" && meeting.next_meeting) {
        const next = meeting.next_meeting;
        return { text: `${formatDate(next.date, { weekday: true })} at ${formatTime(next.start ?? committee.default_start)}` };
      }
      if (key === "start") return { text: formatTime(start) };
      if (key === "venue") return { text: venueText(venue, { postcode: false }) };
      // The venue is a place: its parts, as [@meeting:venue.postcode] (a part it does not have is unresolved).
      const part = /^venue\.(room|building|town|postcode)$/.exec(key)?.[1] as "room" | "building" | "town" | "postcode" | undefined;
      if (part) return venue[part] ? { text: venue[part] } : null;
      return null;
    }
    if (type === "committee") {
      if (key === "quorum") return committee.quorum === undefined ? null : { text: String(committee.quorum) };
      if (key === "name") return { text: committee.name };
      if (key === "noun") return { text: nounOf(committee) };
      if (key === "default_start") return { text: formatTime(committee.default_start) };
      return null;
    }
    return null;
  };
  return resolveShared;
}

/** References: committee prefix, the meeting's year, unique, and consecutive in the order meeting.yaml lists them. */
export function checkReferences(entries: AgendaEntry[], committee: Committee, meetingDate: string, located: Located, file: string, problems: Problems): void {
  if (committee.references === "none") return; // checkItemReference reports any reference given
  const seen = new Map<string, string>();
  let previous: number | undefined;
  for (const entry of [...entries].sort((a, b) => sourceOrder(a.path, b.path))) {
    const ref = entry.input.ref;
    if (!ref) continue;
    const at = located.at([...entry.path, "ref"]);
    const [prefix, sequence, year] = ref.split("/");
    if (committee.short && prefix !== committee.short) problems.error(file, at, "ref/prefix", `report reference ${ref} should start with ${committee.short}/`);
    if (year !== meetingDate.slice(2, 4)) problems.error(file, at, "ref/year", `report reference ${ref} is not of the meeting's year (${meetingDate.slice(0, 4)})`, `end it with /${meetingDate.slice(2, 4)}`);
    if (seen.has(ref)) problems.error(file, at, "ref/duplicate", `report reference ${ref} is used twice (also item ${seen.get(ref)} of the agenda)`);
    seen.set(ref, entry.label);
    const n = Number(sequence);
    if (previous !== undefined && n !== previous + 1) {
      problems.error(file, at, "ref/sequence", `report reference ${ref} is out of sequence: the previous paper was number ${previous}`, `use ${prefix}/${String(previous + 1).padStart(2, "0")}/${year}`);
    }
    previous = n;
  }
}

/** Order of two places in meeting.yaml: ["agenda", i] before ["agenda", i, "items", j]. */
function sourceOrder(a: Array<string | number>, b: Array<string | number>): number {
  const at = (p: Array<string | number>, i: number) => (typeof p[i] === "number" ? (p[i] as number) : -1);
  return at(a, 1) - at(b, 1) || at(a, 3) - at(b, 3);
}

/** Whether an item's reference is as its committee wants: required on papers, or not used at all. */
export function checkItemReference(entry: AgendaEntry, committee: Committee, meetingDate: string, located: Located, file: string, problems: Problems): void {
  const { input, label, path } = entry;
  if (committee.references === "required" && input.kind === "paper" && !input.ref) {
    problems.error(file, located.at(path), "agenda/missing-ref", `agenda item ${label} is a paper but has no report reference`, `add 'ref: ${committee.short ?? "ABC"}/NN/${meetingDate.slice(2, 4)}', or set 'references: optional' in the committee file if its papers need none`);
  }
  if (committee.references === "none" && input.ref) {
    problems.error(file, located.at([...path, "ref"]), "schema/invalid", `agenda item ${label} has a report reference, but committee '${committee.id}' does not use them (references: none)`, "remove 'ref:', or set 'references: optional' in the committee file");
  }
}
