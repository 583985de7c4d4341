/**
 * panelpress build | check
 *   build [--out DIR] [--no-pdf]   check, render the site and print PDFs; publish only if all succeeded
 *   check [--format json] [--strict]  validate all content without rendering
 * Exit codes: 0 success, 1 content errors, 2 usage or setup problems, 3 internal fault.
 */
import { parseArgs } from "node:util";
import { isAbsolute, relative, resolve } from "node:path";
import { build, check } from "./pipeline/index.ts";
import { PrintSetupError } from "./print/print.ts";

const USAGE = `Usage:
  panelpress build [--out DIR] [--no-pdf]   build the public site and PDFs into DIR (default _site)
  panelpress build --restricted [--out DIR] the members' build, exempt material included (default _restricted)
  panelpress check [--format text|json] [--strict]   check all content; exit 1 on errors
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const root = process.cwd();
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  const log = (message: string) => {
    if (interactive) process.stderr.write(`• ${message}\n`);
  };
  let args;
  try {
    args = parseArgs({
      args: rest,
      options: {
        out: { type: "string" },
        restricted: { type: "boolean", default: false },
        "no-pdf": { type: "boolean", default: false },
        format: { type: "string", default: "text" },
        strict: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help || !command) {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  if (args.format !== "text" && args.format !== "json") {
    process.stderr.write(`--format must be text or json\n\n${USAGE}`);
    return 2;
  }

  if (command === "check") {
    const { problems } = await check(root);
    if (args.format === "json") process.stdout.write(`${JSON.stringify(problems.toJSON(root), null, 2)}\n`);
    else process.stdout.write(`${problems.format(root)}\n`);
    return problems.errorCount > 0 || (args.strict && problems.warningCount > 0) ? 1 : 0;
  }

  if (command === "build") {
    const started = performance.now();
    const restricted = Boolean(args.restricted);
    const out = args.out ?? (restricted ? "_restricted" : "_site");
    const inside = (dir: string, parent: string) => {
      const rel = relative(resolve(root, parent), resolve(root, dir));
      return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
    };
    if (restricted && inside(out, "_site")) {
      process.stderr.write("A restricted build may not be written into _site/ (the public site): choose another --out.\n");
      return 2;
    }
    try {
      const outcome = await build({ root, outDir: out, pdf: !args["no-pdf"], log, restricted });
      // Errors in full; warnings only counted (they do not stop a build: `check` lists them).
      if (!outcome.published) process.stderr.write(`${outcome.problems.format(root)}\n`);
      else if (outcome.problems.warningCount > 0) process.stderr.write(`${outcome.problems.warningCount} warning(s): run 'panelpress check' to see them.\n`);
      if (!outcome.published) {
        process.stderr.write(`Build stopped: nothing was published; ${out} is unchanged.\n`);
        return 1;
      }
      const pages = outcome.prints.reduce((n, p) => n + p.pages, 0);
      const meetings = outcome.site?.meetings ?? [];
      process.stdout.write(
        `Built ${meetings.length} meeting(s), ${meetings.reduce((n, m) => n + m.papers.length, 0)} papers, ${outcome.prints.length} PDFs (${pages} pages) into ${out}/${restricted ? " (RESTRICTED: not for publication)" : ""} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof PrintSetupError) {
        process.stderr.write(`${error.message}\n`);
        return 2;
      }
      throw error;
    }
  }

  process.stderr.write(`Unknown command '${command}'.\n\n${USAGE}`);
  return 2;
}
