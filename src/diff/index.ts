/** `panelpress diff`: what changed between two versions, as the published papers show it. */
export { compareVersions } from "./compare.ts";
export { openVersion, RevisionError, type Version } from "./revision.ts";
export { renderReport, DIFF_FORMATS, type DiffFormat } from "./render.ts";
export type * from "./model.ts";
