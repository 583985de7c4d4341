/**
 * A kind's own templates live in its folder (src/kinds/<kind>/templates/), not in templates/: a kind is one
 * folder. They render in an environment of their own, made like the shared one (src/site/nunjucks.ts: the
 * same options and filters), so a kind's block is exactly what the same file under templates/components/
 * would give.
 */
import { join } from "node:path";
import nunjucks from "nunjucks";
import { TOOL_ROOT } from "../lib/files.ts";
import { filters } from "../site/filters.ts";

/**
 * The templates folder of a kind shipped in src/kinds/<name>/, found from the tool's root: the CLI runs a
 * bundle of src/ (bin/panelpress.js), where a module's import.meta.dirname is not its source folder.
 */
export function shippedTemplates(name: string): string {
  return join(TOOL_ROOT, "src", "kinds", name, "templates");
}

const environments = new Map<string, nunjucks.Environment>();

/** One environment per folder, kept for the process (a kind's templates are part of the tool, like its code). */
function environmentFor(dir: string): nunjucks.Environment {
  const known = environments.get(dir);
  if (known) return known;
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dir), { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  for (const [name, fn] of Object.entries(filters)) env.addFilter(name, fn as (...args: unknown[]) => unknown);
  environments.set(dir, env);
  return env;
}

/** Render <dir>/<name>.njk with params, trimmed like a shared component. */
export function renderKindTemplate(dir: string, name: string, params: object): string {
  return environmentFor(dir).render(`${name}.njk`, params).trim();
}
