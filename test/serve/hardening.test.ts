/**
 * The preview's defences, against a stand-in build and printer (no Chromium, no example content, so every
 * test takes well under a second): it answers only to its own name, refuses malformed and escaping paths
 * with 400, prints PDFs one at a time in one browser while pages answer at once, prints a PDF asked for
 * three times once, closes the browser when it stops, and listens on loopback only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startPreview, type Preview, type PreviewBuild } from "../../src/serve/server.ts";
import { hostAllowed, requestPath } from "../../src/serve/guard.ts";
import { SiteQueue } from "../../src/serve/site-queue.ts";
import { sharedByKey, type LaunchPrinter } from "../../src/serve/pdf.ts";
import type { PrintJob } from "../../src/print/print.ts";
import { Problems } from "../../src/content/problems.ts";

const SECRET = "the text of a file outside the preview";
const PRINT_MS = 400;

interface Answer {
  status: number;
  type: string | undefined;
  body: string;
}

/** A GET with exactly the path and Host given (fetch would normalise both). */
function get(port: number, path: string, host: string | null = `localhost:${port}`): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, setHost: false, headers: host === null ? {} : { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"], body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Bytes sent as they are, for requests node's client refuses to send; resolves with the status line. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(text));
    let received = "";
    socket.on("data", (chunk: Buffer) => (received += chunk.toString()));
    socket.on("end", () => resolve(received.split("\r\n")[0] ?? ""));
    socket.on("error", reject);
  });
}

/** A build that writes a small site as the pipeline would: the whole folder replaced. */
const fakeBuild: PreviewBuild = async ({ root, outDir }) => {
  const site = join(root, outDir);
  rmSync(site, { recursive: true, force: true });
  const files: Record<string, string> = {
    "index.html": "<!doctype html><html><body><h1>Home</h1></body></html>",
    "meetings/2024-01-01/index.html": "<!doctype html><html><body><h1>Meeting</h1></body></html>",
    "style.css": "body { margin: 0 }",
    "_print/2024-01-01/alpha.html": "<p>alpha</p>",
    "_print/2024-01-01/beta.html": "<p>beta</p>",
    "_print/2024-01-01/broken.html": "<p>broken</p>",
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(site, file)), { recursive: true });
    writeFileSync(join(site, file), text);
  }
  symlinkSync(join(root, "secret.txt"), join(site, "link.txt"));
  return { published: true, problems: new Problems() };
};

/** A printer that takes PRINT_MS per PDF, counting launches, prints (per document), overlaps and closes. */
function fakePrinter() {
  const counts = { launches: 0, closes: 0, printing: 0, mostAtOnce: 0, prints: new Map<string, number>() };
  const launch: LaunchPrinter = async (siteDir) => {
    counts.launches++;
    return {
      async print(job: PrintJob) {
        counts.prints.set(job.source, (counts.prints.get(job.source) ?? 0) + 1);
        counts.mostAtOnce = Math.max(counts.mostAtOnce, ++counts.printing);
        try {
          await new Promise((r) => setTimeout(r, PRINT_MS));
          if (job.source.includes("broken")) throw new Error("the browser went away");
          mkdirSync(dirname(join(siteDir, job.output)), { recursive: true });
          writeFileSync(join(siteDir, job.output), `%PDF-1.7 ${job.source}`);
        } finally {
          counts.printing--;
        }
      },
      async close() {
        counts.closes++;
      },
    };
  };
  return { counts, launch };
}

describe("the preview's request checks (pure)", () => {
  it("accepts only the loopback names with the preview's port", () => {
    for (const host of ["localhost:8080", "LOCALHOST:8080", "127.0.0.1:8080", "[::1]:8080"]) expect(hostAllowed(host, 8080), host).toBe(true);
    for (const host of [undefined, "", "localhost", "localhost:8081", "evil.example:8080", "evil.example", "127.0.0.2:8080", "localhost.:8080", "localhost:8080.evil.example", "0.0.0.0:8080"]) {
      expect(hostAllowed(host, 8080), String(host)).toBe(false);
    }
    expect(hostAllowed("localhost", 80)).toBe(true);
  });

  it("decodes a path, and refuses bad encoding, dot segments, NUL, backslashes and non-paths", () => {
    expect(requestPath("/meetings/2024-01-01/?x=%E0")).toEqual({ ok: true, path: "/meetings/2024-01-01/" });
    expect(requestPath("/a%20b.html")).toEqual({ ok: true, path: "/a b.html" });
    for (const target of ["/%E0%A4%A", "/../../etc/passwd", "/%2e%2e/", "/a/%2E%2E/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd", "/a%00b", "/..%5c..%5cetc", "/./index.html", "http://evil.example/", "*", "", undefined]) {
      expect(requestPath(target).ok, String(target)).toBe(false);
    }
  });
});

