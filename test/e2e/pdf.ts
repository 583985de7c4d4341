/** Reading PDFs the way a reviewer would: poppler's pdftotext and pdfinfo, qpdf for structure. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** Text of each page (pdftotext separates pages with form feeds). */
export function pageTexts(pdf: string): string[] {
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const pages = text.split("\f");
  if (pages[pages.length - 1]!.trim() === "") pages.pop();
  return pages;
}

export function pdfInfo(pdf: string): Record<string, string> {
  const out = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Object.fromEntries(out.split("\n").filter((l) => l.includes(":")).map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]));
}

export function pdfFonts(pdf: string): Array<{ name: string; embedded: boolean }> {
  const out = execFileSync("pdffonts", [pdf], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
  // Columns: name type encoding emb sub uni object ID; "emb" is the 4th from the right end's group.
  return out.map((line) => {
    const parts = line.trim().split(/\s+/);
    return { name: parts[0]!, embedded: parts[parts.length - 5] === "yes" };
  });
}

/** Top-level outline (bookmark) titles and their children. */
export async function outline(pdf: string): Promise<Array<{ title: string; children: string[] }>> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0 }).promise;
  const items = (await doc.getOutline()) ?? [];
  const flatten = (list: typeof items): Array<{ title: string; children: string[] }> =>
    list.flatMap((item) => [{ title: item.title, children: item.items.map((c) => c.title) }]);
  const result = flatten(items);
  await doc.destroy();
  return result;
}

export function qpdfCheck(pdf: string): string {
  try {
    return execFileSync("qpdf", ["--check", pdf], { encoding: "utf8" });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}
