/** Every key a table may use is documented in docs/content-format.md (its table of keys). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { columnSchema, errataSchema, ROW_META_KEYS, tableSchema } from "../../src/tables/schema.ts";
import { ROOT } from "../helpers.ts";

const keysOf = (schema: { in: { shape: Record<string, unknown> } }) => Object.keys(schema.in.shape);

describe("the table keys in docs/content-format.md", () => {
  it("name every key of a table, a column, a row and an erratum", () => {
    const doc = readFileSync(join(ROOT, "docs", "content-format.md"), "utf8");
    const documented = new Set([...doc.matchAll(/`([a-z_]+)(?::[^`]*)?`/g)].map((m) => m[1]!));
    const keys = [...keysOf(tableSchema), ...keysOf(columnSchema), "id", ...ROW_META_KEYS, ...keysOf(errataSchema)];
    expect(keys.filter((key) => !documented.has(key))).toEqual([]);
  });
});
