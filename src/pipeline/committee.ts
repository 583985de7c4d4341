/**
 * A committee: its file read and checked once per build (every committee file is, whether or not a meeting
 * names it), and what its pages say about it.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Problems } from "../content/problems.ts";
import type { Located } from "../content/yaml.ts";
import { validate } from "../content/validate.ts";
import { committeeSchema, DEFAULT_DIVISIONS_LABEL, nounOf, placeText, type Committee } from "../model/committee.ts";
import type { CommitteeView } from "../model/view.ts";
import { readYaml } from "./load.ts";
import { statusScaleProblems } from "../tables/status.ts";
import type { Context } from "./build.ts";

export function loadCommittee(id: string, ctx: Context): Committee | undefined {
  if (ctx.committees.has(id)) return ctx.committees.get(id);
  const file = join(ctx.root, "data", "committees", `${id}.yaml`);
  let committee: Committee | undefined;
  if (existsSync(file)) {
    const located = readYaml(file, ctx.problems, ctx.root);
    committee = located ? validate(committeeSchema, located, file, ctx.problems) : undefined;
    if (committee && located) checkCommittee(committee, located, file, ctx.problems);
  }
  ctx.committees.set(id, committee);
  return committee;
}

/** What the schema alone cannot say: a venue is somewhere, and references need a short name to start with. */
function checkCommittee(committee: Committee, located: Located, file: string, problems: Problems): void {
  for (const [key, venue] of Object.entries(committee.venues)) {
    if (!placeText(venue) && !venue.online) {
      problems.error(file, located.at(["venues", key]), "schema/missing", `venue '${key}' has neither a place (room, building, town, postcode) nor 'online'`, "add 'building:' and the rest, or 'online: {platform: Microsoft Teams}'");
    }
  }
  for (const p of statusScaleProblems(committee.statuses ?? [])) problems.error(file, located.at(p.path), p.rule, p.message, p.hint);
  if (committee.references !== "none" && !committee.short) {
    problems.error(file, located.at(["name"]), "schema/missing", "the committee has no 'short' name, which its report references start with", "add 'short: ABC' (capital letters), or 'references: none' if its papers have no references");
  }
}
/** What a committee's pages say about it: its words, with what it leaves out left out. */
export function committeeView(committee: Committee): CommitteeView {
  const noun = nounOf(committee);
  return {
    id: committee.id, name: committee.name, short: committee.short, host: committee.host, quorum: committee.quorum,
    noun, members: `${noun.toLowerCase()} members`, divisionsLabel: committee.divisions?.label ?? DEFAULT_DIVISIONS_LABEL,
    pageRanges: committee.page_ranges,
  };
}
