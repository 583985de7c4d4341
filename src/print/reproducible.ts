/**
 * Chromium stamps each PDF with the time it was printed, and names tagged-structure elements after a
 * browser-wide DOM node counter ("node00008022") that depends on what the browser did before. For byte-identical builds we replace both
 * dates with the build time taken from the source commit. The replacement has exactly the same
 * length, so the PDF's cross-reference offsets stay valid.
 */
export function pdfDate(iso: string): string {
  // D:YYYYMMDDHHmmSS+00'00' — the form Chromium writes.
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `D:${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}+00'00'`;
}

export function fixPdfDates(pdf: Uint8Array, builtAtIso: string): Uint8Array {
  const text = Buffer.from(pdf).toString("latin1");
  const stamp = pdfDate(builtAtIso);
  const fixed = text.replace(/\/(CreationDate|ModDate) \(D:\d{14}[^)]*\)/g, (match, key: string) => {
    const replacement = `/${key} (${stamp})`;
    if (replacement.length !== match.length) throw new Error(`unexpected PDF date format: ${match}`);
    return replacement;
  });
  // Renumber structure ids by rank: same width (so offsets hold) and same order (so the ID name tree stays sorted).
  const ids = [...new Set(fixed.match(/\(node\d{8}\)/g) ?? [])].sort();
  const rank = new Map(ids.map((id, i) => [id, `(node${String(i + 1).padStart(8, "0")})`]));
  const renumbered = fixed.replace(/\(node\d{8}\)/g, (id) => rank.get(id)!);
  return Buffer.from(renumbered, "latin1");
}
