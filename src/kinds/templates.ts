/**
 * A kind's own templates live in its folder (src/kinds/<kind>/templates/), not in templates/: a kind is one
 * folder. The kind names a block and its params (KindContext.block); the render stage draws it
 * (src/render/kind-blocks.ts).
 */
import { join } from "node:path";
import { TOOL_ROOT } from "../lib/files.ts";

/**
 * The templates folder of a kind shipped in src/kinds/<name>/, found from the tool's root: the CLI runs a
 * bundle of src/ (bin/panelpress.js), where a module's import.meta.dirname is not its source folder.
 */
export function shippedTemplates(name: string): string {
  return join(TOOL_ROOT, "src", "kinds", name, "templates");
}
