import { defineConfig } from "vitest/config";
import { CHROMIUM_FILES, ISOLATED_FILES } from "./test/projects.ts";

// Worker threads share the process's time zone, whatever their own environment says: set it for the process.
process.env.TZ = "Europe/London";

const common = {
  testTimeout: 180_000,
  hookTimeout: 300_000,
  env: { TZ: "Europe/London" },
};

export default defineConfig({
  test: {
    // A folder for the fixture builds several files share (sharedBuild() in test/helpers.ts), removed after the
    // run; both projects get the one folder.
    globalSetup: ["test/global-setup.ts"],
    // Two projects side by side (see test/projects.ts): the files that drive Chromium, two at a time, each in a
    // process of its own, and the rest, which never start a browser, one at a time in a worker thread. One
    // Chromium file at a time left a core of two idle for the last half of the run (measured: 1.17 cores
    // busy on average), once the other project had finished.
    // A pool is made once for the whole run, not per project (vitest ignores pool sizes set in a project), so
    // the sizes are set here: the forks pool is the Chromium project's, the threads pool the node project's.
    // The node project's files share one worker and one module graph (isolate: false), so the pipeline is
    // imported once, not once a file; test/restore-env.ts gives each file the environment it started with.
    // Files that change modules (a mock, a kind registered) run isolated, in the forks pool (ISOLATED_FILES).
    poolOptions: { forks: { maxForks: 2, minForks: 1 }, threads: { maxThreads: 1, minThreads: 1, isolate: false } },
    projects: [
      { test: { ...common, name: "chromium", include: [...CHROMIUM_FILES, ...ISOLATED_FILES], pool: "forks" } },
      { test: { ...common, name: "node", include: ["test/**/*.test.ts"], exclude: [...CHROMIUM_FILES, ...ISOLATED_FILES], pool: "threads", setupFiles: ["test/restore-env.ts"] } },
    ],
  },
});
