/**
 * pdf.js, the one way the build reads a PDF (the print's measuring, the leak check, the PDF checks).
 *
 * Its legacy build, the one for Node, installs core-js polyfills on the shared `Uint8Array`: the base64 and
 * hex methods Node 20 lacks. Puppeteer decodes every PDF Chromium sends with `Uint8Array.fromBase64` when it
 * exists, so once the build had read one PDF, every later print was decoded in JavaScript: 0.75 s of the
 * main thread in a one-sentence edit of the example, more in a clean build. So the methods pdf.js added are
 * removed once it is loaded (its worker, which adds them too, is loaded here with it, and pdf.js runs it in
 * this thread as it would have). pdf.js looks for each of them before it uses it, and falls back to atob,
 * btoa and loops, with the same results. Where the platform has them, nothing is removed.
 */
type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
export type PdfDocument = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;

const STATIC = ["fromBase64", "fromHex"] as const;
const METHODS = ["setFromBase64", "setFromHex", "toBase64", "toHex"] as const;

let loading: Promise<PdfJs> | undefined;

/** pdf.js, loaded on first use: most runs read no PDF. */
export function pdfjs(): Promise<PdfJs> {
  loading ??= load();
  return loading;
}

async function load(): Promise<PdfJs> {
  const ownStatic = STATIC.filter((name) => Object.hasOwn(Uint8Array, name));
  const ownMethods = METHODS.filter((name) => Object.hasOwn(Uint8Array.prototype, name));
  const library = await import("pdfjs-dist/legacy/build/pdf.mjs");
  await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
  for (const name of STATIC) if (!ownStatic.includes(name)) Reflect.deleteProperty(Uint8Array, name);
  for (const name of METHODS) if (!ownMethods.includes(name)) Reflect.deleteProperty(Uint8Array.prototype, name);
  return library;
}

/** A PDF opened for reading (nothing in it is run); the caller destroys it. */
export async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  const { getDocument } = await pdfjs();
  // A copy, as a plain Uint8Array: pdf.js takes the array over (and refuses a Buffer), and the caller's bytes stay as they were.
  return getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
}
