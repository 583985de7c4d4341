/**
 * Publishing never leaves you without a site: the output is a link swapped atomically to each new build;
 * whatever a killed build leaves (staging folders, temporary links) is hidden from git and cleaned up by
 * the next run; SIGINT and SIGTERM clean up at once. (A build interrupted while printing, with its browser
 * and temporary print folder: test/print/interrupted.test.ts.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, watch, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { BUILDS_DIR, buildsDir, currentBuild, discard, publish, stage } from "../../src/pipeline/publish.ts";
import { edit, fileHashes, ROOT } from "../helpers.ts";
import { build, buildOk, commitAll, exited, git, PAPER, temp, tinyProject } from "./tiny-project.ts";

/** A pid that is certainly not running: a process that has exited (and been reaped). */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid!;
}

/** A build staged for `out` whose files all say `label`. */
function staged(out: string, label: string): string {
  const dir = stage(out);
  mkdirSync(join(dir, "meetings"));
  for (const file of ["index.html", "manifest.json", "meetings/index.html"]) writeFileSync(join(dir, file), label);
  return dir;
}

/** The output is a whole build: every file there, all from the same build. */
function wholeBuild(out: string): string {
  const labels = ["index.html", "manifest.json", "meetings/index.html"].map((file) => readFileSync(join(out, file), "utf8"));
  expect(new Set(labels).size, labels.join(", ")).toBe(1);
  return labels[0]!;
}

const entries = (out: string) => (existsSync(buildsDir(out)) ? readdirSync(buildsDir(out)).sort() : []);
const freshOut = () => join(temp("panelpress-publish-"), "_site");

/** Run a TypeScript snippet in a child process (so it can be killed), importing src/pipeline/publish.ts. */
function tsChild(code: string, ...args: string[]): ChildProcess {
  const script = join(temp("panelpress-publish-child-"), "child.ts");
  writeFileSync(script, `import { stage, publish } from ${JSON.stringify(join(ROOT, "src/pipeline/publish.ts"))};\nimport { mkdirSync, writeFileSync } from "node:fs";\nimport { join } from "node:path";\n${code}\n`);
  return spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
}

const firstLine = (child: ChildProcess) =>
  new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\n")) resolve(text.split("\n")[0]!);
    });
    child.once("exit", (code) => reject(new Error(`child exited (${code}) before it was ready`)));
  });

/**
 * How much longer the races and kills run: PANELPRESS_SOAK=N (default 1) multiplies the rounds and their
 * length, and adds N kills of the CLI at moments of chance across the build. The default is bounded by work
 * (publishes watched, builds run), not by the clock; for a change to publishing, e.g.
 * `PANELPRESS_SOAK=20 npx vitest run test/pipeline/publish.test.ts`.
 */
const SOAK = Math.max(1, Math.floor(Number(process.env.PANELPRESS_SOAK) || 1));

const same = (a: Map<string, string>, b: Map<string, string>) => JSON.stringify([...a]) === JSON.stringify([...b]);

