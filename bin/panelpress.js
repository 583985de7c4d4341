#!/usr/bin/env node
// The panelpress command. The source is TypeScript (src/). To start quickly it runs from one JavaScript
// bundle of src/, made by esbuild the first time it is needed and kept in node_modules/.cache/panelpress/
// under a hash of src/ and the lock file, so an edited source is bundled afresh. (Loading ninety
// TypeScript modules through tsx's loader took about 0.35 s of every run.) If bundling fails, or
// PANELPRESS_FROM_SOURCE=1 is set (for stack traces that name the TypeScript files), it runs the
// source through tsx instead.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = resolve(import.meta.dirname, "..");

async function loadCli() {
  try {
    if (process.env.PANELPRESS_FROM_SOURCE) throw new Error("run from source");
    // A batch of a large build (src/pipeline/batches.ts) runs the very bundle its parent runs, even if src/
    // has been edited since the build started.
    const pinned = process.env.PANELPRESS_PARENT_BUNDLE;
    if (pinned && existsSync(pinned)) return await import(pathToFileURL(pinned).href);
    // The bundle has this folder's path in it (import.meta.dirname, below), so the folder is part of its name:
    // a project moved elsewhere, or a second checkout sharing node_modules, bundles its own instead of
    // importing one that points at files that are not there (which failed, and ran from source, silently).
    const hash = createHash("sha256").update(ROOT);
    hashTree(join(ROOT, "src"), hash);
    hash.update(readFileSync(join(ROOT, "package-lock.json")));
    const dir = join(ROOT, "node_modules", ".cache", "panelpress");
    const bundle = join(dir, `cli-${hash.digest("hex").slice(0, 16)}.mjs`);
    if (!existsSync(bundle)) {
      const { build } = await import("esbuild");
      mkdirSync(dir, { recursive: true });
      const fresh = `${bundle}.${process.pid}.tmp`;
      await build({
        entryPoints: [join(ROOT, "src", "cli.ts")],
        outfile: fresh,
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        packages: "external",
        logLevel: "silent",
        // src/lib/files.ts finds panelpress's own folder from its own place (the one use of import.meta.dirname).
        define: { "import.meta.dirname": JSON.stringify(join(ROOT, "src", "lib")) },
      });
      renameSync(fresh, bundle);
      // Bundles of earlier sources are not needed again.
      for (const old of readdirSync(dir)) if (old.startsWith("cli-") && old.endsWith(".mjs") && join(dir, old) !== bundle) rmSync(join(dir, old), { force: true });
    }
    const cli = await import(pathToFileURL(bundle).href);
    process.env.PANELPRESS_PARENT_BUNDLE = bundle;
    return cli;
  } catch {
    const { register } = await import("tsx/esm/api");
    register();
    return await import("../src/cli.ts");
  }
}

function hashTree(dir, hash) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(path, hash.update(`${name}/`));
    else hash.update(name).update(readFileSync(path));
  }
}

const { main } = await loadCli();
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
