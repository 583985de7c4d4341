/**
 * panelpress new committee <id> --name TEXT [--short ABC] [--noun WORD] [--host TEXT] [--start HH:MM] [--online PLATFORM]
 * panelpress new meeting <YYYY-MM-DD> [--committee ID]
 * panelpress new paper <meeting> <kind> [--name SLUG] [--title TEXT]
 * Scaffold commented, valid files (src/scaffold/); never overwrite.
 */
import { parseArgs } from "node:util";
import { planCommittee, planMeeting, planPaper, ScaffoldError, writePlanned, PAPER_KINDS, type PlannedFile } from "../scaffold/index.ts";
import { EXIT, type Command } from "./command.ts";

const HELP = `Usage:
  panelpress new committee <id> --name TEXT [--short ABC] [--noun WORD] [--host TEXT] [--start HH:MM] [--online PLATFORM]
      start data/committees/<id>.yaml with only what the body needs (name, start time, a venue, a contact);
      --short gives report references (ABC/NN/YY), without it the body's papers have none;
      --noun is what it calls itself in a sentence (default: the last word of its name);
      --online makes its venue an online meeting on PLATFORM instead of a room to fill in.
  panelpress new meeting <YYYY-MM-DD> [--committee ID]
      start content/meetings/<date>/meeting.yaml; --committee is needed when the project has several.
  panelpress new paper <meeting> <${PAPER_KINDS.join("|")}> [--name SLUG] [--title TEXT]
      start a paper and its data file, and add it to the end of the meeting's agenda.
Nothing is ever overwritten: if a file exists, nothing is written.
`;

export const newCommand: Command & { help: string } = {
  name: "new",
  usage: `new committee <id> --name TEXT | new meeting <YYYY-MM-DD> [--committee ID] | new paper <meeting> <${PAPER_KINDS.join("|")}> [--name SLUG] [--title TEXT]   start a committee, a meeting or a paper`,
  help: HELP,
  async run(argv, { root, stdout, stderr }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        committee: { type: "string" }, name: { type: "string" }, title: { type: "string" },
        short: { type: "string" }, noun: { type: "string" }, host: { type: "string" }, start: { type: "string" }, online: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) {
      stdout(HELP);
      return EXIT.ok;
    }
    const [what, ...rest] = positionals;
    try {
      let files: PlannedFile[];
      if (what === "committee" && rest.length === 1 && values.name !== undefined) {
        files = planCommittee(root, { id: rest[0]!, name: values.name, short: values.short, noun: values.noun, host: values.host, start: values.start, online: values.online });
      } else if (what === "meeting" && rest.length === 1) files = planMeeting(root, rest[0]!, values.committee);
      else if (what === "paper" && rest.length === 2) files = planPaper(root, { meeting: rest[0]!, kind: rest[1]!, slug: values.name, title: values.title });
      else {
        stderr(HELP);
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
