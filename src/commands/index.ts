/** The registry of `panelpress` subcommands: the one list to edit when adding a command. */
import type { Command } from "./command.ts";
import { auditCommand } from "./audit.ts";
import { buildCommand } from "./build.ts";
import { checkCommand } from "./check.ts";
import { diffCommand } from "./diff.ts";
import { fmtCommand } from "./fmt.ts";
import { newCommand } from "./new.ts";
import { serveCommand } from "./serve.ts";

export const COMMANDS: ReadonlyMap<string, Command> = new Map([auditCommand, buildCommand, checkCommand, diffCommand, fmtCommand, newCommand, serveCommand].map((command) => [command.name, command]));
