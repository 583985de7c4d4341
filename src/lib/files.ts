/** Folders of files: every file under one, the hash of one, and where panelpress itself is installed. */
import { createHash, type Hash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

/**
 * The panelpress installation (its src/ and lock file), which may differ from the project being built.
 * (The only use of import.meta.dirname in src/: bin/panelpress.js maps it when it bundles src/.
 * bin/panelpress.js has its own copy of hashTree: it runs before any TypeScript can be loaded.)
 */
export const TOOL_ROOT = resolve(import.meta.dirname, "..", "..");

/** Hash of the files under a folder (names and contents), in a stable order. */
export function hashTree(dir: string, hash: Hash = createHash("sha256")): Hash {
  if (!existsSync(dir)) return hash;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(path, hash.update(`${name}/`));
    else hash.update(name).update(readFileSync(path));
  }
  return hash;
}

/** Every file under a folder, as '/'-separated paths relative to it, in a stable order. */
export function filesUnder(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(relative(root, path).split(sep).join("/"));
    }
  };
  walk(root);
  return files;
}
