/** Reading the audit record (.panelpress-audit.json, src/a11y/record.ts) as an input: its problems at their places. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Problems } from "../content/problems.ts";
import { validate } from "../content/validate.ts";
import { AUDIT_RECORD, auditRecordSchema, type AuditRecord } from "../a11y/record.ts";
import { readYaml } from "./load.ts";

/** The project's audit record, if it has one; one that is not as `panelpress audit` writes it is an error there. */
export function loadAuditRecord(root: string, problems: Problems): AuditRecord | undefined {
  const file = join(root, AUDIT_RECORD);
  if (!existsSync(file)) return undefined;
  const located = readYaml(file, problems, root); // JSON is YAML: a syntax error gets its line and column
  return located ? validate(auditRecordSchema, located, file, problems) : undefined;
}