describe("the publish swap", () => {
  it("links the output to the new build, keeps replaced builds a moment for readers still in them, then no longer", async () => {
    const out = freshOut();
    const first = staged(out, "one");
    publish(first, out);
    discard(first); // nothing: it is published
    expect(lstatSync(out).isSymbolicLink()).toBe(true);
    expect(readlinkSync(out)).toBe(join(BUILDS_DIR, basename(first))); // relative: the project can move
    expect(currentBuild(out)).toBe(first);
    expect(wholeBuild(out)).toBe("one");
    const second = staged(out, "two");
    expect(wholeBuild(out)).toBe("one"); // staging never shows
    publish(second, out);
    expect(wholeBuild(out)).toBe("two");
    expect(entries(out)).toEqual([basename(first), basename(second)].sort());
    const third = staged(out, "three");
    publish(third, out);
    expect(wholeBuild(out)).toBe("three");
    expect(entries(out)).toEqual([basename(first), basename(second), basename(third)].sort());
    await new Promise((done) => setTimeout(done, 2_100)); // past the grace period
    discard(stage(out));
    expect(entries(out)).toEqual([basename(third)]);
    expect(readdirSync(dirname(out)).sort()).toEqual([BUILDS_DIR, "_site"]);
  });

  it("discards an unpublished build, and a first build that failed leaves nothing", () => {
    const out = freshOut();
    discard(staged(out, "failed"));
    expect(readdirSync(dirname(out))).toEqual([]);
    publish(staged(out, "good"), out);
    discard(staged(out, "failed"));
    expect(wholeBuild(out)).toBe("good");
    expect(entries(out)).toHaveLength(1);
  });

  it("moves an output from an earlier version (a real folder) aside, and its leftovers", () => {
    const out = freshOut();
    mkdirSync(out);
    writeFileSync(join(out, "index.html"), "old");
    for (const legacy of [`_site.panelpress-tmp-${deadPid()}`, `_site.panelpress-old-${deadPid()}`]) mkdirSync(join(dirname(out), legacy));
    const kept = `_site.panelpress-tmp-${process.pid}`; // a running (old version) build's: not ours to remove
    mkdirSync(join(dirname(out), kept));
    const build = staged(out, "new");
    publish(build, out);
    expect(wholeBuild(out)).toBe("new");
    expect(entries(out)).toEqual([basename(build)]);
    expect(readdirSync(dirname(out)).sort()).toEqual([BUILDS_DIR, "_site", kept]);
  });

  it("finishes a first publish killed between moving the old folder aside and linking the new build", () => {
    const out = freshOut();
    const dead = deadPid();
    const builds = buildsDir(out);
    // What the killed process left: the old folder moved aside, its new build and the link to it; no output.
    mkdirSync(join(builds, `_site-${dead}-aaaaaaaaaaaa`), { recursive: true });
    const build = join(builds, `_site-${dead}-bbbbbbbbbbbb`);
    mkdirSync(join(build, "meetings"), { recursive: true });
    for (const file of ["index.html", "manifest.json", "meetings/index.html"]) writeFileSync(join(build, file), "new");
    symlinkSync(join(BUILDS_DIR, basename(build)), `${build}.link`);
    const next = stage(out);
    expect(wholeBuild(out)).toBe("new");
    expect(entries(out)).toEqual([basename(build), basename(next)].sort());
    discard(next);
    expect(entries(out)).toEqual([basename(build)]);
  });

  it("removes what dead builds left (staging, temporary links), keeps a running build's and other outputs'", () => {
    const out = freshOut();
    publish(staged(out, "good"), out);
    const builds = buildsDir(out);
    const dead = deadPid();
    const leftovers = [`_site-${dead}-cccccccccccc`, `_site-${dead}-dddddddddddd`];
    for (const name of leftovers) mkdirSync(join(builds, name));
    symlinkSync(join(BUILDS_DIR, leftovers[0]!), join(builds, `${leftovers[0]}.link`));
    const running = `_site-${process.ppid}-eeeeeeeeeeee`; // the test runner's: a build at work
    const other = `_restricted-${dead}-ffffffffffff`; // another output's: cleaned by its own builds
    for (const name of [running, other]) mkdirSync(join(builds, name));
    const next = stage(out);
    discard(next);
    expect(entries(out)).toEqual([basename(currentBuild(out)!), running, other].sort());
    expect(wholeBuild(out)).toBe("good");
  });

  it("replaces an output that links elsewhere, leaving what it linked to alone", () => {
    const out = freshOut();
    const elsewhere = temp("panelpress-elsewhere-");
    writeFileSync(join(elsewhere, "index.html"), "theirs");
    symlinkSync(elsewhere, out);
    publish(staged(out, "ours"), out);
    expect(wholeBuild(out)).toBe("ours");
    expect(readFileSync(join(elsewhere, "index.html"), "utf8")).toBe("theirs");
  });

  it("is never without the output while another process publishes, and is whole wherever that process is killed", { timeout: 60_000 + 60_000 * SOAK }, async () => {
    const out = freshOut();
    publish(staged(out, "0"), out);
    // Bounded by work, not by the clock: each round watches a number of the child's publishes, then kills it.
    for (let round = 0; round < 2 * SOAK; round++) {
      const child = tsChild(
        `const out = process.argv[2]!;
        for (let i = 1; ; i++) {
          const dir = stage(out);
          mkdirSync(join(dir, "meetings"));
          for (const file of ["index.html", "manifest.json", "meetings/index.html"]) writeFileSync(join(dir, file), \`\${process.pid}-\${i}\`);
          publish(dir, out);
          if (i === 1) process.stdout.write("publishing\\n");
        }`,
        out,
      );
      await firstLine(child);
      // Watch it publish (a busy loop: the child runs on its own), then kill it at a moment of chance: after
      // some number of its publishes, and a few thousand looks at least.
      const publishes = Math.floor((40 + Math.random() * 160) * SOAK);
      const prefix = `${child.pid}-`;
      let looks = 0;
      let missing = 0;
      let seen = 0;
      const deadline = Date.now() + 30_000;
      while ((seen < publishes || looks < 2_000) && child.exitCode === null && Date.now() < deadline) {
        looks++;
        if (!existsSync(join(out, "index.html"))) missing++;
        else if (looks % 64 === 0) {
          // The child's publish count, from the labels of its builds (the first build's label before its first).
          let label = "";
          try {
            label = readFileSync(join(out, "index.html"), "utf8");
          } catch {
            missing++; // gone between the look and the read
          }
          if (label.startsWith(prefix)) seen = Number(label.slice(prefix.length));
        }
      }
      child.kill("SIGKILL");
      expect(await exited(child), "the child was killed, not stopped on its own").toEqual({ code: null, signal: "SIGKILL" });
      expect(missing, `${missing} of ${looks} looks found no site`).toBe(0);
      expect(seen, `the child published ${seen} times before the deadline (${publishes} wanted)`).toBeGreaterThanOrEqual(publishes);
      expect(looks).toBeGreaterThanOrEqual(2_000);
      wholeBuild(out);
      const next = stage(out); // cleans what the killed process left
      discard(next);
      expect(entries(out)).toEqual([basename(currentBuild(out)!)]);
    }
  });

  it.each([["SIGTERM", 143], ["SIGINT", 130]] as const)("on %s removes the build being staged and exits %i", async (signal, code) => {
    const out = freshOut();
    const child = tsChild(`process.stdout.write(stage(process.argv[2]!) + "\\n"); setInterval(() => {}, 1000);`, out);
    const dir = await firstLine(child);
    expect(existsSync(dir)).toBe(true);
    child.kill(signal);
    expect(await exited(child)).toEqual({ code, signal: null });
    expect(existsSync(dir)).toBe(false);
  });

  it("cleans up, then leaves the signal to another listener (serve's graceful stop)", async () => {
    const out = freshOut();
    const child = tsChild(
      `process.once("SIGTERM", () => setTimeout(() => { process.stdout.write("stopped gracefully\\n"); process.exit(0); }, 50));
      process.stdout.write(stage(process.argv[2]!) + "\\n"); setInterval(() => {}, 1000);`,
      out,
    );
    const dir = await firstLine(child);
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => void (output += chunk.toString()));
    child.kill("SIGTERM");
    expect(await exited(child)).toEqual({ code: 0, signal: null });
    expect(output).toContain("stopped gracefully");
    expect(existsSync(dir)).toBe(false);
  });
});

