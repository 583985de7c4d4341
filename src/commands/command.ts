/** A subcommand of `panelpress`: parses its own arguments and returns the exit code. */
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
