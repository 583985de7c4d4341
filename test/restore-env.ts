/**
 * Run before each file of the node project, whose files share one worker (vitest.config.ts): what a file
 * sets in process.env (SOURCE_DATE_EPOCH, say) is undone when it ends, so the next file starts from the
 * environment the run started with, as it would in a worker of its own.
 */
import { afterAll } from "vitest";

const started = { ...process.env };

afterAll(() => {
  for (const name of Object.keys(process.env)) if (!(name in started)) delete process.env[name];
  Object.assign(process.env, started);
});
