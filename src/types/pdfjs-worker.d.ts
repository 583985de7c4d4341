// pdf.js ships no declarations for its worker module; src/lib/pdfjs.ts loads it only for its effect
// (it registers itself as globalThis.pdfjsWorker, which pdf.js then runs in the same thread).
declare module "pdfjs-dist/legacy/build/pdf.worker.mjs" {
  export const WorkerMessageHandler: unknown;
}
