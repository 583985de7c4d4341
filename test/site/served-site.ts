/**
 * What the search tests drive: a fixture built without PDFs (no errors, published), served over HTTP from
 * 127.0.0.1 (browsers refuse to load a search index from file://), and a Chromium page to open it in.
 */
import { realpathSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { Browser, Page } from "puppeteer-core";
import { build } from "../../src/pipeline/index.ts";
import { launchBrowser } from "../../src/a11y/audit.ts";
import { fixtureProject, serveSite } from "../helpers.ts";

export interface ServedSite {
  /** The built site (a link to the published build): treat it as read-only. */
  out: string;
  origin: string;
  browser: Browser;
  page: Page;
  close: () => Promise<void>;
}

export async function servedSite(fixture: string): Promise<ServedSite> {
  const root = fixtureProject(fixture);
  const outcome = await build({ root, outDir: join(root, "_site"), pdf: false, clean: true, log: () => {} });
  expect(outcome.problems.list.filter((p) => p.severity === "error").map((p) => p.message)).toEqual([]);
  expect(outcome.published).toBe(true);
  const out = realpathSync(join(root, "_site"));
  const { server, origin } = await serveSite(out);
  const browser = await launchBrowser();
  const page = await browser.newPage();
  const close = async () => {
    await browser.close();
    await new Promise((done) => server.close(done));
  };
  return { out, origin, browser, page, close };
}

/** Type a query into the search page's box as a person would, press Enter, and wait for the announcement. */
export async function submitQuery(page: Page, query: string): Promise<void> {
  await page.focus("#search-query");
  await page.keyboard.type(query);
  await page.keyboard.press("Enter");
  await page.waitForFunction((q: string) => document.getElementById("search-status")!.textContent!.includes(`\u201c${q}\u201d`), { timeout: 15_000 }, query);
}
