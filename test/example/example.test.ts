/**
 * The repository's own meetings (content/ and data/), whatever they are: the shipped example, or the meetings
 * of a user who has replaced it. The one test that reads them: a copy is built with the real CLI, HTML and
 * PDFs, and only what holds for any content is asserted. Every other test builds fixtures of its own
 * (test/fixtures/projects/), so replacing the example never breaks the tool's tests.
 *
 * The copy takes the repository's build cache (copyProject()): run after the Quick start's first command, which
 * built the same content cold, its meetings are restored from the verified cache and this build is quick; with
 * no cache it is a cold build. Either way `panelpress audit` then checks every page and PDF it published.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yaml from "js-yaml";
import { cliAsync, cliAsyncWith, copyProject, type CliResult } from "../helpers.ts";
import { filesUnder } from "../../src/lib/files.ts";

interface Entry {
  title?: string;
  paper?: string;
  exempt?: unknown;
  items?: Entry[];
}

let project = "";
let out = "";
let result: CliResult;
let files: string[] = [];

/** The meetings of the copy: folder name and the papers its agenda publishes (items and sub-items not exempt). */
function meetings(): Array<{ id: string; papers: string[] }> {
  const dir = join(project, "content", "meetings");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "meeting.yaml")))
    .map((d) => {
      const meeting = yaml.load(readFileSync(join(dir, d.name, "meeting.yaml"), "utf8")) as { agenda?: Entry[] };
      const entries = (meeting.agenda ?? []).flatMap((item) => [item, ...(item.items ?? [])]);
      const isPublic = (e: Entry) => e.exempt === undefined || e.exempt === false;
      return { id: d.name, papers: entries.filter((e) => e.paper && isPublic(e)).map((e) => e.paper!) };
    });
}

beforeAll(async () => {
  project = copyProject();
  out = join(mkdtempSync(join(tmpdir(), "panelpress-example-")), "site");
  // Dated from the repository's commits (no SOURCE_DATE_EPOCH), as the Quick start's build is.
  result = await cliAsyncWith({ SOURCE_DATE_EPOCH: "" }, project, "build", "--out", out);
  files = result.status === 0 ? filesUnder(out) : [];
}, 900_000); // a cold build of a user's whole archive may take a while

describe("the repository's own content/ and data/", () => {
  it("builds, HTML and PDFs", () => {
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(files).toContain("index.html");
  });

  it("has a page and a PDF for every paper its agendas publish, and an agenda pack for every meeting", () => {
    const list = meetings();
    expect(list.length, "content/meetings/ holds at least one meeting").toBeGreaterThan(0);
    const missing: string[] = [];
    for (const { id, papers } of list) {
      const mine = files.filter((f) => f.split("/").includes(id));
      if (!mine.some((f) => f.endsWith(".pdf") && /agenda-pack/.test(f))) missing.push(`${id}: no agenda pack PDF`);
      if (!mine.some((f) => f.endsWith("index.html"))) missing.push(`${id}: no meeting page`);
      for (const paper of papers) {
        const own = mine.filter((f) => f.split("/").includes(paper) || f.endsWith(`/${paper}.pdf`));
        if (!own.some((f) => f.endsWith(".html"))) missing.push(`${id}/${paper}: no HTML page`);
        if (!own.some((f) => f.endsWith(".pdf"))) missing.push(`${id}/${paper}: no PDF`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("is in the canonical YAML style (fmt --check) and passes the gates (panelpress audit)", { timeout: 900_000 }, async () => {
    const fmt = await cliAsync(project, "fmt", "--check");
    expect(fmt.status, fmt.stdout + fmt.stderr).toBe(0);
    const audit = await cliAsync(project, "audit", "--out", out);
    expect(audit.status, audit.stdout + audit.stderr).toBe(0);
  });
});
