/**
 * A kind's blocks (src/kinds/<kind>/templates/<name>.njk) render in an environment of their own per folder,
 * made like the shared one (src/site/nunjucks.ts: the same options and filters), so a kind's block is
 * exactly what the same file under templates/components/ would give.
 */
import nunjucks from "nunjucks";
import { filters } from "../site/filters.ts";
import type { KindBlock } from "../model/body.ts";

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

/** The block's HTML: <templates>/<name>.njk with its params, trimmed like a shared component. */
export function renderKindBlock(block: KindBlock): string {
  return environmentFor(block.templates).render(`${block.name}.njk`, block.params).trim();
}
