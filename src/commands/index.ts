/** The registry of `panelpress` subcommands: the one list to edit when adding a command. */
import type { Command } from "./command.ts";
import { buildCommand } from "./build.ts";
import { checkCommand } from "./check.ts";

export const COMMANDS: ReadonlyMap<string, Command> = new Map([buildCommand, checkCommand].map((command) => [command.name, command]));
