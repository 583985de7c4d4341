/**
 * panelpress new meeting <YYYY-MM-DD> [--committee ID]
 * panelpress new paper <meeting> <kind> [--name SLUG] [--title TEXT]
 * Scaffold commented, valid files (src/scaffold/); never overwrite.
 */
import { parseArgs } from "node:util";
import { planMeeting, planPaper, ScaffoldError, writePlanned, PAPER_KINDS, type PlannedFile } from "../scaffold/index.ts";
import { EXIT, type Command } from "./command.ts";

export const newCommand: Command = {
  name: "new",
  usage: `new meeting <YYYY-MM-DD> | new paper <meeting> <${PAPER_KINDS.join("|")}> [--name SLUG] [--title TEXT]   start a meeting or a paper`,
  async run(argv, { root, stdout, stderr }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { committee: { type: "string" }, name: { type: "string" }, title: { type: "string" } },
    });
    const [what, ...rest] = positionals;
    try {
      let files: PlannedFile[];
      if (what === "meeting" && rest.length === 1) files = planMeeting(root, rest[0]!, values.committee);
      else if (what === "paper" && rest.length === 2) files = planPaper(root, { meeting: rest[0]!, kind: rest[1]!, slug: values.name, title: values.title });
      else {
        stderr(`Usage: panelpress ${newCommand.usage}\n`);
        return EXIT.usage;
      }
      writePlanned(root, files);
      for (const file of files) stdout(`${file.update ? "updated" : "created"} ${file.path}\n`);
      stdout("Next: edit the files (every field has a comment), then run 'panelpress check' or 'panelpress serve'.\n");
      return EXIT.ok;
    } catch (error) {
      if (error instanceof ScaffoldError) {
        stderr(`${error.message}\n`);
        return EXIT.usage;
      }
      throw error;
    }
  },
};
