/**
 * Reading a PDF with pdf.js: its language and bookmarks (what the audit's basic PDF check needs: one
 * load, no page read), and a tagged PDF's structure tree, the figures and the alternative text they carry.
 */
import { readFileSync } from "node:fs";
import { openPdf, type PdfDocument } from "../lib/pdfjs.ts";

interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
}

export interface PdfStructure {
  /** The /Alt of every Figure element in the structure tree, page by page ("" where there is none). */
  figureAlts: string[];
}

export interface PdfFacts {
  /** The document's language (the catalogue's /Lang), if any. */
  language: string | null;
  /** How many top-level bookmarks (outline entries) it has. */
  bookmarks: number;
}

/** The language and bookmarks: one load, no page read. */
export function readPdfFacts(pdf: string): Promise<PdfFacts> {
  return withPdf(pdf, async (doc) => {
    const { info } = (await doc.getMetadata()) as { info: { Language?: string } };
    return { language: info.Language ?? null, bookmarks: ((await doc.getOutline()) ?? []).length };
  });
}

/** Every figure's /Alt: reads each page's structure tree, so only where the figures are wanted. */
export function readPdfStructure(pdf: string): Promise<PdfStructure> {
  return withPdf(pdf, async (doc) => {
    const figureAlts: string[] = [];
    const walk = (node: StructNode) => {
      if (node.role === "Figure") figureAlts.push(node.alt ?? "");
      node.children?.forEach(walk);
    };
    for (let n = 1; n <= doc.numPages; n++) {
      const tree = (await (await doc.getPage(n)).getStructTree()) as StructNode | null;
      if (tree) walk(tree);
    }
    return { figureAlts };
  });
}

/** Open a PDF in pdf.js (loaded only when a PDF is read), read it, and let it go. */
async function withPdf<T>(pdf: string, read: (doc: PdfDocument) => Promise<T>): Promise<T> {
  const doc = await openPdf(readFileSync(pdf));
  try {
    return await read(doc);
  } finally {
    await doc.destroy();
  }
}
