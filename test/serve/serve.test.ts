/**
 * The live preview: started on a free port against a copy of the project, it serves the built pages with
 * the reload script, rebuilds on save, shows a content error in the page and recovers when it is fixed,
 * pushes a reload over SSE, prints a paper's PDF on request in one shared Chromium (a paper asked for
 * three times at once printed once, pages answered while it prints), and never writes _site/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { request } from "node:http";
import { chromiumPrinter, startPreview, type Preview } from "../../src/serve/server.ts";
import type { LaunchPrinter } from "../../src/serve/pdf.ts";
import { edit, fixtureProject, MAIN } from "../helpers.ts";

const PAPER = "meetings/2024-11-14/10-spending/";
const MD = "content/meetings/2024-11-14/papers/10-spending.md";
const COMMITTEE = "data/committees/hpfcp.yaml";

/** Wait until the page answers with a body matching `pattern` (the watcher and rebuild take a moment). */
async function pageMatching(preview: Preview, path: string, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    await preview.settled();
    last = await (await fetch(new URL(path, preview.url))).text();
    if (pattern.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} never matched ${pattern}; last page began: ${last.slice(0, 300)}`);
}

/** The first `reload` event after this is called. */
function nextReload(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(new URL("/__panelpress/events", url), (res) => {
      let buffer = "";
      res.on("data", (chunk: Buffer) => {
        buffer += chunk.toString();
        if (/event: reload\n/.test(buffer)) {
          req.destroy();
          resolve(buffer);
        }
      });
    });
    req.on("error", (error) => (error.message.includes("aborted") || error.message.includes("socket hang up") ? undefined : reject(error)));
    req.end();
  });
}

describe("panelpress serve", () => {
  let project: string;
  let preview: Preview;
  let closed = false;
  /** The real Chromium printer, counted: browsers launched and closed, and prints per document. */
  const counts = { launches: 0, closes: 0, prints: new Map<string, number>() };
  const countingChromium = (root: string): LaunchPrinter => async (siteDir) => {
    counts.launches++;
    const printer = await chromiumPrinter(root)(siteDir);
    return {
      print: (job) => {
        counts.prints.set(job.source, (counts.prints.get(job.source) ?? 0) + 1);
        return printer.print(job);
      },
      close: () => {
        counts.closes++;
        return printer.close();
      },
    };
  };

  beforeAll(async () => {
    project = fixtureProject(MAIN);
    preview = await startPreview({ root: project, port: 0, log: () => {}, launchPrinter: countingChromium(project) });
  });
  afterAll(async () => {
    if (!closed) await preview?.close();
  });

  it("serves the project's pages on localhost, with the reload script added to pages only", async () => {
    expect(preview.url).toMatch(/^http:\/\/localhost:\d+\/$/);
    const page = await pageMatching(preview, PAPER, /Panel Spending, First Half of 2024\/25/);
    expect(page).toContain('new EventSource("/__panelpress/events")');
    const built = readFileSync(join(project, ".panelpress-preview/site", PAPER, "index.html"), "utf8");
    expect(built).not.toContain("__panelpress");
    expect(existsSync(join(project, "_site"))).toBe(false);
  });

  it("shows an edit to the Markdown after a save, and tells open pages to reload", async () => {
    const reload = nextReload(preview.url);
    await new Promise((r) => setTimeout(r, 200)); // the events connection is open before the edit
    edit(project, MD, "## Introduction", "## Introduction\n\nA sentence added while the preview runs.");
    await pageMatching(preview, PAPER, /A sentence added while the preview runs\./);
    await expect(reload).resolves.toContain("event: reload");
  });

  it("shows a content error in the browser (file, line, message) and recovers when it is fixed", async () => {
    edit(project, COMMITTEE, /^quorum: 6$/m, "quorum: seven");
    const page = await pageMatching(preview, PAPER, /cannot be built/);
    const line = readFileSync(join(project, COMMITTEE), "utf8").split("\n").indexOf("quorum: seven") + 1;
    expect(page).toContain(`${COMMITTEE}:${line}:9`);
    expect(page).toContain("[schema/type]");
    expect(page).toContain("quorum should be a number but is string &quot;seven&quot;");
    expect(page).toContain('new EventSource("/__panelpress/events")');
    edit(project, COMMITTEE, "quorum: seven", "quorum: 6");
    await pageMatching(preview, PAPER, /A sentence added while the preview runs\./);
  });

  it("prints a paper's PDF on request", async () => {
    const response = await fetch(new URL("pdf/2024-11-14/10-spending", preview.url));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await fetch(new URL("pdf/2024-11-14/no-such-paper", preview.url))).status).toBe(404);
  });

  it("prints a paper asked for three times at once once, in the same browser, and answers pages meanwhile", async () => {
    const started = Date.now();
    const pdfs = Promise.all([1, 2, 3].map(async () => {
      const response = await fetch(new URL("pdf/2024-11-14/11-future-dates", preview.url));
      return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), ms: Date.now() - started };
    }));
    await new Promise((r) => setTimeout(r, 100)); // the print is under way
    const page = await fetch(new URL(PAPER, preview.url));
    const pageMs = Date.now() - started;
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Panel Spending, First Half of 2024/25");
    const answers = await pdfs;
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.bytes.subarray(0, 5).toString()).toBe("%PDF-");
      expect(answer.ms).toBeGreaterThan(pageMs); // the page did not wait for the print
    }
    expect(counts.prints.get("_print/2024-11-14/11-future-dates.html")).toBe(1);
    expect(counts.launches).toBe(1); // the browser the first PDF started
  });

  it("refuses paths outside the preview", async () => {
    const response = await fetch(new URL("/..%2f..%2fcontent/meetings/2024-11-14/meeting.yaml", preview.url));
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain("date:");
  });

  it("closes the browser when it stops", async () => {
    closed = true;
    await preview.close();
    expect(counts.closes).toBe(1);
  });
});
