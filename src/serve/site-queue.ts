/**
 * Builds replace the preview's folder and PDF prints read it, so the two never overlap: one task at a
 * time. A waiting build goes before waiting prints, so a save is not held up behind a queue of PDFs.
 * Pages are not queued at all: they wait only while a build is running (see buildDone).
 */

export type TaskKind = "build" | "print";

export class SiteQueue {
  private readonly waiting: Record<TaskKind, Array<() => void>> = { build: [], print: [] };
  private running: { kind: TaskKind; done: Promise<void> } | undefined;
  private idleWaiters: Array<() => void> = [];

  run<T>(kind: TaskKind, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting[kind].push(() => {
        // The task starts in a microtask, so `running` is set before any of it runs.
        const done = Promise.resolve().then(task).then(resolve, reject);
        this.running = { kind, done };
        void done.then(() => {
          this.running = undefined;
          this.next();
        });
      });
      this.next();
    });
  }

  /** Resolves when no build is running (one that starts straight after another is waited for too). */
  async buildDone(): Promise<void> {
    while (this.running?.kind === "build") await this.running.done;
  }

  /** Resolves when nothing is running or waiting. */
  idle(): Promise<void> {
    if (!this.running && this.waiting.build.length === 0 && this.waiting.print.length === 0) return Promise.resolve();
    return new Promise((wake) => this.idleWaiters.push(wake));
  }

  private next(): void {
    if (this.running) return;
    const start = this.waiting.build.shift() ?? this.waiting.print.shift();
    if (start) start();
    else for (const wake of this.idleWaiters.splice(0)) wake();
  }
}
