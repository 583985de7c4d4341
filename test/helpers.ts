/**
 * Test helpers: throwaway projects made from the tests' own fixtures (test/fixtures/projects/<name>), one
 * shared build of a fixture per test run, and running the real CLI against a project.
 *
 * The tool's tests never read the repository's content/ or data/ (a user replaces those with their own
 * meetings); only test/example/example.test.ts builds them, through copyProject().
 */
import { createHash } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { inject } from "vitest";
import { filesUnder } from "../src/lib/files.ts";
import { SITE_MEDIA_TYPES } from "../src/lib/media-types.ts";

export const ROOT = resolve(import.meta.dirname, "..");

/** The tests' main fixture: a meeting with a paper of every report kind, tables, charts, values and exempt material. */
export const MAIN = "harrowdene";

/**
 * Copy the repository's own content/, data/ and templates/ into a temp folder (node_modules linked). Only for
 * the one test of whatever meetings the repository holds (test/example/): every other test uses fixtureProject().
 */
export function copyProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "panelpress-test-"));
  // The repository's history without its files, so the copy's PDFs carry the same commit dates as a build of
  // the repository itself (src/pipeline/dates.ts). Not a git checkout: the copy has no history either.
  spawnSync("git", ["clone", "--quiet", "--no-checkout", "--local", ROOT, dir], { stdio: "ignore" });
  for (const folder of ["content", "data", "templates"]) cpSync(join(ROOT, folder), join(dir, folder), { recursive: true });
  // The meeting, print and chart caches of the repository's last build, if any: after the Quick start's first
  // command (a cold build of the same content) the copy is built from them, verified file by file, instead of
  // printing every PDF again. With no cache, or one for other content or another version of the tool, every
  // meeting is built cold.
  const cache = join(ROOT, ".panelpress-cache");
  if (existsSync(cache)) cpSync(cache, join(dir, ".panelpress-cache"), { recursive: true });
  for (const file of [".eleventy.js", "package.json"]) cpSync(join(ROOT, file), join(dir, file));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

/** A fixture project's folder, to read (never to change: use fixtureProject() for a copy). */
export function fixturePath(name: string, ...path: string[]): string {
  return join(ROOT, "test", "fixtures", "projects", name, ...path);
}

/** Replace text in a file of a copied project; fails loudly if the text is not there (so the test cannot pass vacuously). */
export function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`edit: '${String(from)}' not found in ${file}`);
  writeFileSync(path, changed);
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

const CLI_ENV = { CI: "true", SOURCE_DATE_EPOCH: "1670457600" };

