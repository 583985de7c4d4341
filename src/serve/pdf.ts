/**
 * PDFs on request: one browser for the life of the preview (launched at the first PDF asked for, closed
 * with the preview), and requests for a PDF already being printed share that print.
 */
import type { PrintJob } from "../print/print.ts";

/** What the preview needs of a printer: print/print.ts's Printer, or a test's stand-in. */
export interface PdfPrinter {
  print(job: PrintJob): Promise<unknown>;
  close(): Promise<void>;
}

/** Starts a browser that prints documents of the site folder given. */
export type LaunchPrinter = (siteDir: string) => Promise<PdfPrinter>;

export class SharedPrinter {
  private printer: Promise<PdfPrinter> | undefined;
  private closed = false;

  constructor(private readonly launch: () => Promise<PdfPrinter>) {}

  async use<T>(task: (printer: PdfPrinter) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error("the preview is stopping");
    this.printer ??= this.launch();
    const printer = this.printer;
    try {
      return await task(await printer);
    } catch (error) {
      // A failed launch or print may have left the browser unusable: the next PDF starts a fresh one.
      if (this.printer === printer) this.printer = undefined;
      await closeQuietly(printer);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const printer = this.printer;
    this.printer = undefined;
    if (printer) await closeQuietly(printer);
  }
}

async function closeQuietly(printer: Promise<PdfPrinter>): Promise<void> {
  try {
    await (await printer).close();
  } catch {
    // Never launched, or already gone: nothing to close.
  }
}

/** Calls with a key already under way get that call's promise: three requests for one PDF print it once. */
export function sharedByKey<T>(): (key: string, task: () => Promise<T>) => Promise<T> {
  const underWay = new Map<string, Promise<T>>();
  return (key, task) => {
    const existing = underWay.get(key);
    if (existing) return existing;
    const started = task().finally(() => underWay.delete(key));
    underWay.set(key, started);
    return started;
  };
}