describe("the site queue", () => {
  const later = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("runs one task at a time, a waiting build before waiting prints", async () => {
    const queue = new SiteQueue();
    const order: string[] = [];
    const task = (name: string) => async () => {
      order.push(`${name} start`);
      await later(20);
      order.push(`${name} end`);
    };
    await Promise.all([queue.run("print", task("print 1")), queue.run("print", task("print 2")), queue.run("build", task("build"))]);
    expect(order).toEqual(["print 1 start", "print 1 end", "build start", "build end", "print 2 start", "print 2 end"]);
  });

  it("keeps pages waiting for a running build (and one straight after it), never for a print", async () => {
    const queue = new SiteQueue();
    const printing = queue.run("print", () => later(200));
    const started = Date.now();
    await queue.buildDone();
    expect(Date.now() - started).toBeLessThan(50);
    await printing;
    await queue.idle();

    const built: string[] = [];
    void queue.run("build", async () => {
      await later(30);
      built.push("first");
    });
    void queue.run("build", async () => {
      await later(30);
      built.push("second");
    });
    await queue.buildDone();
    expect(built).toEqual(["first", "second"]);
    await queue.idle();
  });

  it("passes a task's failure to its caller and carries on", async () => {
    const queue = new SiteQueue();
    await expect(queue.run("print", () => Promise.reject(new Error("no")))).rejects.toThrow("no");
    await expect(queue.run("print", async () => 7)).resolves.toBe(7);
  });

  it("shares a call under way by key, and not after it ends", async () => {
    const shared = sharedByKey<number>();
    let calls = 0;
    const task = async () => {
      const call = ++calls;
      await later(10);
      return call;
    };
    expect(await Promise.all([shared("a", task), shared("a", task), shared("b", task)])).toEqual([1, 1, 2]);
    expect(await shared("a", task)).toBe(3);
  });
});

