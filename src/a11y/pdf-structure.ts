/**
 * Reading a PDF with pdf.js: its language and bookmarks (what the audit's basic PDF check needs: one
 * load, no page read), and a tagged PDF's structure tree, the figures and the alternative text they carry.
 */
import { readFileSync } from "node:fs";

interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
}

export interface PdfStructure {
  /** The document's language (the catalogue's /Lang), if any. */
  language: string | null;
  /** The /Alt of every Figure element in the structure tree, page by page ("" where there is none). */
  figureAlts: string[];
}

export interface PdfFacts {
  /** The document's language (the catalogue's /Lang), if any. */
  language: string | null;
  /** How many top-level bookmarks (outline entries) it has. */
  bookmarks: number;
}

export async function readPdfFacts(pdf: string): Promise<PdfFacts> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs"); // loaded only when a PDF is read
  const doc = await getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0 }).promise;
  try {
    const { info } = (await doc.getMetadata()) as { info: { Language?: string } };
    return { language: info.Language ?? null, bookmarks: ((await doc.getOutline()) ?? []).length };
  } finally {
    await doc.destroy();
  }
}

/** The language and every figure's /Alt: reads each page's structure tree, so only where the figures are wanted. */
export async function readPdfStructure(pdf: string): Promise<PdfStructure> {
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs"); // loaded only when a PDF is read
  const doc = await getDocument({ data: new Uint8Array(readFileSync(pdf)), verbosity: 0 }).promise;
  try {
    const { info } = (await doc.getMetadata()) as { info: { Language?: string } };
    const figureAlts: string[] = [];
    const walk = (node: StructNode) => {
      if (node.role === "Figure") figureAlts.push(node.alt ?? "");
      node.children?.forEach(walk);
    };
    for (let n = 1; n <= doc.numPages; n++) {
      const tree = (await (await doc.getPage(n)).getStructTree()) as StructNode | null;
      if (tree) walk(tree);
    }
    return { language: info.Language ?? null, figureAlts };
  } finally {
    await doc.destroy();
  }
}
