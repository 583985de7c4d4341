/** The registry of report kinds: the one list to edit when adding a kind. */
import type { ReportKind } from "./kind.ts";
import { buildGenericBody } from "./generic/index.ts";

export const KINDS: ReadonlyMap<string, ReportKind> = new Map(
  [
    { name: "generic", description: "Markdown narrative with tables, charts and values from YAML", buildBody: buildGenericBody },
  ].map((kind) => [kind.name, kind]),
);
