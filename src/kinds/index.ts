/**
 * The registry of report kinds: the one list to edit when adding a kind. The build, `panelpress new`, the
 * editor schemas (schemas/), the README's and the authoring guide's lists of kinds and `panelpress diff`
 * all read it; none of them names a kind.
 */
import type { ReportKind } from "./kind.ts";
import { genericKind } from "./generic/index.ts";
import { hmicfrsProgressKind } from "./hmicfrs-progress/index.ts";
import { deploymentKind } from "./deployment/index.ts";
import { planClosureKind } from "./plan-closure/index.ts";
import { minutesKind } from "./minutes/index.ts";

const registry = new Map<string, ReportKind>();

/** Every registered kind by name, in the order registered (the order of every generated list). */
export const KINDS: ReadonlyMap<string, ReportKind> = registry;

/**
 * Add a kind. The shipped kinds are added below; a test (or an embedding tool) adds its own the same way,
 * before it scaffolds, emits schemas or builds. A name is used once, and names a file (schemas/paper-data-<name>.json).
 */
export function registerKind(kind: ReportKind): void {
  if (!/^[a-z][a-z0-9-]*$/.test(kind.name)) throw new Error(`'${kind.name}' cannot name a report kind: use lower-case letters, digits and hyphens`);
  if (registry.has(kind.name)) throw new Error(`there is already a report kind '${kind.name}'`);
  registry.set(kind.name, kind);
}

for (const kind of [
  genericKind,
  hmicfrsProgressKind,
  deploymentKind,
  planClosureKind,
  minutesKind,
]) registerKind(kind);
