/** panelpress audit [--out DIR]: the accessibility and quality gates over the built site, whatever it holds. */
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { join, resolve } from "node:path";
import { formatGateReport, runGates } from "../a11y/gates.ts";
import { AUDIT_RECORD, auditRecordOf, auditRecordText } from "../a11y/record.ts";
import { EXIT, type Command } from "./command.ts";

/** The published site: the one output whose audit the accessibility statement reports. */
const PUBLIC_SITE = "_site";

const HELP = `Usage: panelpress audit [--out DIR]
  Check the built site (default _site) for accessibility and quality: axe (WCAG 2.2 AA), HTML, links, tables,
  charts, reflow, PDF tags and PDF/UA-1. Lists every problem and the checks that ran; exit 1 on any problem.
  An audit of _site (the public site) is recorded in ${AUDIT_RECORD}: the date, the commit, the checks that ran
  on how many pages and PDFs, and the result. Commit that file: the next build's accessibility statement
  says exactly that, and nothing more. (An audit of another folder, --out, is not recorded.)
`;

export const auditCommand: Command & { help: string } = {
  name: "audit",
  usage: `audit [--out DIR]   check the built site (default _site) for accessibility and quality: axe (WCAG 2.2 AA), HTML, links, tables, charts, reflow, PDF tags and PDF/UA-1; exit 1 on any problem; an audit of _site is recorded in ${AUDIT_RECORD} for the accessibility statement`,
  help: HELP,
  async run(argv, { root, stdout, stderr, log }) {
    const { values } = parseArgs({ args: argv, options: { out: { type: "string", default: PUBLIC_SITE } } });
    const site = resolve(root, values.out);
    if (!existsSync(site)) {
      stderr(`There is no built site at ${values.out}: run 'panelpress build' first.\n`);
      return EXIT.usage;
    }
    const report = await runGates(site, log);
    stdout(formatGateReport(report));
    if (site === resolve(root, PUBLIC_SITE)) {
      const record = auditRecordOf(report, { date: new Date().toISOString().slice(0, 10), commit: headCommit(root), pages: report.pages, pdfs: report.pdfs });
      writeFileSync(join(root, AUDIT_RECORD), auditRecordText(record));
      stdout(`Recorded in ${AUDIT_RECORD}: commit it, and the next build's accessibility statement says what this audit checked.\n`);
    }
    return report.findings.length > 0 ? EXIT.content : EXIT.ok;
  },
};

/** The commit checked out, if the project is a git repository. */
function headCommit(root: string): string | undefined {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    return /^[0-9a-f]{40}$/.test(commit) ? commit : undefined;
  } catch {
    return undefined; // not a repository, or no commit yet
  }
}
