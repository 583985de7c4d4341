/** Folders of files: every file under one, the hash of one, and where panelpress itself is installed. */
import { createHash, type Hash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

/**
 * The panelpress installation (its src/ and lock file), which may differ from the project being built.
 * (The only use of import.meta.dirname in src/: bin/panelpress.js maps it when it bundles src/.
 * bin/panelpress.js has its own copy of hashTree: it runs before any TypeScript can be loaded.)
 */
export const TOOL_ROOT = resolve(import.meta.dirname, "..", "..");

/**
 * Files an editor or the system leaves beside content, never content: Emacs locks (`.#paper.md`, often a
 * dangling link) and autosaves (`#paper.md#`), backups (`paper.md~`), Vim swap files (`.paper.md.swp`),
 * and any other hidden file.
 */
export function isEditorFile(name: string): boolean {
  return name.startsWith(".") || name.startsWith("#") || name.endsWith("~") || /\.(swp|swo|swx|bak|orig|tmp)$/i.test(name);
}

/** The content files of a folder with an ending (".md", ".yaml"), sorted; editor files left out. */
export function contentFiles(dir: string, ending: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(ending) && !isEditorFile(name)).sort() : [];
}

/** Is a path, with every link resolved, inside a folder (also resolved)? A missing path is not. */
export function isInside(folder: string, path: string): boolean {
  try {
    const inner = realpathSync(path);
    const outer = realpathSync(folder);
    return inner === outer || inner.startsWith(outer + sep);
  } catch {
    return false;
  }
}

/** Hash of the files under a folder (names and contents), in a stable order; editor files left out. */
export function hashTree(dir: string, hash: Hash = createHash("sha256")): Hash {
  if (!existsSync(dir)) return hash;
  for (const name of readdirSync(dir).sort()) {
    if (isEditorFile(name)) continue;
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) hash.update(`${name}->missing`); // a dangling link: reported by the build, never a crash here
    else if (stat.isDirectory()) hashTree(path, hash.update(`${name}/`));
    else hash.update(name).update(readFileSync(path));
  }
  return hash;
}

/**
 * What a cache's entries depend on in panelpress itself, added to `hash`: the code of one folder of src/
 * (printing, the search index) and the package files that pin every dependency's version.
 */
export function hashToolCode(hash: Hash, folder: string): Hash {
  hashTree(join(TOOL_ROOT, "src", folder), hash);
  for (const file of ["package.json", "package-lock.json"]) if (existsSync(join(TOOL_ROOT, file))) hash.update(readFileSync(join(TOOL_ROOT, file)));
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
