/**
 * The audit record: what `panelpress audit` found when it last ran on the project's published site, kept in
 * `.panelpress-audit.json` at the project's root, and what the accessibility statement says of it.
 *
 * The record is an input, like content: `audit` writes it, the project commits it, and every build reads it,
 * so the statement says exactly which checks ran on this site's own output, on how many pages and PDFs,
 * when and with what result, and the same commit still builds byte-identical pages (the statement carries
 * the audit's date, never the build's). No record: the statement says the output has not been audited.
 */
import { z } from "zod";
import { isoDate, strict } from "../content/validate.ts";
import { counted, formatDate } from "../lib/format.ts";
import type { AuditView } from "../model/view.ts";
import { AUTOMATED_CHECKS } from "./checks.ts";
import type { GateReport } from "./gates.ts";

/** The file, at the project's root. */
export const AUDIT_RECORD = ".panelpress-audit.json";

const FORMAT = "panelpress-audit/1";
const checkIds = AUTOMATED_CHECKS.map((c) => c.id) as [string, ...string[]];
const count = z.number().int().min(0);

export const auditRecordSchema = strict({
  format: z.literal(FORMAT),
  /** The day the audit ran (UTC). */
  date: isoDate,
  /** The commit checked out when it ran, if the project is a git repository. */
  commit: z.string().regex(/^[0-9a-f]{40}$/, "a full git commit id (40 hex digits)").optional(),
  pages: count,
  pdfs: count,
  /** Each check that ran, with how many files it looked at. */
  checks: z.array(strict({ id: z.enum(checkIds), files: count })),
  /** How many problems it found: 0 is a pass. */
  problems: count,
});

export type AuditRecord = z.infer<typeof auditRecordSchema>;

/** The record of one audit of a site: its report, the files it looked at, the day and the commit. */
export function auditRecordOf(report: GateReport, facts: { date: string; commit?: string; pages: number; pdfs: number }): AuditRecord {
  return {
    format: FORMAT,
    date: facts.date,
    ...(facts.commit ? { commit: facts.commit } : {}),
    pages: facts.pages,
    pdfs: facts.pdfs,
    checks: [...report.ran].map(([id, files]) => ({ id, files })),
    problems: report.findings.length,
  };
}

/** The record as written: stable, so an unchanged result leaves the file unchanged but for the date. */
export function auditRecordText(record: AuditRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** What the accessibility statement says of the record (src/model/view.ts AuditView); undefined: never audited. */
export function auditView(record: AuditRecord | undefined): AuditView | undefined {
  if (!record) return undefined;
  const ran = new Set(record.checks.map((c) => c.id));
  const known = AUTOMATED_CHECKS.filter((c) => ran.has(c.id));
  const names = known.map((c) => c.name);
  const result = record.problems === 0 ? "no problems found" : `${counted(record.problems, "problem")} found`;
  const checks = names.length > 0 ? `checks ${names.join(", ")} ran` : "no check ran";
  return {
    date: formatDate(record.date),
    commit: record.commit?.slice(0, 7),
    summary: `Last audited on ${formatDate(record.date)}${record.commit ? ` (commit ${record.commit.slice(0, 7)})` : ""}: ${checks} on ${counted(record.pages, "page")} and ${counted(record.pdfs, "PDF")}; ${result}.`,
    problems: record.problems,
    problemsText: counted(record.problems, "problem"),
    ran: known.map((c) => ({ name: c.name, what: c.what })),
    notRun: AUTOMATED_CHECKS.filter((c) => !ran.has(c.id)).map((c) => c.name),
  };
}
