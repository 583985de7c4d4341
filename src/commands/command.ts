/** A subcommand of `panelpress`: parses its own arguments and returns the exit code. */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { TOOL_ROOT } from "../lib/files.ts";

export interface Command {
  name: string;
  /** One line for the usage text: arguments and what it does. */
  usage: string;
  run(args: string[], context: CommandContext): Promise<number>;
}

export interface CommandContext {
  /** The project folder (the working directory). */
  root: string;
  /** Progress for a person at a terminal; silent in CI and when piped. */
  log(message: string): void;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit codes: 0 success, 1 content errors, 2 usage or setup problems, 3 internal fault (bin/panelpress.js). */
export const EXIT = { ok: 0, content: 1, usage: 2 } as const;

/**
 * Why `root` cannot be rendered, if it cannot: the pages and PDFs are made from the project's own
 * templates/ (a copy of panelpress's, which a body may change), and a folder without them, or without one
 * of the folders panelpress's own templates/ has, used to end in an internal fault.
 */
export function missingTemplates(root: string): string | undefined {
  const folders = readdirSync(join(TOOL_ROOT, "templates"), { withFileTypes: true }).filter((entry) => entry.isDirectory());
  const missing = folders.map((entry) => `templates/${entry.name}/`).sort().filter((folder) => !existsSync(join(root, folder)));
  if (missing.length === 0) return undefined;
  return (
    `This folder has no ${missing.join(", ")}: a panelpress project holds content/, data/ and templates/ (the pages' and PDFs' templates). ` +
    `Copy templates/ from panelpress into ${root}, or run panelpress in a copy of its repository.\n`
  );
}
