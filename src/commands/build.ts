/** panelpress build [--out DIR] [--no-pdf] [--restricted]: check, render, print, publish. */
import { parseArgs } from "node:util";
import { isAbsolute, relative, resolve } from "node:path";
import { build } from "../pipeline/index.ts";
import { PrintSetupError } from "../print/print.ts";
import { EXIT, type Command } from "./command.ts";

export const buildCommand: Command = {
  name: "build",
  usage: "build [--out DIR] [--no-pdf] [--restricted] [--clean]   build the site and PDFs (default _site; the members' build, --restricted, to _restricted; --clean rebuilds and reprints everything, reading no cache)",
  async run(argv, { root, log, stdout, stderr }) {
    const { values } = parseArgs({
      args: argv,
      options: { out: { type: "string" }, "no-pdf": { type: "boolean", default: false }, restricted: { type: "boolean", default: false }, clean: { type: "boolean", default: false } },
    });
    const started = performance.now();
    const restricted = Boolean(values.restricted);
    const out = values.out ?? (restricted ? "_restricted" : "_site");
    if (restricted && isInside(resolve(root, out), resolve(root, "_site"))) {
      stderr("A restricted build may not be written into _site/ (the public site): choose another --out.\n");
      return EXIT.usage;
    }
    try {
      const outcome = await build({ root, outDir: out, pdf: !values["no-pdf"], log, restricted, clean: values.clean });
      if (!outcome.published) {
        stderr(`${outcome.problems.format(root)}\nBuild stopped: nothing was published; ${out} is unchanged.\n`);
        return EXIT.content;
      }
      // Warnings do not stop a build: `check` lists them.
      if (outcome.problems.warningCount > 0) stderr(`${outcome.problems.warningCount} warning(s): run 'panelpress check' to see them.\n`);
      const built = outcome.site?.meetings ?? [];
      const { reused } = outcome;
      const papers = built.reduce((n, m) => n + m.papers.length, 0) + reused.reduce((n, r) => n + r.papers, 0);
      const pdfs = [...outcome.prints, ...reused.flatMap((r) => r.pdfs)];
      const pages = pdfs.reduce((n, p) => n + p.pages, 0);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const unchanged = reused.length > 0 ? ` (${reused.length} unchanged since the last build)` : "";
      stdout(`Built ${built.length + reused.length} meeting(s)${unchanged}, ${papers} papers, ${pdfs.length} PDFs (${pages} pages) into ${out}/${restricted ? " (RESTRICTED: not for publication)" : ""} in ${seconds} s\n`);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof PrintSetupError) {
        stderr(`${error.message}\n`);
        return EXIT.usage;
      }
      throw error;
    }
  },
};

function isInside(dir: string, parent: string): boolean {
  const rel = relative(parent, dir);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}
