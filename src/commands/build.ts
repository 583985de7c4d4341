/** panelpress build [--out DIR] [--no-pdf] [--restricted] [--clean] [--jobs N] [--meeting FOLDER] [--committee ID]: check, render, print, publish. */
import { parseArgs } from "node:util";
import { isAbsolute, relative, resolve } from "node:path";
import { build } from "../pipeline/index.ts";
import { readSpec, writeResult } from "../pipeline/batches.ts";
import { PrintSetupError } from "../print/print.ts";
import { ScopeError } from "../pipeline/scope.ts";
import { EXIT, missingTemplates, type Command } from "./command.ts";
import { describeScope, SCOPE_HELP, SCOPE_OPTIONS, scopeOf } from "./scope-options.ts";

const HELP = `Usage: panelpress build [--out DIR] [--no-pdf] [--restricted] [--clean] [--jobs N] [--meeting FOLDER] [--committee ID]
  Check, render, print and publish the site; a failed build leaves the last one as it was.
  --out DIR           where to publish (default _site; _restricted with --restricted)
  --no-pdf            HTML only: print no PDFs
  --restricted        the members' build, exempt material included and marked NOT FOR PUBLICATION
  --clean             rebuild and reprint everything, reading no cache
  --jobs N            with more than 12 meetings to build (PANELPRESS_BATCH_SIZE), they are built in batches
                      of 12, each in a process of its own, N at once (default: PANELPRESS_JOBS, else the
                      number of cores); the build's memory then stays about the same however large the archive
${SCOPE_HELP}  A scoped build checks and rebuilds only those meetings; every other meeting is published as it was last
  built with the same options (from .panelpress-cache/), and the site-wide pages (home page, committee pages,
  registers, feeds, search, manifest) still list every meeting. A meeting with no earlier build stops it:
  run a full build first. It cannot be combined with --clean.
`;

export const buildCommand: Command & { help: string } = {
  name: "build",
  usage: "build [--out DIR] [--no-pdf] [--restricted] [--clean] [--jobs N] [--meeting FOLDER] [--committee ID]   build the site and PDFs (default _site; the members' build, --restricted, to _restricted; --clean rebuilds and reprints everything, reading no cache; --meeting/--committee rebuild only those meetings)",
  help: HELP,
  async run(argv, { root, log, stdout, stderr }) {
    const { values } = parseArgs({
      args: argv,
      options: { out: { type: "string" }, "no-pdf": { type: "boolean", default: false }, restricted: { type: "boolean", default: false }, clean: { type: "boolean", default: false }, jobs: { type: "string" }, ...SCOPE_OPTIONS },
    });
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0)) {
      stderr(`--jobs takes a whole number of processes, 1 or more (not '${values.jobs}').\n`);
      return EXIT.usage;
    }
    const noTemplates = missingTemplates(root);
    if (noTemplates) {
      stderr(noTemplates);
      return EXIT.usage;
    }
    const started = performance.now();
    const restricted = Boolean(values.restricted);
    const out = values.out ?? (restricted ? "_restricted" : "_site");
    if (restricted && isInside(resolve(root, out), resolve(root, "_site"))) {
      stderr("A restricted build may not be written into _site/ (the public site): choose another --out.\n");
      return EXIT.usage;
    }
    try {
      const scope = scopeOf(root, values);
      if (scope && values.clean) {
        stderr("--clean rebuilds every meeting, so it cannot be limited by --meeting or --committee: run 'panelpress build --clean' on its own.\n");
        return EXIT.usage;
      }
      const outcome = await build({ root, outDir: out, pdf: !values["no-pdf"], log, restricted, clean: values.clean, scope, batches: { jobs } });
      if (!outcome.published) {
        stderr(`${outcome.problems.format(root)}\nBuild stopped: nothing was published; ${out} is unchanged.\n`);
        return EXIT.content;
      }
      // Warnings do not stop a build: `check` lists them.
      if (outcome.problems.warningCount > 0) stderr(`${outcome.problems.warningCount} warning(s): run 'panelpress check' to see them.\n`);
      const { reused, batched } = outcome;
      const built = [...outcome.site?.meetings ?? [], ...batched];
      const papers = (outcome.site?.meetings ?? []).reduce((n, m) => n + m.papers.length, 0) + [...batched, ...reused].reduce((n, r) => n + r.papers, 0);
      const pdfs = [...outcome.prints, ...[...batched, ...reused].flatMap((r) => r.pdfs)];
      const pages = pdfs.reduce((n, p) => n + p.pages, 0);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const unchanged = scope
        ? ` (only ${describeScope(scope)} checked and built; ${reused.length} published as last built)`
        : reused.length > 0 ? ` (${reused.length} unchanged since the last build)` : "";
      stdout(`Built ${built.length + reused.length} meeting(s)${unchanged}, ${papers} papers, ${pdfs.length} PDFs (${pages} pages) into ${out}/${restricted ? " (RESTRICTED: not for publication)" : ""} in ${seconds} s\n`);
      if (outcome.stale.length > 0) {
        stderr(`Published as last built, though their content (or what they share) has changed since: ${outcome.stale.join(", ")}. A full build publishes the changes.\n`);
      }
      return EXIT.ok;
    } catch (error) {
      if (error instanceof PrintSetupError || error instanceof ScopeError) {
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

/**
 * A batch of a large build, in a child process (src/pipeline/batches.ts): build the meetings the spec names
 * into the meeting cache and report the problems found to the parent. Exit 0 whenever it reported.
 */
export async function runBatchChild(specFile: string): Promise<number> {
  const spec = readSpec(specFile);
  const outcome = await build({
    root: spec.root, outDir: spec.outDir, pdf: spec.pdf, restricted: spec.restricted, clean: spec.clean,
    batch: { builtAt: spec.builtAt, meetings: spec.meetings, committees: spec.committees }, log: () => {},
  });
  writeResult(spec, { problems: outcome.problems.list, kept: outcome.kept ?? [] });
  return EXIT.ok;
}
