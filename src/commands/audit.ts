/** panelpress audit [--out DIR]: the accessibility and quality gates over the built site, whatever it holds. */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { formatGateReport, runGates } from "../a11y/gates.ts";
import { EXIT, type Command } from "./command.ts";

export const auditCommand: Command = {
  name: "audit",
  usage: "audit [--out DIR]   check the built site (default _site) for accessibility and quality: axe (WCAG 2.2 AA), HTML, links, tables, charts, reflow, PDF tags and PDF/UA-1; exit 1 on any problem",
  async run(argv, { root, stdout, stderr, log }) {
    const { values } = parseArgs({ args: argv, options: { out: { type: "string", default: "_site" } } });
    const site = resolve(root, values.out);
    if (!existsSync(site)) {
      stderr(`There is no built site at ${values.out}: run 'panelpress build' first.\n`);
      return EXIT.usage;
    }
    const report = await runGates(site, log);
    stdout(formatGateReport(report));
    return report.findings.length > 0 ? EXIT.content : EXIT.ok;
  },
};
