/** panelpress check [--format text|json] [--strict] [--meeting FOLDER] [--committee ID]: validate content without rendering. */
import { parseArgs } from "node:util";
import { check } from "../pipeline/index.ts";
import { ScopeError } from "../pipeline/scope.ts";
import { EXIT, type Command } from "./command.ts";
import { describeScope, SCOPE_HELP, SCOPE_OPTIONS, scopeOf } from "./scope-options.ts";

const HELP = `Usage: panelpress check [--format text|json] [--strict] [--meeting FOLDER] [--committee ID]
  Check all content (load, validate, build the model; nothing is rendered or written).
  Exit 1 on any error; with --strict, on any new warning too.
  --format json       the problems as JSON (for editors and CI); an acknowledged warning has "acknowledged"
  --strict            fail on warnings as well as errors, except acknowledged ones: those the content already
                      records as known problems of the published record (a misprint listed in a table's
                      errata:), marked "(acknowledged: …)"
${SCOPE_HELP}  A scoped check builds only those meetings, and reports their problems and those of the shared files they
  read (their committee file, action logs); the other meetings are not checked.
`;

export const checkCommand: Command & { help: string } = {
  name: "check",
  usage: "check [--format text|json] [--strict] [--meeting FOLDER] [--committee ID]   check all content (or one meeting's, or one committee's); exit 1 on errors (with --strict, on warnings too, except acknowledged errata)",
  help: HELP,
  async run(argv, { root, stdout, stderr }) {
    const { values } = parseArgs({ args: argv, options: { format: { type: "string", default: "text" }, strict: { type: "boolean", default: false }, ...SCOPE_OPTIONS } });
    if (values.format !== "text" && values.format !== "json") {
      stderr("--format must be text or json\n");
      return EXIT.usage;
    }
    let scope;
    try {
      scope = scopeOf(root, values);
    } catch (error) {
      if (!(error instanceof ScopeError)) throw error;
      stderr(`${error.message}\n`);
      return EXIT.usage;
    }
    const { problems } = await check(root, scope);
    const checked = scope ? `\nchecked ${describeScope(scope)} only` : "";
    stdout(values.format === "json" ? `${JSON.stringify(problems.toJSON(root), null, 2)}\n` : `${problems.format(root)}${checked}\n`);
    // Recorded errata are known problems of the published record, not new ones: --strict passes them.
    return problems.errorCount > 0 || (values.strict && problems.unacknowledgedWarningCount > 0) ? EXIT.content : EXIT.ok;
  },
};
