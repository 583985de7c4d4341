/**
 * `panelpress serve`: a local preview that rebuilds as the author saves.
 *
 *   content/ data/ templates/ ──fs.watch──▶ rebuild HTML (pipeline build, pdf: false) into .panelpress-preview/
 *                                                   │ ok: serve the pages       │ errors: serve the error page
 *                                                   └──────── "reload" event (SSE) to every open page
 *
 * The preview never writes _site/. Builds and PDF prints take turns (site-queue.ts), so a print never
 * reads a folder a rebuild is replacing; pages only wait for a build under way, never for prints. PDFs
 * share one browser (pdf.ts). Bound to 127.0.0.1 and answering only to its own name (guard.ts): the
 * preview is for the author's own machine.
 */
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import { existsSync, readFileSync, realpathSync, statSync, watch, type FSWatcher } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { build, type BuildOutcome, type RunOptions } from "../pipeline/index.ts";
import { buildTime } from "../pipeline/dates.ts";
import { printFonts } from "../pipeline/render.ts";
import { Printer } from "../print/print.ts";
import { errorPage, findingsOf, type Finding } from "./error-page.ts";
import { escapeHtml } from "../lib/html.ts";
import { EVENTS_PATH, injectReloadScript, sseMessage } from "./live-reload.ts";
import { hostAllowed, LISTEN_HOST, requestPath } from "./guard.ts";
import { SharedPrinter, sharedByKey, type LaunchPrinter } from "./pdf.ts";
import { SiteQueue } from "./site-queue.ts";
import { SITE_MEDIA_TYPES } from "../lib/media-types.ts";

export const PREVIEW_DIR = ".panelpress-preview";
const WATCHED = ["content", "data", "templates"];
/** Editors save in bursts (temp file, rename, touch): wait for quiet before rebuilding. */
const DEBOUNCE_MS = 80;
const PDF_PATH = /^\/pdf\/([0-9]{4}-[0-9]{2}-[0-9]{2})\/([a-z0-9-]+)(\.pdf)?\/?$/;

/** Headers on every answer: nothing cached, no content sniffing, no kept-alive connection to hold close() up. */
const COMMON_HEADERS: OutgoingHttpHeaders = { "cache-control": "no-store", "x-content-type-options": "nosniff", connection: "close" };

/** What the preview needs of a build: pipeline/index.ts's build, or a test's stand-in. */
export type PreviewBuild = (options: RunOptions) => Promise<Pick<BuildOutcome, "published" | "problems">>;

export interface PreviewOptions {
  root: string;
  /** 0 for any free port. The address is always 127.0.0.1. */
  port: number;
  log: (message: string) => void;
  /** Tests only: a stand-in for the pipeline's build. */
  build?: PreviewBuild;
  /** Tests only: a stand-in for (or a wrapper round) the Chromium printer; see chromiumPrinter. */
  launchPrinter?: LaunchPrinter;
}

/** What the last build produced: a site to serve, or the findings that stopped it. */
type State = { kind: "ok"; seconds: number } | { kind: "errors"; findings: Finding[]; formatted: string };

export interface Preview {
  url: string;
  /** Resolves when the build under way (and any queued one, and any PDF print) has finished. */
  settled(): Promise<void>;
  /** Stops the server and the watchers, and closes the browser that printed PDFs. */
  close(): Promise<void>;
}

