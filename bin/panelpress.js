#!/usr/bin/env node
// The panelpress command. Source is TypeScript, run through tsx so there is no separate compile step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli.ts");
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(
    `panelpress hit an internal fault (this is a bug in the tool, not in your content):\n${error instanceof Error ? error.stack : String(error)}\n` +
      "Please report it with the command you ran.\n",
  );
  process.exitCode = 3;
}
// For the benchmark: the peak memory of this process (kilobytes).
if (process.env.PANELPRESS_RSS_FILE) {
  const { writeFileSync } = await import("node:fs");
  writeFileSync(process.env.PANELPRESS_RSS_FILE, String(process.resourceUsage().maxRSS));
}
