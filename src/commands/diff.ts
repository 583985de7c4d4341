/** panelpress diff <rev-a> [<rev-b>] [--format text|md|html|json] [--restricted]: changes as readers see them. */
import { parseArgs } from "node:util";
import { compareVersions, DIFF_FORMATS, openVersion, renderReport, RevisionError, type DiffFormat, type Version } from "../diff/index.ts";
import { EXIT, type Command } from "./command.ts";

export const diffCommand: Command = {
  name: "diff",
  usage: "diff <rev-a> [<rev-b>] [--format text|md|html|json] [--restricted] [--colour|--no-colour]   what changed between two git revisions (rev-b: the working tree), as the papers show it",
  async run(argv, { root, log, stdout, stderr }) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: "string", default: "text" }, restricted: { type: "boolean", default: false }, colour: { type: "boolean" }, "no-colour": { type: "boolean", default: false } },
    });
    const format = values.format as DiffFormat;
    if (!DIFF_FORMATS.includes(format) || positionals.length < 1 || positionals.length > 2) {
      stderr(`Usage: panelpress ${diffCommand.usage}\n`);
      return EXIT.usage;
    }
    const [revA, revB] = positionals as [string, string | undefined];
    const opened: Version[] = [];
    try {
      log(`Building ${revA}`);
      opened.push(await openVersion(root, revA, values.restricted));
      log(`Building ${revB ?? "the working tree"}`);
      opened.push(await openVersion(root, revB, values.restricted));
      const report = compareVersions(opened[0]!, opened[1]!);
      // Colour only for a person at a terminal (and never when asked not to, or when NO_COLOR is set).
      const colour = !values["no-colour"] && (values.colour ?? (Boolean(process.stdout.isTTY) && !process.env.NO_COLOR));
      stdout(renderReport(report, format, colour));
      return EXIT.ok;
    } catch (error) {
      if (error instanceof RevisionError) {
        stderr(`${error.message}\n`);
        return EXIT.usage;
      }
      throw error;
    } finally {
      for (const version of opened) version.dispose();
    }
  },
};