// ---- The real CLI on a tiny project of its own (test/pipeline/tiny-project.ts) ----

type Moment = "rendering" | "published" | "chance";

describe("a build killed at any moment (the CLI, kill -9)", () => {
  let project: string;
  let site: string;
  let seconds: number;

  beforeAll(async () => {
    project = tinyProject();
    site = join(project, "_site");
    const started = performance.now();
    await buildOk(project, ["--no-pdf"]);
    seconds = (performance.now() - started) / 1000;
  }, 120_000);

  /**
   * Kill the CLI's build at a moment, edit and build again: the output at the kill was one whole site (the
   * previous one, or the new one if the kill came after publishing), nothing is left for git, and the next
   * build equals a clean one.
   */
  async function killedAt(attempt: number, moment: Moment): Promise<"previous" | "new"> {
    const before = fileHashes(site);
    edit(project, PAPER, /^title: .*$/m, `title: A small report, version ${attempt}`);
    commitAll(project, `version ${attempt}`);
    const child = build(project, ["--no-pdf"]);
    const end = await killAt(child, moment);
    if (moment !== "chance") expect(end, `killed ${moment}`).toEqual({ code: null, signal: "SIGKILL" });
    const left = fileHashes(site);
    expect(lstatSync(site).isSymbolicLink()).toBe(true);
    expect(git(project, "status", "--porcelain")).toBe("");

    const started = performance.now();
    await buildOk(project, ["--no-pdf"]);
    seconds = (performance.now() - started) / 1000;
    const after = fileHashes(site);
    expect(after).not.toEqual(before); // the edit shows
    // The output at the kill was one whole site: the last one, or (killed after publishing) the new one.
    expect([before, after]).toContainEqual(left);
    // The published build, and at most the one before it (kept for readers still in it).
    expect(readdirSync(buildsDir(site))).toContain(basename(currentBuild(site)!));
    expect(readdirSync(buildsDir(site)).length).toBeLessThanOrEqual(2);

    await buildOk(project, ["--no-pdf", "--clean"]);
    expect(fileHashes(site)).toEqual(after);
    expect(git(project, "status", "--porcelain")).toBe("");
    return same(left, before) ? "previous" : "new";
  }

  /**
   * SIGKILL a build at a moment: while it renders into its staging folder (found by watching the builds
   * folder), just after it has published (the output's link names its build), or at a moment of chance
   * across the whole build (as long as the last build took; only with PANELPRESS_SOAK).
   */
  async function killAt(child: ChildProcess, moment: Moment): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const mine = (entry: string) => entry.startsWith(`_site-${child.pid}-`);
    const reached: Record<Moment, () => boolean> = {
      // Its staging folder, with something rendered into it.
      rendering: () => readdirSync(buildsDir(site)).some((entry) => mine(entry) && !entry.endsWith(".link") && readdirSync(join(buildsDir(site), entry)).length > 0),
      published: () => mine(basename(readlinkSync(site))),
      chance: () => false,
    };
    await new Promise<void>((resolve) => {
      const watchers = [watch(buildsDir(site)), watch(project)];
      const timer = moment === "chance" ? setTimeout(() => look(true), Math.random() * seconds * 1000) : setInterval(() => look(), 10);
      const stop = () => {
        clearTimeout(timer);
        clearInterval(timer);
        for (const watcher of watchers) watcher.close();
        resolve();
      };
      const look = (now = false) => {
        let there = now;
        try {
          there ||= reached[moment]();
        } catch {
          // a folder went between listing and reading it: not there yet
        }
        if (!there) return;
        child.kill("SIGKILL");
        stop();
      };
      for (const watcher of watchers) watcher.on("change", () => look());
      child.once("exit", stop);
    });
    return exited(child);
  }

  it("leaves the previous site whole, nothing for git, and the next build equal to a clean one", { timeout: 180_000 + 60_000 * SOAK }, async () => {
    // Killed while rendering: the previous site stays; killed just after publishing: the new one is whole.
    expect(await killedAt(0, "rendering")).toBe("previous");
    expect(await killedAt(1, "published")).toBe("new");
    // A soak: kills at moments of chance across the whole build.
    if (SOAK > 1) for (let attempt = 2; attempt < 2 + SOAK; attempt++) await killedAt(attempt, "chance");
  });
});
