/**
 * The accessibility and quality gates over a built site, whatever content it holds: the same checks the
 * test suite makes on its fixtures (src/a11y/checks.ts lists them), for `panelpress audit` to run on a
 * project's own output. Each check that ran is named in the result, so a report never claims one that
 * did not (a site with no PDFs, say, ran no PDF check).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { HtmlValidate } from "html-validate";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { auditPage, launchBrowser, openPage } from "./audit.ts";
import { HTML_VALIDATE_CONFIG } from "./checks.ts";
import { checkLinks } from "./links.ts";
import { readPdfStructure } from "./pdf-structure.ts";
import { checkPdfUa } from "./pdfua.ts";
import { filesUnder } from "../lib/files.ts";

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
  const findings: GateFinding[] = [];
  const ran = new Map<string, number>();
  const count = (check: string, n: number) => ran.set(check, (ran.get(check) ?? 0) + n);

  if (pages.length > 0) {
    log(`Checking ${pages.length} pages in Chromium (axe, structure, tables, charts, focus, reflow)`);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      for (const path of pages) {
        await openPage(page, pathToFileURL(join(dir, path)).href);
        for (const finding of await auditPage(page)) findings.push({ check: finding.check, where: path, message: finding.message });
      }
    } finally {
      await browser.close();
    }
    for (const check of ["axe", "structure", "tables", "charts", "focus", "reflow"]) count(check, pages.length);

    log("Validating HTML and links");
    const validator = new HtmlValidate(HTML_VALIDATE_CONFIG);
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

/** Tagged, titled, British English, bookmarked, every font embedded. */
async function pdfBasics(file: string): Promise<string[]> {
  const problems: string[] = [];
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  if (!/^Tagged:\s+yes$/m.test(info)) problems.push("not tagged");
  if (!/^Title:\s+\S/m.test(info)) problems.push("no title");
  const { language } = await readPdfStructure(file);
  if (language !== "en-GB") problems.push(`language is ${language ?? "not set"}`);
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 }).promise;
  try {
    if (((await doc.getOutline()) ?? []).length === 0) problems.push("no bookmarks");
  } finally {
    await doc.destroy();
  }
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