/** The printer `panelpress build` uses: Chromium with the project's fonts, reading the site folder. */
export function chromiumPrinter(root: string): LaunchPrinter {
  return (siteDir) => Printer.launch(siteDir, buildTime(root), printFonts(root));
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const root = resolve(options.root);
  const siteDir = join(root, PREVIEW_DIR, "site");
  const runBuild = options.build ?? build;
  const launchPrinter = options.launchPrinter ?? chromiumPrinter(root);
  const clients = new Set<ServerResponse>();
  const queue = new SiteQueue();
  const printer = new SharedPrinter(() => launchPrinter(siteDir));
  const sharedPrint = sharedByKey<Buffer | undefined>();
  let state: State | undefined;
  let pendingBuild: Promise<void> | undefined;
  /** Counts scheduled rebuilds: a PDF asked for after a save does not share a print of the content before it. */
  let generation = 0;
  let closing = false;
  let port = options.port;

  const rebuild = (): Promise<void> => {
    generation++;
    // A rebuild not yet started will see this change too.
    pendingBuild ??= queue.run("build", async () => {
      pendingBuild = undefined;
      const started = performance.now();
      // The print documents are kept (they are removed after a normal build) so a PDF can be printed on request.
      const keep = process.env.PANELPRESS_KEEP_PRINT;
      process.env.PANELPRESS_KEEP_PRINT = "1";
      try {
        const outcome = await runBuild({ root, outDir: join(PREVIEW_DIR, "site"), pdf: false, log: () => {} });
        const seconds = (performance.now() - started) / 1000;
        if (outcome.published) {
          state = { kind: "ok", seconds };
          options.log(`Rebuilt in ${seconds.toFixed(1)} s${outcome.problems.warningCount ? ` (${outcome.problems.warningCount} warnings: run 'panelpress check')` : ""}`);
        } else {
          state = { kind: "errors", findings: findingsOf(outcome.problems, root), formatted: outcome.problems.format(root) };
          options.log(`${outcome.problems.errorCount} error(s): shown in the browser\n${outcome.problems.format(root)}`);
        }
      } catch (error) {
        // A fault in the tool must not kill the preview: show it, and try again on the next save.
        const message = error instanceof Error ? error.message : String(error);
        state = { kind: "errors", findings: [{ file: "(panelpress)", line: 1, column: 1, rule: "internal", severity: "error", message }], formatted: error instanceof Error ? error.stack ?? message : message };
        options.log(`Build failed: ${message}`);
      } finally {
        if (keep === undefined) delete process.env.PANELPRESS_KEEP_PRINT;
        else process.env.PANELPRESS_KEEP_PRINT = keep;
      }
      for (const client of clients) client.write(sseMessage("reload", String(Date.now())));
    });
    return pendingBuild;
  };

  /**
   * A paper's PDF, or undefined when there is no such paper (or the preview is stopping). The queue of
   * prints needs no limit of its own: it holds at most one print per existing paper (per rebuild), and
   * a paper already printed since the last rebuild is read back, not printed again.
   */
  const printPdf = (meeting: string, paper: string): Promise<Buffer | undefined> =>
    sharedPrint(`${generation} ${meeting}/${paper}`, () =>
      queue.run("print", async () => {
        const source = `_print/${meeting}/${paper}.html`;
        const output = `_preview/${meeting}/${paper}.pdf`;
        if (closing || state?.kind !== "ok" || !existsSync(join(siteDir, source))) return undefined;
        // A rebuild replaces the whole folder, so a PDF found here is of the current content.
        if (!existsSync(join(siteDir, output))) await printer.use((p) => p.print({ source, output, sections: [] }));
        return readFileSync(join(siteDir, output));
      }));

  const server = createServer({ requireHostHeader: false }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { ...COMMON_HEADERS, "content-type": "text/plain; charset=utf-8" });
      response.end(`panelpress preview: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Node would answer a missing Host with its own 400; the check below refuses it like any other wrong Host.
    if (!hostAllowed(request.headers.host, port)) return sendText(response, 421, `This preview answers only to http://localhost:${port}/\n`);
    if (request.method !== "GET" && request.method !== "HEAD") return sendText(response, 405, "The preview only answers GET and HEAD\n", { allow: "GET, HEAD" });
    const checked = requestPath(request.url);
    if (!checked.ok) return sendText(response, 400, `Bad request: ${checked.reason}\n`);
    const path = checked.path;
    if (path === EVENTS_PATH) {
      response.writeHead(200, { ...COMMON_HEADERS, "content-type": "text/event-stream", connection: "keep-alive" });
      response.write(sseMessage("hello", "connected"));
      clients.add(response);
      request.on("close", () => clients.delete(response));
      return;
    }
    await queue.buildDone(); // never answer from a folder a build is replacing, nor with the state before it
    const pdf = PDF_PATH.exec(path);
    if (state?.kind === "errors" && (pdf || isPage(path))) return sendHtml(response, 200, errorPage(state.findings, state.formatted));
    if (pdf) {
      const meeting = pdf[1]!;
      const paper = pdf[2]!;
      // An unknown paper is answered at once, not after the prints queued before it.
      const bytes = existsSync(join(siteDir, "_print", meeting, `${paper}.html`)) ? await printPdf(meeting, paper) : undefined;
      if (!bytes && closing) return sendText(response, 503, "The preview is stopping\n");
      if (!bytes) return sendHtml(response, 404, notFound(path, "there is no such paper in the preview"));
      response.writeHead(200, { ...COMMON_HEADERS, "content-type": "application/pdf", "content-disposition": `inline; filename="${paper}.pdf"` });
      response.end(bytes);
      return;
    }
    const file = fileFor(siteDir, path);
    if (!file) return sendHtml(response, 404, notFound(path, "no such page"));
    const type = SITE_MEDIA_TYPES[extname(file)] ?? "application/octet-stream";
    if (type.startsWith("text/html")) return sendHtml(response, 200, readFileSync(file, "utf8"));
    response.writeHead(200, { ...COMMON_HEADERS, "content-type": type });
    response.end(readFileSync(file));
  }

  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  for (const folder of WATCHED) {
    const dir = join(root, folder);
    if (!existsSync(dir)) continue;
    watchers.push(watch(dir, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void rebuild(), DEBOUNCE_MS);
    }));
  }

  await rebuild();
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port, LISTEN_HOST, () => ok());
  });
  const address = server.address();
  port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}/`,
    settled: async () => {
      await new Promise((r) => setTimeout(r, DEBOUNCE_MS * 2));
      await queue.idle();
    },
    close: async () => {
      closing = true;
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      const stopped = new Promise<void>((ok) => server.close(() => ok()));
      for (const client of clients) client.end();
      await queue.idle(); // a print under way finishes; those waiting answer 503
      await printer.close();
      server.closeIdleConnections();
      await stopped;
    },
  };
}

function sendText(response: ServerResponse, status: number, text: string, headers: OutgoingHttpHeaders = {}): void {
  response.writeHead(status, { ...COMMON_HEADERS, ...headers, "content-type": "text/plain; charset=utf-8" });
  response.end(text);
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { ...COMMON_HEADERS, "content-type": "text/html; charset=utf-8" });
  response.end(injectReloadScript(html));
}

function notFound(path: string, why: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Not found</title></head><body><main><h1>Not found: ${escapeHtml(path)}</h1><p>${escapeHtml(why)}. <a href="/">The preview's home page</a>.</p></main></body></html>`;
}

/** A page request (not a stylesheet, font or data file). */
function isPage(path: string): boolean {
  return path.endsWith("/") || path.endsWith(".html") || extname(path) === "";
}

/** The file a URL path names inside the site, or undefined (never a file outside it). */
export function fileFor(siteDir: string, urlPath: string): string | undefined {
  const candidate = normalize(join(siteDir, urlPath));
  if (!inside(siteDir, candidate)) return undefined;
  for (const file of [candidate, join(candidate, "index.html"), `${candidate}.html`]) {
    // A symbolic link in the site (a copied asset, say) must not lead out of it either.
    if (existsSync(file) && statSync(file).isFile() && inside(realpathSync(siteDir), realpathSync(file))) return file;
  }
  return undefined;
}

function inside(dir: string, path: string): boolean {
  return path === dir || path.startsWith(dir + sep);
}
