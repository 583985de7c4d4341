/** The YAML files `fmt` looks after: meetings, committees and papers' data (never node_modules or output). */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOTS = ["content", "data"] as const;
const SKIP = new Set(["node_modules", ".git", "_site", "_restricted"]);

/** Every .yaml / .yml file under content/ and data/, as paths relative to the project, sorted. */
export function projectYamlFiles(root: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (SKIP.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.ya?ml$/.test(name)) out.push(relative(root, path));
    }
  };
  for (const folder of ROOTS) if (existsSync(join(root, folder))) visit(join(root, folder));
  return out;
}
