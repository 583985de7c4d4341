/** `panelpress fmt`: canonical YAML (see format.ts for the style). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileKind, formatYaml, FormatError } from "./format.ts";
import { projectYamlFiles } from "./files.ts";

export { formatYaml, fileKind, FormatError, wrapFolded } from "./format.ts";
export { projectYamlFiles } from "./files.ts";

export interface FmtResult {
  /** Files not in the canonical style (rewritten unless checking). */
  changed: string[];
  /** Files that could not be formatted (they do not parse), with the reason. */
  failed: Array<{ file: string; reason: string }>;
  checked: number;
}

/** Format the given files (project-relative; default: all YAML under content/ and data/). */
export function formatProject(root: string, options: { check: boolean; files?: string[] }): FmtResult {
  const files = options.files?.length ? options.files : projectYamlFiles(root);
  const result: FmtResult = { changed: [], failed: [], checked: files.length };
  for (const file of files) {
    const path = join(root, file);
    const text = readFileSync(path, "utf8");
    let formatted: string;
    try {
      formatted = formatYaml(text, fileKind(file));
    } catch (error) {
      if (error instanceof FormatError) {
        result.failed.push({ file, reason: error.message });
        continue;
      }
      throw error;
    }
    if (formatted === text) continue;
    result.changed.push(file);
    if (!options.check) writeFileSync(path, formatted);
  }
  return result;
}
