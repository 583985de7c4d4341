/**
 * Problems found in content: every stage adds to one collector instead of throwing, so a run reports
 * everything at once, each with file:line:column, what is wrong and how to fix it.
 */
import { readFileSync, realpathSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import { RULES, type Rule } from "./rules.ts";

export type Severity = "error" | "warning";

export interface Position {
  line: number; // 1-based
  column: number; // 1-based
}

export interface Problem {
  file: string; // absolute path
  line: number;
  column: number;
  rule: string; // stable id, e.g. "schema/type", "total/mismatch"
  severity: Severity;
  message: string;
  hint?: string;
  /**
   * Set on a warning the content has already recorded as a known problem (a misprint listed in a table's
   * `errata:`): what records it. Such a finding is reported but does not fail `check --strict`.
   */
  acknowledged?: string;
}

export class Problems {
  readonly list: Problem[] = [];
  /**
   * Source text of files read by this run, so reports show the line as it was read. A problem of a file
   * not read here (a warning replayed from the meeting cache, a batch's problem) has its line read from
   * disk when it is shown: holding every such file's text would grow with the archive (issue 22).
   */
  private readonly sources = new Map<string, string>();

  remember(file: string, text: string): void {
    this.sources.set(file, text);
  }

  /** The text a file was read with, if it was. */
  textOf(file: string): string | undefined {
    return this.sources.get(file);
  }

  /** Every file remembered, with its text. */
  texts(): Array<[string, string]> {
    return [...this.sources];
  }

  /** Take in another collector's problems and sources; a problem already here (a shared file read by several meetings) is not listed twice. */
  merge(other: Problems): void {
    const known = new Set(this.list.map(problemKey));
    for (const problem of other.list) {
      if (known.has(problemKey(problem))) continue;
      known.add(problemKey(problem));
      this.list.push(problem);
    }
    for (const [file, text] of other.sources) this.sources.set(file, text);
  }

  add(problem: Omit<Problem, "severity" | "acknowledged"> & { severity?: Severity }): void {
    const found: Problem = { severity: "error", ...problem };
    // Whether a finding is acknowledged follows from its rule (rules.ts), never from the place that found it.
    const acknowledged = found.severity === "warning" ? acknowledgementOf(found.rule) : undefined;
    this.list.push(acknowledged ? { ...found, acknowledged } : withoutAcknowledgement(found));
  }

  error(file: string, at: Position | undefined, rule: string, message: string, hint?: string): void {
    this.add({ file, line: at?.line ?? 1, column: at?.column ?? 1, rule, message, hint });
  }

  warn(file: string, at: Position | undefined, rule: string, message: string, hint?: string): void {
    this.add({ file, line: at?.line ?? 1, column: at?.column ?? 1, rule, message, hint, severity: "warning" });
  }

  get errorCount(): number {
    return this.list.filter((p) => p.severity === "error").length;
  }

  get warningCount(): number {
    return this.list.filter((p) => p.severity === "warning").length;
  }

  /** Warnings that are new problems: not acknowledged by the content (see Problem.acknowledged). `--strict` fails on these. */
  get unacknowledgedWarningCount(): number {
    return this.list.filter((p) => p.severity === "warning" && !p.acknowledged).length;
  }

  /** Sorted by file, then position, so output is stable and grouped. */
  sorted(): Problem[] {
    return [...this.list].sort(
      (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
    );
  }

  /** Compiler-style text: grouped by file, with the offending line and a caret under the column. */
  format(root: string): string {
    const out: string[] = [];
    let lastFile = "";
    const read = new Map<string, string | undefined>();
    const textOf = (file: string): string | undefined => {
      if (this.sources.has(file)) return this.sources.get(file);
      if (!read.has(file)) read.set(file, readInside(root, file));
      return read.get(file);
    };
    for (const p of this.sorted()) {
      const file = relative(root, p.file) || p.file;
      if (file !== lastFile) {
        out.push("", file);
        lastFile = file;
      }
      out.push(`  ${file}:${p.line}:${p.column}: ${p.severity} [${p.rule}] ${p.message}`);
      const sourceLine = textOf(p.file)?.split(/\r?\n/)[p.line - 1];
      if (sourceLine !== undefined && sourceLine.length < 400) {
        out.push(`    ${p.line} | ${sourceLine}`);
        out.push(`    ${" ".repeat(String(p.line).length)} | ${" ".repeat(Math.max(0, p.column - 1))}^`);
      }
      if (p.hint) out.push(`    hint: ${p.hint}`);
      if (p.acknowledged) out.push(`    acknowledged: ${p.acknowledged}, a known problem of the published record (--strict passes it)`);
    }
    const e = this.errorCount;
    const w = this.warningCount;
    const known = w - this.unacknowledgedWarningCount;
    out.push("", `${e} error${e === 1 ? "" : "s"}, ${w} warning${w === 1 ? "" : "s"}${known > 0 ? ` (${known} acknowledged)` : ""}`);
    return out.join("\n").replace(/^\n/, "");
  }

  toJSON(root: string): object[] {
    return this.sorted().map((p) => ({ ...p, file: relative(root, p.file) }));
  }
}

/**
 * A file's text, read to show a line: only a file that is, links resolved, inside the project (a file that
 * links out of it is refused when loaded, and its target is never quoted). Undefined if it is not, or
 * cannot be read (gone, a folder): the problem is then shown without its line.
 */
function readInside(root: string, file: string): string | undefined {
  try {
    const inside = relative(realpathSync(root), realpathSync(file));
    return inside.startsWith("..") || isAbsolute(inside) ? undefined : readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** The closest candidate by edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The acknowledgement a core rule declares. (Kinds' own rules declare none: a kind's warning is always a new problem.) */
function acknowledgementOf(rule: string): string | undefined {
  return (RULES as Record<string, Rule>)[rule]?.acknowledged;
}

/** A problem as found, without an acknowledgement copied from elsewhere (a cached record, say). */
function withoutAcknowledgement(problem: Problem): Problem {
  const { acknowledged: _dropped, ...rest } = problem;
  return rest;
}

function problemKey(p: Problem): string {
  return JSON.stringify([p.file, p.line, p.column, p.rule, p.message]);
}