export function cli(cwd: string, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, [join(ROOT, "bin", "panelpress.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...CLI_ENV },
    timeout: 600_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * cli() without blocking the worker: for long runs (a build with PDFs), during which the test worker must
 * still answer the runner (a worker blocked for a minute fails the run with "Timeout calling onTaskUpdate").
 */
export function cliAsync(cwd: string, ...args: string[]): Promise<CliResult> {
  return cliAsyncWith({}, cwd, ...args);
}

/** cliAsync() with more environment variables (they win over the CLI's defaults). */
export function cliAsyncWith(env: Readonly<Record<string, string>>, cwd: string, ...args: string[]): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(ROOT, "bin", "panelpress.js"), ...args], { cwd, env: { ...process.env, ...CLI_ENV, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => void (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => void (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 600_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (status) => {
      clearTimeout(timer);
      resolvePromise({ status, stdout, stderr });
    });
  });
}

/** The SHA-256 of every file under a folder, by path relative to it: two builds compared byte for byte. */
export function fileHashes(dir: string): Map<string, string> {
  return new Map(filesUnder(dir).map((file) => [file, createHash("sha256").update(readFileSync(join(dir, file))).digest("hex")]));
}

/**
 * A throwaway project made from a fixture of the tests' own (test/fixtures/projects/<name>: its content/
 * and data/), with panelpress's templates: never the shipped example's content. In a new temp folder, or in `dir`.
 */
export function fixtureProject(name: string, dir: string = mkdtempSync(join(tmpdir(), `panelpress-${name}-`))): string {
  const fixture = fixturePath(name);
  if (!existsSync(fixture)) throw new Error(`no fixture project test/fixtures/projects/${name}`);
  mkdirSync(dir, { recursive: true });
  for (const folder of ["content", "data"]) cpSync(join(fixture, folder), join(dir, folder), { recursive: true });
  cpSync(join(ROOT, "templates"), join(dir, "templates"), { recursive: true });
  for (const file of [".eleventy.js", "package.json"]) cpSync(join(ROOT, file), join(dir, file));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

export interface SharedBuild {
  /** The fixture project the site was built from: treat it as read-only. */
  project: string;
  /** The built site (a link to the published build): treat it as read-only. */
  out: string;
  /** What the build printed (stdout and stderr). */
  output: string;
}

interface BuildRecord {
  status: number | null;
  output: string;
}

/** Where this run's shared builds go: the folder test/global-setup.ts provides, else one per worker. */
function sharedBuildsDir(): string {
  let dir: string | undefined;
  try {
    dir = inject("sharedBuilds");
  } catch {
    dir = undefined; // not under the vitest config's globalSetup
  }
  if (!dir) {
    dir = process.env.PANELPRESS_SHARED_BUILDS ?? mkdtempSync(join(tmpdir(), "panelpress-shared-builds-"));
    process.env.PANELPRESS_SHARED_BUILDS = dir;
  }
  return dir;
}

/**
 * What a shared build of a fixture runs with, beyond the CLI's defaults: the wessex fixture's builds are read for
 * its public address (canonical links, sitemap, feeds) and on 10 June 2024, between its two meetings.
 */
export const SHARED_BUILD_ENV: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  wessex: { SOURCE_DATE_EPOCH: "1718000000", PANELPRESS_SITE_URL: "https://papers.example.gov.uk/wessex/" },
};

/**
 * The fixture `name` built once per test run with the real CLI, HTML and PDFs (public, or with
 * `restricted` the members' build), shared by every test file that asks for it. The first caller builds;
 * a caller in another worker at the same time waits for it. A failed build fails every caller, with its output.
 */
export async function sharedBuild(name: string, options: { restricted?: boolean } = {}): Promise<SharedBuild> {
  const variant = options.restricted ? "restricted" : "public";
  const base = join(sharedBuildsDir(), `${name}-${variant}`);
  const project = join(base, "project");
  const out = join(base, "out", "site");
  const record = join(base, "build.json");
  let mine = false;
  try {
    mkdirSync(base, { recursive: false });
    mine = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (mine) {
    let result: BuildRecord;
    try {
      fixtureProject(name, project);
      const run = await cliAsyncWith(SHARED_BUILD_ENV[name] ?? {}, project, "build", ...(options.restricted ? ["--restricted"] : []), "--out", out);
      result = { status: run.status, output: run.stdout + run.stderr };
    } catch (error) {
      result = { status: null, output: String((error as Error).stack ?? error) };
    }
    writeFileSync(`${record}.part`, JSON.stringify(result));
    renameSync(`${record}.part`, record); // whole, or not there: a waiting worker never reads half of it
  }
  const deadline = Date.now() + 900_000;
  while (!existsSync(record)) {
    if (Date.now() > deadline) throw new Error(`sharedBuild(${name}, ${variant}): gave up waiting for another worker's build`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const { status, output } = JSON.parse(readFileSync(record, "utf8")) as BuildRecord;
  if (status !== 0) throw new Error(`sharedBuild(${name}, ${variant}): the build failed (exit ${status})\n${output}`);
  return { project, out, output };
}

/** The 1-based line of a project file on which `needle` first appears (0 when it does not). */
export function lineIn(dir: string, file: string, needle: string): number {
  return readFileSync(join(dir, file), "utf8").split("\n").findIndex((line) => line.includes(needle)) + 1;
}

/**
 * A static file server over a built site on 127.0.0.1, as any host would serve it (404.html for what is
 * missing): browsers refuse to load a search index from file://.
 */
export function serveSite(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    let file = resolve(dir, `.${decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname)}`);
    if (file !== dir && !file.startsWith(dir + sep)) file = join(dir, "404.html");
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    const found = existsSync(file);
    response.writeHead(found ? 200 : 404, { "content-type": SITE_MEDIA_TYPES[found ? extname(file) : ".html"] ?? "application/octet-stream" });
    response.end(readFileSync(found ? file : join(dir, "404.html")));
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    done({ server, origin: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}` });
  }));
}

/**
 * A PDF with a classic cross-reference table, as Chromium writes them: a page showing harmless text, and
 * `extra` in its catalog, page and trailer (object n is `objects[n - 6]`).
 */
export function pdfFile(extra: { catalog?: string; page?: string; trailer?: string; objects?: string[] }): Buffer {
  const stream = "BT /F1 12 Tf 72 720 Td (Nothing to see here) Tj ET";
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R ${extra.catalog ?? ""} >>`,
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> ${extra.page ?? ""} >>`,
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ...(extra.objects ?? []),
  ];
  let text = "%PDF-1.7\n";
  const offsets = objects.map((body, i) => {
    const at = text.length;
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((at) => `${String(at).padStart(10, "0")} 00000 n \n`).join("")}`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${extra.trailer ?? ""} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, "latin1");
}

/** A PNG of `width` × `height` pixels of one colour (8-bit RGB). */
export function png({ width = 1, height = 1, rgb = [160, 160, 160] }: { width?: number; height?: number; rgb?: [number, number, number] }): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.from([0, ...Array.from({ length: width }, () => rgb).flat()]);
  return Buffer.concat([Buffer.from("89504e470d0a1a0a", "hex"), chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))), chunk("IEND", Buffer.alloc(0))]);
}
