/**
 * The print cache: a PDF is reprinted only when something it depends on changed. The key of a print
 * is a hash of its print document (the HTML, before page numbers are filled in) and of everything else
 * that can change the PDF: the assets it loads (CSS, fonts), the Chromium version, panelpress's
 * version and locked dependencies, the printing code itself, and the date stamped into the PDF.
 * Printing is deterministic (see reproducible.ts), so a cached PDF is the PDF a fresh print would make.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PageRanges } from "./page-refs.ts";

export interface CachedPrint {
  pages: number;
  ranges: Array<[string, [number, number]]>;
}

export class PrintCache {
  constructor(
    private readonly dir: string,
    /** Hash of everything but the document itself. */
    private readonly salt: string,
    /** False for a clean build: print everything afresh (and refresh the cache). */
    private readonly readable = true,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  key(document: string, sections: string[], date: string): string {
    return createHash("sha256").update(this.salt).update("\0").update(sections.join(",")).update("\0").update(date).update("\0").update(document).digest("hex");
  }

  get(key: string): { pdf: string; pages: number; ranges: PageRanges } | undefined {
    if (!this.readable) return undefined;
    const pdf = join(this.dir, `${key}.pdf`);
    const meta = join(this.dir, `${key}.json`);
    if (!existsSync(pdf) || !existsSync(meta)) return undefined;
    try {
      const cached = JSON.parse(readFileSync(meta, "utf8")) as CachedPrint;
      return { pdf, pages: cached.pages, ranges: new Map(cached.ranges) };
    } catch {
      return undefined; // a damaged entry is simply a miss
    }
  }

  put(key: string, pdfFile: string, pages: number, ranges: PageRanges): void {
    copyFileSync(pdfFile, join(this.dir, `${key}.pdf`));
    const meta: CachedPrint = { pages, ranges: [...ranges] };
    writeFileSync(join(this.dir, `${key}.json`), JSON.stringify(meta));
  }
}
