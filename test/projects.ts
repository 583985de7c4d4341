/**
 * How the suite is split for the machine it runs on (vitest.config.ts). Files that drive Chromium — they
 * print PDFs, read a shared build with PDFs, or open pages in a browser — start browsers and builds of their
 * own, so they run two at a time, each in a process of its own. Every other file runs meanwhile, one at a
 * time, in a worker thread. test/architecture/test-projects.test.ts fails when a file that drives
 * Chromium is missing from this list.
 */
export const CHROMIUM_FILES = [
  "test/a11y/audit-command.test.ts",
  "test/a11y/gates.test.ts",
  "test/bodies/board-print.test.ts",
  "test/commands/audit-record.test.ts",
  "test/e2e/build.test.ts",
  "test/e2e/exempt.test.ts",
  "test/e2e/references.test.ts",
  "test/example/example.test.ts",
  "test/exempt/red-team-print.test.ts",
  "test/kinds/plan-closure/plan-closure.test.ts",
  "test/pipeline/publish.test.ts",
  "test/print/draft-view.test.ts",
  "test/print/interrupted.test.ts",
  "test/print/pages.test.ts",
  "test/print/pdfua.test.ts",
  "test/print/reprint.test.ts",
  "test/serve/serve.test.ts",
  "test/site/open-data.test.ts",
  "test/site/registers.test.ts",
  "test/site/search-shards.test.ts",
  "test/site/search.test.ts",
];

/**
 * Files that change the tool's modules for their own tests (vi.mock, or a kind added to the registry):
 * they need a module graph of their own, so they run in the Chromium project's processes too. The node
 * project's worker keeps one module graph for all its files (each would otherwise import the pipeline
 * afresh, a second or more apiece), where such a change would leak into the next file, or a mock find the
 * real module already loaded and silently not apply.
 */
export const ISOLATED_FILES = [
  "test/architecture/render-stage.test.ts",
  "test/kinds/registry/fifth-kind.test.ts",
  // Found order-dependent in a shared worker (vitest --sequence.shuffle): each keeps process-wide state of the
  // tool's modules (the chart cache's folder, the meeting cache, a server and its browser) across its tests.
  "test/charts/spec-safety.test.ts",
  "test/pipeline/cache-tamper.test.ts",
  "test/serve/hardening.test.ts",
];

/** Signs in a test file that it changes the tool's modules. */
export const CHANGES_MODULES = /\bvi\.mock\(|\bregisterKind\(/;

/** Signs in a test file that it drives Chromium (the architecture test requires such files to be listed above; files that print through the CLI, like the example's, are listed by hand). */
export const DRIVES_CHROMIUM = /\blaunchBrowser\(|\bPrinter\.launch\(|\bsharedBuild\(|\bpdf: true\b|from "puppeteer-core"|\brunGates\(|cli(?:Async)?\([^)]*"audit"/;
