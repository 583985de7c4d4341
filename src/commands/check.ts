/** panelpress check [--format text|json] [--strict]: validate all content without rendering. */
import { parseArgs } from "node:util";
import { check } from "../pipeline/index.ts";
import { EXIT, type Command } from "./command.ts";

export const checkCommand: Command = {
  name: "check",
  usage: "check [--format text|json] [--strict]   check all content; exit 1 on errors (on warnings too with --strict)",
  async run(argv, { root, stdout, stderr }) {
    const { values } = parseArgs({ args: argv, options: { format: { type: "string", default: "text" }, strict: { type: "boolean", default: false } } });
    if (values.format !== "text" && values.format !== "json") {
      stderr("--format must be text or json\n");
      return EXIT.usage;
    }
    const { problems } = await check(root);
    stdout(values.format === "json" ? `${JSON.stringify(problems.toJSON(root), null, 2)}\n` : `${problems.format(root)}\n`);
    return problems.errorCount > 0 || (values.strict && problems.warningCount > 0) ? EXIT.content : EXIT.ok;
  },
};
