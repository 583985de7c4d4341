/**
 * pdf.js, the one way the build reads a PDF (the print's measuring, the leak check, the PDF checks).
 *
 * Its legacy build, the one for Node, installs core-js polyfills on the process's shared built-ins, and they
 * stay for the rest of the build, in every library. Two kinds slow everything down, and are undone once it
 * has loaded (its worker, which installs them too, is loaded here with it, and pdf.js runs it in this
 * thread as it would have):
 * - built-ins it *replaces* with JavaScript versions, for edge cases of the standard no one here meets:
 *   `Array.prototype.push` above all (a third of the time pdf.js took to read the example's pack was that
 *   polyfill; reading it takes 1.3 s with the native one, 1.75 s without), and `Function.prototype.toString`.
 *   Each is put back as it was.
 * - the base64 and hex methods of `Uint8Array` that Node 20 lacks: puppeteer decodes every PDF Chromium sends
 *   with `Uint8Array.fromBase64` when it exists, so after the first PDF was read, every later print was
 *   decoded in JavaScript (0.75 s of a one-sentence edit of the example). They are removed: pdf.js looks for
 *   each before using it, and falls back to atob, btoa and loops, with the same results.
 * What it *adds* and needs (`Promise.withResolvers`, the new `Set` methods, …) stays.
 */
type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
export type PdfDocument = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;

/** The built-ins whose own properties are put back if pdf.js replaced them. */
const BUILT_INS: object[] = [
  Object, Object.prototype, Function.prototype, Array, Array.prototype, String, String.prototype, Number, Number.prototype,
  JSON, Math, Promise, Promise.prototype, Map.prototype, Set.prototype, RegExp.prototype, ArrayBuffer.prototype,
  Uint8Array, Uint8Array.prototype, Object.getPrototypeOf(Uint8Array) as object, Object.getPrototypeOf(Uint8Array.prototype) as object,
];
/** What pdf.js adds that other libraries take as the platform's own and prefer (see above). */
const ADDED_AND_REMOVED: Array<[object, string[]]> = [
  [Uint8Array, ["fromBase64", "fromHex"]],
  [Uint8Array.prototype, ["setFromBase64", "setFromHex", "toBase64", "toHex"]],
];

let loading: Promise<PdfJs> | undefined;

/** pdf.js, loaded on first use: most runs read no PDF. */
export function pdfjs(): Promise<PdfJs> {
  loading ??= load();
  return loading;
}

async function load(): Promise<PdfJs> {
  const before = BUILT_INS.map((target) => new Map(Reflect.ownKeys(target).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)!])));
  const library = await import("pdfjs-dist/legacy/build/pdf.mjs");
  await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
  BUILT_INS.forEach((target, index) => {
    for (const [key, was] of before[index]!) {
      const now = Object.getOwnPropertyDescriptor(target, key);
      if (!now || !Object.is(now.value, was.value) || now.get !== was.get || now.set !== was.set) Object.defineProperty(target, key, was);
    }
  });
  for (const [target, names] of ADDED_AND_REMOVED) {
    for (const name of names) if (!before[BUILT_INS.indexOf(target)]!.has(name)) Reflect.deleteProperty(target, name);
  }
  return library;
}

/** A PDF opened for reading (nothing in it is run); the caller destroys it. */
export async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  const { getDocument } = await pdfjs();
  // A copy, as a plain Uint8Array: pdf.js takes the array over (and refuses a Buffer), and the caller's bytes stay as they were.
  return getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
}
