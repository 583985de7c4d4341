/**
 * "PDF, 19 pages, 1.2 MB" beside a download link. The pages are rendered before the PDFs are printed, so a
 * template marks the place — `<span data-pdf-facts="/meetings/x/paper.pdf">PDF</span>` — and the build
 * fills it once printing has measured the file (like the page ranges of src/print/page-refs.ts).
 */
export interface PdfFacts {
  pages: number;
  bytes: number;
}

const MARK = /(<span data-pdf-facts="([^"]+)">)[^<]*(<\/span>)/g;

/** "245 KB", "1.2 MB": GOV.UK's style for file sizes (binary multiples, one decimal place for MB). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "PDF, 19 pages, 1.2 MB" (or "PDF, 1 page, 80 KB"). */
export function describePdf(facts: PdfFacts): string {
  return `PDF, ${facts.pages} ${facts.pages === 1 ? "page" : "pages"}, ${formatFileSize(facts.bytes)}`;
}

/**
 * Fill every marker whose PDF was measured (keyed by site path without the leading slash); a marker of
 * a PDF not printed (a build without PDFs) keeps its text ("PDF").
 */
export function fillPdfFacts(html: string, facts: ReadonlyMap<string, PdfFacts>): string {
  return html.replace(MARK, (whole, open: string, path: string, close: string) => {
    const found = facts.get(path.replace(/^\//, ""));
    return found ? `${open}${describePdf(found)}${close}` : whole;
  });
}

/** True when a page has a marker to fill (most pages have none: skip rewriting them). */
export function hasPdfFacts(html: string): boolean {
  return html.includes("data-pdf-facts=");
}
