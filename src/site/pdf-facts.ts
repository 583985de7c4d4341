/**
 * "PDF, 19 pages, 1.2 MB" beside a download link. The pages are rendered after the PDFs are printed
 * (src/pipeline/index.ts), so they print what printing measured; a build without PDFs says "PDF".
 */
export interface PdfFacts {
  pages: number;
  bytes: number;
}

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
