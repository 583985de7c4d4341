/**
 * panelpress <command> [options]: see src/commands/ (one file per command, registered in index.ts).
 * Exit codes: 0 success, 1 content errors, 2 usage or setup problems, 3 internal fault.
 */
import { COMMANDS } from "./commands/index.ts";
import { EXIT, type Command } from "./commands/command.ts";
import { runBatchChild } from "./commands/build.ts";
import { BATCH_CHILD } from "./pipeline/batches.ts";

function usage(): string {
  return `Usage: panelpress <command> [options]\n${[...COMMANDS.values()].map((c) => `  panelpress ${c.usage}`).join("\n")}\n'panelpress <command> --help' (or 'panelpress help <command>') says more about one.\n`;
}

/** One command's help: its own text where it has one, else its usage line with what it does below it. */
export function commandHelp(command: Command): string {
  if ("help" in command && typeof command.help === "string") return command.help;
  const [synopsis, ...what] = command.usage.split(/\s{3,}/);
  return `Usage: panelpress ${synopsis}\n${what.length ? `  ${what.join(" ")}\n` : ""}`;
}

const wantsHelp = (args: string[]) => args.some((a) => a === "--help" || a === "-h");

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  // A batch of a large build, started by the build itself (src/pipeline/batches.ts); not a command.
  if (name === BATCH_CHILD && rest[0] !== undefined) return runBatchChild(rest[0]);
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  const context = {
    root: process.cwd(),
    log: (message: string) => {
      if (interactive) process.stderr.write(`• ${message}\n`);
    },
    stdout: (text: string) => void process.stdout.write(text),
    stderr: (text: string) => void process.stderr.write(text),
  };
  if (name === "help" && rest[0] !== undefined && COMMANDS.has(rest[0])) {
    process.stdout.write(commandHelp(COMMANDS.get(rest[0])!));
    return EXIT.ok;
  }
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS.get(name);
  if (!command) {
    process.stderr.write(`Unknown command '${name}'.\n\n${usage()}`);
    return EXIT.usage;
  }
  // Every command answers --help the same way, before its own options are parsed.
  if (wantsHelp(rest)) {
    process.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  try {
    return await command.run(rest, context);
  } catch (error) {
    // Bad options are a usage problem (parseArgs throws a TypeError with a code); anything else is a fault.
    if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`${error.message}\n\n${usage()}`);
      return EXIT.usage;
    }
    throw error;
  }
}
