/** The registry of report kinds: the one list to edit when adding a kind. */
import type { ReportKind } from "./kind.ts";
import { buildGenericBody } from "./generic/index.ts";
import { deploymentKind } from "./deployment/index.ts";
import { hmicfrsProgressKind } from "./hmicfrs-progress/index.ts";
import { planClosureKind } from "./plan-closure/index.ts";

export const KINDS: ReadonlyMap<string, ReportKind> = new Map(
  [
    { name: "generic", description: "Markdown narrative with tables, charts and values from YAML", buildBody: buildGenericBody },
    deploymentKind,
    hmicfrsProgressKind,
    planClosureKind,
  ].map((kind) => [kind.name, kind]),
);
