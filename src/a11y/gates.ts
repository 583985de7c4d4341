/**
 * The accessibility and quality gates over a built site, whatever content it holds: the same checks the
 * test suite makes on its fixtures (src/a11y/checks.ts lists them), for `panelpress audit` to run on a
 * project's own output. Each check that ran is named in the result, so a report never claims one that
 * did not (a site with no PDFs, say, ran no PDF check).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { extname, join, relative, resolve } from "node:path";
import type { Page } from "puppeteer-core";
import { pathToFileURL } from "node:url";
import type { ConfigData } from "html-validate";
import { auditPage, launchBrowser, openPage, type Finding } from "./audit.ts";
import { HTML_VALIDATE_CONFIG } from "./checks.ts";
import { checkLinks } from "./links.ts";
import { readPdfFacts } from "./pdf-structure.ts";
import { checkPdfUa } from "./pdfua.ts";
import { countSetting } from "../lib/counts.ts";
import { filesUnder } from "../lib/files.ts";
import { SITE_MEDIA_TYPES } from "../lib/media-types.ts";

export interface GateFinding {
  check: string;
  /** The file, relative to the site. */
  where: string;
  message: string;
}

export interface GateReport {
  findings: GateFinding[];
  /** Check ids that ran, with how many files each looked at. */
  ran: Map<string, number>;
  /** How many pages and PDFs the site has. */
  pages: number;
  pdfs: number;
}

export async function runGates(siteDir: string, log: (message: string) => void = () => {}): Promise<GateReport> {
  const dir = realpathSync(siteDir);
  const files = filesUnder(dir);
  const pages = files.filter((f) => f.endsWith(".html"));
  const pdfs = files.filter((f) => f.endsWith(".pdf"));
  const address = publicAddress(dir);
  const findings: GateFinding[] = [];
  const ran = new Map<string, number>();
  const count = (check: string, n: number) => ran.set(check, (ran.get(check) ?? 0) + n);

  if (pages.length > 0) {
    log(`Checking ${pages.length} pages in Chromium (axe, structure, tables, charts, focus, reflow)`);
    const browser = await launchBrowser();
    const found: Finding[][] = new Array(pages.length);
    try {
      // Several tabs of one browser, each auditing the next page not yet taken; findings are kept in the
      // pages' order, so the report is the same however the work was shared.
      let next = 0;
      const tab = async () => {
        const page = await browser.newPage();
        await servePublicAddress(page, dir, address);
        // Every tab behaves as the focused one: the focus check reads :focus styles, which a page in a
        // background tab would not show.
        await (await page.createCDPSession()).send("Emulation.setFocusEmulationEnabled", { enabled: true });
        while (next < pages.length) {
          const index = next++;
          await openPage(page, pathToFileURL(join(dir, pages[index]!)).href);
          found[index] = await auditPage(page);
        }
      };
      await Promise.all(Array.from({ length: Math.min(auditTabs(), pages.length) }, tab));
    } finally {
      await browser.close();
    }
    pages.forEach((path, index) => {
      for (const finding of found[index]!) findings.push({ check: finding.check, where: path, message: finding.message });
    });
    for (const check of ["axe", "structure", "tables", "charts", "focus", "reflow"]) count(check, pages.length);

    log("Validating HTML and links");
    const { HtmlValidate } = await import("html-validate"); // the audit's packages are loaded only when auditing
    const validator = new HtmlValidate(validatorConfig(address));
    for (const path of pages) {
      const result = await validator.validateString(readFileSync(join(dir, path), "utf8"), path);
      for (const r of result.results) for (const m of r.messages) findings.push({ check: "html", where: `${path}:${m.line}:${m.column}`, message: `${m.ruleId}: ${m.message}` });
    }
    count("html", pages.length);
    for (const broken of checkLinks(dir)) findings.push({ check: "links", where: broken.from, message: `${broken.href}: ${broken.problem}` });
    count("links", pages.length);
  }

  if (pdfs.length > 0) log(`Checking ${pdfs.length} PDFs (tags, title, language, bookmarks, fonts, PDF/UA-1)`);
  for (const path of pdfs) {
    const file = join(dir, path);
    for (const message of await pdfBasics(file)) findings.push({ check: "pdf", where: path, message });
    for (const f of await checkPdfUa(file)) findings.push({ check: "pdfua", where: f.page ? `${path} page ${f.page}` : path, message: `Matterhorn ${f.checkpoint}: ${f.message}` });
  }
  if (pdfs.length > 0) {
    count("pdf", pdfs.length);
    count("pdfua", pdfs.length);
  }
  return { findings, ran, pages: pages.length, pdfs: pdfs.length };
}

