/**
 * `panelpress serve`: a local preview that rebuilds as the author saves.
 *
 *   content/ data/ templates/ ──fs.watch──▶ rebuild HTML (pipeline build, pdf: false) into .panelpress-preview/
 *                                                   │ ok: serve the pages       │ errors: serve the error page
 *                                                   └──────── "reload" event (SSE) to every open page
 *
 * The preview never writes _site/. Builds and PDF prints run one at a time (a queue), so a print never
 * reads a folder a rebuild is replacing. Bound to 127.0.0.1: the preview is for the author's own machine.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { existsSync, readFileSync, statSync, watch, type FSWatcher } from "node:fs";
import { extname, join, normalize, resolve, sep } from "node:path";
import { build } from "../pipeline/index.ts";
import { buildTime } from "../pipeline/dates.ts";
import { printFonts } from "../pipeline/render.ts";
import { Printer } from "../print/print.ts";
import { errorPage, findingsOf, type Finding } from "./error-page.ts";
import { escapeHtml } from "../lib/html.ts";
import { EVENTS_PATH, injectReloadScript, sseMessage } from "./live-reload.ts";

export const PREVIEW_DIR = ".panelpress-preview";
const WATCHED = ["content", "data", "templates"];
/** Editors save in bursts (temp file, rename, touch): wait for quiet before rebuilding. */
const DEBOUNCE_MS = 80;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
  ".woff": "font/woff", ".woff2": "font/woff2", ".csv": "text/csv; charset=utf-8", ".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8",
};

export interface PreviewOptions {
  root: string;
  port: number;
  host?: string;
  log: (message: string) => void;
}

/** What the last build produced: a site to serve, or the findings that stopped it. */
type State = { kind: "ok"; seconds: number } | { kind: "errors"; findings: Finding[]; formatted: string };

export interface Preview {
  url: string;
  /** Resolves when the build under way (and any queued one) has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const root = resolve(options.root);
  const siteDir = join(root, PREVIEW_DIR, "site");
  const clients = new Set<ServerResponse>();
  let state: State | undefined;
  let queue: Promise<void> = Promise.resolve();
  let rebuildQueued = false;

  /** Run tasks one at a time, in order. */
  const serialise = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.then(() => undefined, () => undefined);
    return run;
  };

  const rebuild = (): Promise<void> => {
    if (rebuildQueued) return queue; // a rebuild not yet started will see this change too
    rebuildQueued = true;
    return serialise(async () => {
      rebuildQueued = false;
      const started = performance.now();
      // The print documents are kept (they are removed after a normal build) so a PDF can be printed on request.
      const keep = process.env.PANELPRESS_KEEP_PRINT;
      process.env.PANELPRESS_KEEP_PRINT = "1";
      try {
        const outcome = await build({ root, outDir: join(PREVIEW_DIR, "site"), pdf: false, log: () => {} });
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
  };

  const printPdf = (meeting: string, paper: string): Promise<Buffer | undefined> =>
    serialise(async () => {
      const source = `_print/${meeting}/${paper}.html`;
      if (state?.kind !== "ok" || !existsSync(join(siteDir, source))) return undefined;
      const printer = await Printer.launch(siteDir, buildTime(root), printFonts(root));
      try {
        const output = `_preview/${meeting}/${paper}.pdf`;
        await printer.print({ source, output, sections: [] });
        return readFileSync(join(siteDir, output));
      } finally {
        await printer.close();
      }
    });

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      response.end(`panelpress preview: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    if (path === EVENTS_PATH) {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
      response.write(sseMessage("hello", "connected"));
      clients.add(response);
      request.on("close", () => clients.delete(response));
      return;
    }
    await queue; // never answer from a half-replaced folder
    const pdf = /^\/pdf\/([0-9]{4}-[0-9]{2}-[0-9]{2})\/([a-z0-9-]+)(\.pdf)?\/?$/.exec(path);
    if (state?.kind === "errors" && (pdf || isPage(path))) return sendHtml(response, 200, errorPage(state.findings, state.formatted));
    if (pdf) {
      const bytes = await printPdf(pdf[1]!, pdf[2]!);
      if (!bytes) return sendHtml(response, 404, notFound(path, "there is no such paper in the preview"));
      response.writeHead(200, { "content-type": "application/pdf", "cache-control": "no-store", "content-disposition": `inline; filename="${pdf[2]}.pdf"`, connection: "close" });
      response.end(bytes);
      return;
    }
    const file = fileFor(siteDir, path);
    if (!file) return sendHtml(response, 404, notFound(path, "no such page"));
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    if (type.startsWith("text/html")) return sendHtml(response, 200, readFileSync(file, "utf8"));
    response.writeHead(200, { "content-type": type, "cache-control": "no-store", connection: "close" });
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
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port, host, () => ok());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${host === "127.0.0.1" ? "localhost" : host}:${port}/`,
    settled: async () => {
      await new Promise((r) => setTimeout(r, DEBOUNCE_MS * 2));
      await queue;
    },
    close: async () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      for (const client of clients) client.end();
      await queue;
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", connection: "close" });
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
  if (candidate !== siteDir && !candidate.startsWith(siteDir + sep)) return undefined;
  for (const file of [candidate, join(candidate, "index.html"), `${candidate}.html`]) {
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}
