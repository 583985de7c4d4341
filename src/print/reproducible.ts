/**
 * Chromium stamps each PDF with the time it was printed. For byte-identical builds we replace both
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
  return Buffer.from(fixed, "latin1");
}
