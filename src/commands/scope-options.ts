/** `--meeting <folder>` and `--committee <id>`, shared by `check` and `build` (src/pipeline/scope.ts). */
import { isScoped, resolveScope, type Scope } from "../pipeline/scope.ts";

export const SCOPE_OPTIONS = {
  meeting: { type: "string", multiple: true },
  committee: { type: "string", multiple: true },
} as const;

export const SCOPE_HELP = `  --meeting FOLDER    only this meeting (its folder under content/meetings/, e.g. 2024-05-16); may be repeated
  --committee ID      only this committee's meetings (data/committees/ID.yaml); may be repeated, and combined with --meeting
`;

/** The scope the options ask for, or undefined for the whole project; a name it does not have throws a ScopeError. */
export function scopeOf(root: string, values: { meeting?: string[]; committee?: string[] }): Scope | undefined {
  const request = { meetings: values.meeting, committees: values.committee };
  return isScoped(request) ? resolveScope(root, request) : undefined;
}

/** "meeting 2024-05-16" / "3 meetings (2024-05-16, …)": what a scoped run covered, for its summary line. */
export function describeScope(scope: Scope): string {
  return scope.meetings.length === 1 ? `meeting ${scope.meetings[0]}` : `${scope.meetings.length} meetings (${scope.meetings.join(", ")})`;
}
