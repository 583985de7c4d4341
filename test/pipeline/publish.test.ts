/**
 * Publishing never leaves you without a site: the output is a link swapped atomically to each new build;
 * whatever a killed build leaves (staging folders, temporary links, browsers, temporary print folders) is
 * hidden from git and cleaned up by the next run; SIGINT and SIGTERM clean up at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { BUILDS_DIR, buildsDir, currentBuild, discard, publish, stage } from "../../src/pipeline/publish.ts";
import { cleanStalePrints } from "../../src/print/print.ts";
import { planMeeting, planPaper, writePlanned } from "../../src/scaffold/index.ts";
import { edit, fileHashes, ROOT } from "../helpers.ts";

const ENV = { ...process.env, CI: "true", SOURCE_DATE_EPOCH: "1670457600" };

const made: string[] = [];
/** A temporary folder, removed when the tests are done. */
function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

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

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });

const same = (a: Map<string, string>, b: Map<string, string>) => JSON.stringify([...a]) === JSON.stringify([...b]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

  it("is never without the output while another process publishes, and is whole wherever that process is killed", { timeout: 30_000 }, async () => {
    const out = freshOut();
    publish(staged(out, "0"), out);
    for (let round = 0; round < 2; round++) {
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
      // Watch it publish (a busy loop: the child runs on its own), then kill it at a moment of chance.
      const until = Date.now() + 150 + Math.random() * 350;
      let looks = 0;
      let missing = 0;
      while (Date.now() < until) {
        looks++;
        if (!existsSync(join(out, "index.html"))) missing++;
      }
      child.kill("SIGKILL");
      await exited(child);
      expect(missing, `${missing} of ${looks} looks found no site`).toBe(0);
      expect(looks).toBeGreaterThan(1000);
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

// ---- The real CLI on a tiny project of its own ----

const COMMITTEE = `id: tiny
name: Tiny Test Panel
short: TTP
host: Test Council
quorum: 3
default_start: "10:00"
venues:
  hall: {room: Room 1, building: Town Hall, town: Testford, postcode: TE1 1ST}
contact: {name: A Officer, role: Clerk, email: clerk@example.org}
notices:
  - {heading: About this meeting, body: Meetings are open to the public.}
exempt_notice:
  heading: Exempt Items
  subtitle: The press and public may be excluded
  statement: These items are not published.
  resolution: That the press and public be excluded.
`;
const MEETING = "2023-01-10";
const PAPER = `content/meetings/${MEETING}/papers/02-paper.md`;

/** One committee, one meeting, one paper (scaffolded as `panelpress new` does); a git repository, committed. */
function tinyProject(): string {
  const dir = temp("panelpress-publish-project-");
  mkdirSync(join(dir, "data", "committees"), { recursive: true });
  writeFileSync(join(dir, "data", "committees", "tiny.yaml"), COMMITTEE);
  cpSync(join(ROOT, "templates"), join(dir, "templates"), { recursive: true });
  for (const file of [".eleventy.js", "package.json", ".gitignore"]) cpSync(join(ROOT, file), join(dir, file));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  writePlanned(dir, planMeeting(dir, MEETING));
  writePlanned(dir, planPaper(dir, { meeting: MEETING, kind: "generic", slug: "02-paper", title: "A small report" }));
  git(dir, "init", "-q");
  commitAll(dir, "content");
  return dir;
}

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", ...args], { cwd: dir, encoding: "utf8" });
}

function commitAll(dir: string, message: string): void {
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", message);
}

function build(dir: string, args: string[], env: NodeJS.ProcessEnv = ENV): ChildProcess {
  return spawn(process.execPath, [join(ROOT, "bin", "panelpress.js"), "build", ...args], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
}

async function buildOk(dir: string, args: string[], env: NodeJS.ProcessEnv = ENV): Promise<void> {
  const child = build(dir, args, env);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => void (output += chunk.toString()));
  expect((await exited(child)).code, output).toBe(0);
}

/** Processes whose command line mentions a path (a browser using a profile under it). */
function processesUsing(path: string): string[] {
  return execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" }).split("\n").filter((line) => line.includes(path));
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (condition()) return true;
    await sleep(50);
  }
  return condition();
}

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
  }, 60_000);

  it("leaves the previous site whole, nothing for git, and the next build equal to a clean one", { timeout: 120_000 }, async () => {
    const outcomes: string[] = [];
    // Moments across the whole build, from starting up to publishing (as long as the last build took).
    for (const [attempt, fraction] of [0.25, 0.65, 0.95].entries()) {
      const before = fileHashes(site);
      edit(project, PAPER, /^title: .*$/m, `title: A small report, version ${attempt}`);
      commitAll(project, `version ${attempt}`);
      const child = build(project, ["--no-pdf"]);
      await sleep(fraction * seconds * 1000);
      child.kill("SIGKILL");
      await exited(child);
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
      outcomes.push(same(left, before) ? "previous" : "new");
      // The published build, and at most the one before it (kept for readers still in it).
      expect(readdirSync(buildsDir(site))).toContain(basename(currentBuild(site)!));
      expect(readdirSync(buildsDir(site)).length).toBeLessThanOrEqual(2);

      await buildOk(project, ["--no-pdf", "--clean"]);
      expect(fileHashes(site)).toEqual(after);
      expect(git(project, "status", "--porcelain")).toBe("");
    }
    expect(outcomes).toContain("previous"); // at least one kill landed before publishing
  });

  it("SIGTERM while printing: no browser and no temporary print folder left; SIGKILL: the next build removes them", { timeout: 90_000 }, async () => {
    const tmp = temp("panelpress-publish-tmp-");
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
});
