/**
 * Schema validation: zod checks the shape of a parsed file; each issue becomes a Problem at the
 * position of the offending value (or key), worded for an author, not a developer.
 */
import { z } from "zod";
import { closest, type Problems } from "./problems.ts";
import type { Located, YamlPath } from "./yaml.ts";

export function validate<S extends z.ZodType>(
  schema: S,
  located: Located,
  file: string,
  problems: Problems,
  basePath: YamlPath = [],
): z.infer<S> | undefined {
  const result = schema.safeParse(located.value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) report(issue, located, file, problems, basePath);
  return undefined;
}

function describePath(path: YamlPath): string {
  if (path.length === 0) return "the file";
  return path.map((p, i) => (typeof p === "number" ? `[${p + 1}]` : i === 0 ? p : `.${p}`)).join("");
}

function report(issue: z.core.$ZodIssue, located: Located, file: string, problems: Problems, basePath: YamlPath): void {
  const path = [...basePath, ...(issue.path as Array<string | number>)];
  const where = describePath(path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeysAt(issue);
      for (const key of issue.keys) {
        const suggestion = closest(key, known);
        problems.error(
          file,
          located.keyAt([...path, key]),
          "schema/unknown-key",
          `unknown key '${key}' in ${where}`,
          suggestion ? `did you mean '${suggestion}'?` : known.length ? `allowed keys: ${known.join(", ")}` : undefined,
        );
      }
      return;
    }
    case "invalid_value": {
      const allowed = issue.values.map((v) => String(v));
      const got = valueAt(located.value, path);
      const suggestion = typeof got === "string" ? closest(got, allowed) : undefined;
      problems.error(
        file,
        located.at(path),
        "schema/not-allowed",
        `${where} is ${JSON.stringify(got)}, which is not one of the allowed values`,
        `use one of: ${allowed.join(", ")}${suggestion ? ` (did you mean '${suggestion}'?)` : ""}`,
      );
      return;
    }
    case "invalid_type": {
      const got = valueAt(located.value, path);
      if (got === undefined) {
        const parent = path.slice(0, -1);
        problems.error(
          file,
          located.at(parent),
          "schema/missing",
          `${describePath(parent)} is missing '${String(path[path.length - 1])}'`,
          `add '${String(path[path.length - 1])}:' (${issue.expected})`,
        );
      } else {
        problems.error(
          file,
          located.at(path),
          "schema/type",
          `${where} should be ${article(issue.expected)} but is ${describeValue(got)}`,
          issue.message && !issue.message.startsWith("Invalid input") ? issue.message : undefined,
        );
      }
      return;
    }
    default:
      problems.error(file, located.at(path), "schema/invalid", `${where}: ${issue.message}`);
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(root: unknown, path: YamlPath): unknown {
  let current: unknown = root;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** zod's unrecognized_keys issue does not carry the allowed keys; we attach them when building schemas. */
function knownKeysAt(issue: z.core.$ZodIssue): string[] {
  return (issue as { knownKeys?: string[] }).knownKeys ?? [];
}

/**
 * A strict object whose unknown-key errors list the allowed keys (for "did you mean").
 * Use instead of z.strictObject for anything an author writes.
 */
export function strict<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z
    .object(shape)
    .catchall(z.unknown())
    .superRefine(
      (value, ctx) => {
        if (!value || typeof value !== "object" || Array.isArray(value)) return;
        const extra = Object.keys(value).filter((k) => !known.includes(k));
        if (extra.length) ctx.addIssue({ code: "unrecognized_keys", keys: extra, knownKeys: known, message: "unknown keys" } as never);
      },
      // Run even when a field has an error, so one pass reports unknown keys and bad values together.
      { when: () => true } as never,
    )
    .transform((value) => value as z.infer<z.ZodObject<T>>);
}

/** A YAML date: an ISO string that is a real calendar day. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "write dates as YYYY-MM-DD, e.g. 2022-12-08")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: "is not a real calendar date",
  });

export const time24 = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "write times as 24-hour HH:MM, e.g. \"14:00\"");
