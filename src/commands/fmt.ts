/** panelpress fmt [--check] [files…]: rewrite YAML in the canonical style, or (--check) list what is not. */
import { parseArgs } from "node:util";
import { formatProject } from "../fmt/index.ts";
import { EXIT, type Command } from "./command.ts";

export const fmtCommand: Command = {
  name: "fmt",
  usage: "fmt [--check] [FILE…]   rewrite YAML under content/ and data/ in the canonical style (comments kept); --check lists files that are not, exit 1",
  async run(argv, { root, stdout, stderr }) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { check: { type: "boolean", default: false } } });
    const result = formatProject(root, { check: values.check, files: positionals });
    for (const { file, reason } of result.failed) stderr(`${file}: cannot format: ${reason} (run 'panelpress check')\n`);
    if (values.check) {
      for (const file of result.changed) stdout(`${file}: not canonical\n`);
      if (result.changed.length) stdout(`${result.changed.length} of ${result.checked} file(s) not canonical: run 'panelpress fmt'\n`);
      else if (!result.failed.length) stdout(`${result.checked} file(s) canonical\n`);
    } else {
      for (const file of result.changed) stdout(`formatted ${file}\n`);
      stdout(`${result.changed.length} of ${result.checked} file(s) rewritten\n`);
    }
    return result.changed.length && values.check ? EXIT.content : result.failed.length ? EXIT.content : EXIT.ok;
  },
};
