/**
 * A build interrupted while printing, through the real CLI on a tiny project of its own
 * (test/pipeline/tiny-project.ts): SIGTERM leaves no browser, no temporary print folder and no staged
 * build, and the site as it was; after SIGKILL, which leaves them, the next build removes them. (Builds
 * killed at other moments, without printing: test/pipeline/publish.test.ts.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { buildsDir, currentBuild } from "../../src/pipeline/publish.ts";
import { cleanStalePrints } from "../../src/print/print.ts";
import { fileHashes } from "../helpers.ts";
import { build, buildOk, ENV, exited, git, MEETING, sleep, temp, tinyProject } from "../pipeline/tiny-project.ts";

/**
 * Processes whose command line mentions a path (a browser using a profile under it), read from /proc
 * (looked at every 50 ms: starting `ps` as often cost more than the build being watched), else from `ps`.
 */
function processesUsing(path: string): string[] {
  if (!existsSync("/proc/self/cmdline")) return execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" }).split("\n").filter((line) => line.includes(path));
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
        return args.includes(path) ? [`${pid} ${args}`] : [];
      } catch {
        return []; // gone meanwhile
      }
    });
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await sleep(50);
  }
  return condition();
}

describe("a build interrupted while printing (the CLI)", () => {
  let project: string;
  let site: string;

  beforeAll(async () => {
    project = tinyProject();
    site = join(project, "_site");
    await buildOk(project, ["--no-pdf"]); // a site to keep
  }, 120_000);

  it("SIGTERM while printing: no browser and no temporary print folder left; SIGKILL: the next build removes them", { timeout: 300_000 }, async () => {
    const tmp = temp("panelpress-interrupted-tmp-");
    const env = { ...ENV, TMPDIR: tmp }; // the print folder, and so the browser's profile, under our own temp folder
    const marker = `--user-data-dir=${tmp}`;
    const prints = () => readdirSync(tmp).filter((name) => name.startsWith("panelpress-print-"));
    const before = fileHashes(site);

    const terminated = build(project, [], env);
    expect(await until(() => processesUsing(marker).length > 0, 30_000), "the browser started").toBe(true);
    terminated.kill("SIGTERM");
    expect(await exited(terminated)).toEqual({ code: 143, signal: null });
    expect(await until(() => processesUsing(marker).length === 0, 3_000), processesUsing(marker).join("\n")).toBe(true);
    expect(prints()).toEqual([]);
    expect(readdirSync(buildsDir(site))).toEqual([basename(currentBuild(site)!)]); // the staged build went too
    expect(fileHashes(site)).toEqual(before);

    const killed = build(project, [], env);
    expect(await until(() => processesUsing(marker).length > 0, 30_000), "the browser started").toBe(true);
    killed.kill("SIGKILL");
    await exited(killed);
    expect(prints()).toHaveLength(1); // left behind, with (perhaps) its browser
    await buildOk(project, [], env); // its launch cleans up; its close removes its own
    expect(await until(() => processesUsing(marker).length === 0, 3_000), processesUsing(marker).join("\n")).toBe(true);
    expect(prints()).toEqual([]);
    expect(existsSync(join(site, `meetings/${MEETING}/agenda-pack-${MEETING}.pdf`))).toBe(true);
    expect(git(project, "status", "--porcelain")).toBe("");
    cleanStalePrints(tmp); // nothing more to do
    expect(prints()).toEqual([]);
  });

  it("prints from a temp folder too deep for the browser's own socket, whose path may be at most 107 bytes", { timeout: 300_000 }, async () => {
    const deep = join(temp("panelpress-deep-tmp-"), "a-temp-folder-deep-enough-that-a-socket-path-in-it-is-longer-than-107-bytes");
    mkdirSync(deep);
    await buildOk(project, ["--clean"], { ...ENV, TMPDIR: deep }); // --clean: print, not from the cache
    expect(existsSync(join(site, `meetings/${MEETING}/agenda-pack-${MEETING}.pdf`))).toBe(true);
    expect(readdirSync(deep).filter((name) => name.startsWith("panelpress-print-"))).toEqual([]);
  });
});