/** How many pages are audited at once: PANELPRESS_AUDIT_JOBS, else the number of cores (at most 4), as printing. */
function auditTabs(): number {
  return countSetting(undefined, "PANELPRESS_AUDIT_JOBS") ?? Math.min(4, availableParallelism());
}

/** Tagged, titled, British English, bookmarked, every font embedded. */
async function pdfBasics(file: string): Promise<string[]> {
  const problems: string[] = [];
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  if (!/^Tagged:\s+yes$/m.test(info)) problems.push("not tagged");
  if (!/^Title:\s+\S/m.test(info)) problems.push("no title");
  // One pdf.js load for both: the figures' structure (every page's tree) is not needed here.
  const { language, bookmarks } = await readPdfFacts(file);
  if (language !== "en-GB") problems.push(`language is ${language ?? "not set"}`);
  if (bookmarks === 0) problems.push("no bookmarks");
  const fonts = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
  const unembedded = fonts.map((line) => line.trim().split(/\s+/)).filter((parts) => parts[parts.length - 5] !== "yes").map((parts) => parts[0]);
  if (unembedded.length) problems.push(`fonts not embedded: ${unembedded.join(", ")}`);
  return problems;
}

/** The report as a person reads it: one line a finding, then what was checked. */
export function formatGateReport(report: GateReport): string {
  const lines = report.findings.map((f) => `${f.where}: [${f.check}] ${f.message}`);
  const ran = [...report.ran].map(([check, n]) => `${check} (${n})`).join(", ");
  lines.push(`${report.findings.length} problem(s). Checks run (files): ${ran || "none: the site has no pages or PDFs"}`);
  return `${lines.join("\n")}\n`;
}

/** The site's own address is not another origin: its files need no subresource integrity (require-sri). */
function validatorConfig(address: string | undefined): ConfigData {
  return address ? { ...HTML_VALIDATE_CONFIG, rules: { ...HTML_VALIDATE_CONFIG.rules, "require-sri": ["error", { target: "crossorigin", exclude: [address] }] } } : HTML_VALIDATE_CONFIG;
}

/**
 * A site built for its public address (PANELPRESS_SITE_URL) names some files by that address: the 404 page's
 * stylesheet, for one, since it is served at any depth. The audit reads the site from disk, so a request under
 * that address is answered from the built folder, as the published site would answer it; any other request
 * leaves the machine untouched (aborted), so a page that leans on the network is audited as it would fail.
 */
async function servePublicAddress(page: Page, dir: string, address: string | undefined): Promise<void> {
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    const url = request.url();
    if (url.startsWith("file:") || url.startsWith("data:") || url.startsWith("about:")) return void request.continue();
    const file = address && url.startsWith(address) ? siteFile(dir, decodeURIComponent(new URL(url).pathname.slice(new URL(address).pathname.length))) : undefined;
    if (!file) return void request.abort("blockedbyclient");
    void request.respond({ status: 200, contentType: SITE_MEDIA_TYPES[extname(file)] ?? "application/octet-stream", body: readFileSync(file) });
  });
}

/** The address the site was built for, from its manifest; undefined when it was built without one. */
function publicAddress(dir: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as { site?: { url?: unknown } };
    return typeof manifest.site?.url === "string" ? manifest.site.url : undefined;
  } catch {
    return undefined;
  }
}

/** The built file a path under the site's address names (a folder's index.html), never one outside the site. */
function siteFile(dir: string, path: string): string | undefined {
  const target = resolve(dir, path);
  if (relative(dir, target).startsWith("..")) return undefined;
  const file = existsSync(target) && statSync(target).isDirectory() ? join(target, "index.html") : target;
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}
