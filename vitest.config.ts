import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // A folder for the fixture builds several files share (sharedBuild() in test/helpers.ts), removed after the run.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // End-to-end files each drive Chromium; on a 2-core machine they run best one file at a time.
    fileParallelism: false,
    env: { TZ: "Europe/London" },
  },
});
