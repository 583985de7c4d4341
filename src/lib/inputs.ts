/** What outputs depend on: the hash of a folder's files, and where panelpress itself is installed. */
import { createHash, type Hash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * The panelpress installation (its src/ and lock file), which may differ from the project being built.
 * (The only use of import.meta.dirname in src/: bin/panelpress.js maps it when it bundles src/.)
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