describe("panelpress serve, hardened", () => {
  let root: string;
  let preview: Preview;
  let port: number;
  const printer = fakePrinter();

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "panelpress-serve-"));
    mkdirSync(join(root, "content"));
    writeFileSync(join(root, "secret.txt"), SECRET);
    preview = await startPreview({ root, port: 0, log: () => {}, build: fakeBuild, launchPrinter: printer.launch });
    port = Number(new URL(preview.url).port);
  });
  afterAll(async () => {
    if (printer.counts.closes === 0) await preview?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("answers to localhost, 127.0.0.1 and [::1] on its port", async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      const answer = await get(port, "/", host);
      expect(answer.status, host).toBe(200);
      expect(answer.body).toContain("<h1>Home</h1>");
    }
  });

  it("refuses any other Host, or none, with 421 and a short plain-text answer (DNS rebinding)", async () => {
    for (const host of ["evil.example", `evil.example:${port}`, `localhost:${port + 1}`, "localhost", `127.0.0.1.nip.io:${port}`, null]) {
      const answer = await get(port, "/", host);
      expect(answer.status, String(host)).toBe(421);
      expect(answer.type).toBe("text/plain; charset=utf-8");
      expect(answer.body).toBe(`This preview answers only to http://localhost:${port}/\n`);
    }
    // The events stream and PDFs are behind the same check.
    expect((await get(port, "/__panelpress/events", "evil.example")).status).toBe(421);
    expect((await get(port, "/pdf/2024-01-01/alpha", "evil.example")).status).toBe(421);
    expect(printer.counts.launches).toBe(0);
  });

  it("answers malformed and escaping paths with 400, never 500 and never a file outside the site", async () => {
    for (const path of ["/%E0%A4%A", "/pdf/%E0%A4%A", "/../../etc/passwd", "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd", "/..%2fsecret.txt", "/meetings/..%2F..%2F..%2Fsecret.txt", "/%00", "/index.html%00.css", "/..%5csecret.txt", "/./index.html"]) {
      const answer = await get(port, path);
      expect(answer.status, path).toBe(400);
      expect(answer.type).toBe("text/plain; charset=utf-8");
      expect(answer.body).not.toContain(SECRET);
    }
    // A raw NUL, or a proxy-style target, which node's client will not send.
    expect(await raw(port, `GET /index\0.html HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw(port, `GET http://localhost:${port}/index.html HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
  });

  it("answers a clean path that does not exist, or a link out of the site, with 404", async () => {
    for (const path of ["/no-such-page", "/meetings/2099-01-01/", "/link.txt", "/secret.txt", "/pdf/2024-01-01/no-such-paper"]) {
      const answer = await get(port, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body).not.toContain(SECRET);
    }
    expect((await get(port, "/style.css?v=%E0")).status).toBe(200);
    expect(printer.counts.launches).toBe(0);
  });

  it("answers only GET and HEAD", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/", method: "POST" }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(405);
  });

  it("prints PDFs one at a time in one browser, a PDF asked for three times once, while pages answer at once", async () => {
    const started = Date.now();
    const finished: Record<string, number> = {};
    const timed = (name: string, path: string) => get(port, path).then((answer) => {
      finished[name] = Date.now() - started;
      return answer;
    });
    const pdfs = Promise.all([
      timed("alpha 1", "/pdf/2024-01-01/alpha"), timed("alpha 2", "/pdf/2024-01-01/alpha.pdf"), timed("alpha 3", "/pdf/2024-01-01/alpha/"),
      timed("beta", "/pdf/2024-01-01/beta"),
    ]);
    await new Promise((r) => setTimeout(r, 50)); // the prints are queued and the first under way
    const page = await timed("page", "/meetings/2024-01-01/");
    expect(page.status).toBe(200);
    expect(page.body).toContain("<h1>Meeting</h1>");

    const answers = await pdfs;
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.type).toBe("application/pdf");
    }
    expect(answers.map((a) => a.body)).toEqual(["alpha", "alpha", "alpha", "beta"].map((p) => `%PDF-1.7 _print/2024-01-01/${p}.html`));
    // The page did not wait for a print: it answered long before the first PDF was done.
    expect(finished.page).toBeLessThan(PRINT_MS / 2);
    expect(Math.min(...["alpha 1", "alpha 2", "alpha 3", "beta"].map((n) => finished[n]!))).toBeGreaterThan(finished.page!);
    expect(printer.counts.launches).toBe(1);
    expect(printer.counts.mostAtOnce).toBe(1);
    expect(Object.fromEntries(printer.counts.prints)).toEqual({ "_print/2024-01-01/alpha.html": 1, "_print/2024-01-01/beta.html": 1 });
    expect(finished.beta).toBeGreaterThanOrEqual(2 * PRINT_MS - 20); // after alpha's print, not beside it
  });

  it("reads back a PDF printed since the last rebuild, and prints it afresh after one", async () => {
    expect((await get(port, "/pdf/2024-01-01/alpha")).status).toBe(200);
    expect(printer.counts.prints.get("_print/2024-01-01/alpha.html")).toBe(1);
    writeFileSync(join(root, "content", "saved.md"), "a save");
    await preview.settled();
    expect((await get(port, "/pdf/2024-01-01/alpha")).status).toBe(200);
    expect(printer.counts.prints.get("_print/2024-01-01/alpha.html")).toBe(2);
    expect(printer.counts.launches).toBe(1);
  });

  it("answers a failed print with 500, and starts a fresh browser for the next PDF", async () => {
    const failed = await get(port, "/pdf/2024-01-01/broken");
    expect(failed.status).toBe(500);
    expect(failed.body).toContain("the browser went away");
    expect(printer.counts.closes).toBe(1); // the failed browser
    expect((await get(port, "/pdf/2024-01-01/beta")).status).toBe(200);
    expect(printer.counts.launches).toBe(2);
    expect((await get(port, "/")).status).toBe(200);
  });

  it.skipIf(!externalAddress())("listens on loopback only", async () => {
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(port, externalAddress()!, () => {
        socket.destroy();
        resolve("connected");
      });
      socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    expect(refused).toBe("ECONNREFUSED");
  });

  it("closes the browser when it stops", async () => {
    const closesBefore = printer.counts.closes;
    await preview.close();
    expect(printer.counts.closes).toBe(closesBefore + 1);
    await expect(get(port, "/")).rejects.toThrow(/ECONNREFUSED/);
  });
});

/** An address of this machine other than loopback, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(networkInterfaces()).flat().find((a) => a && !a.internal && a.family === "IPv4")?.address;
}
