/** One Nunjucks environment over templates/, used by Eleventy and by the builder to render embedded components. */
import nunjucks from "nunjucks";
import { join } from "node:path";
import { filters } from "./filters.ts";

export interface Renderer {
  env: nunjucks.Environment;
  /** Render templates/components/<name>.njk with its params. */
  component(name: string, params: object): string;
}

export function createRenderer(root: string): Renderer {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(root, "templates")), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  for (const [name, fn] of Object.entries(filters)) env.addFilter(name, fn as (...args: unknown[]) => unknown);
  return {
    env,
    component: (name, params) => env.render(`components/${name}.njk`, params).trim(),
  };
}
