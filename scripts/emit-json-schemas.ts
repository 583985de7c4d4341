/**
 * Write schemas/*.json from the builder's zod schemas (src/schemas/index.ts), and make sure every YAML file
 * under data/ and content/ starts with the modeline naming its schema. Run after changing a schema or
 * adding a data file:
 *   npx tsx scripts/emit-json-schemas.ts
 * test/schemas/ fails while the committed files are out of date.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { jsonSchemas, schemaText } from "../src/schemas/index.ts";
import { modelineTargets, withModeline } from "../src/schemas/modelines.ts";

const root = resolve(import.meta.dirname, "..");
const dir = join(root, "schemas");
mkdirSync(dir, { recursive: true });
for (const entry of jsonSchemas()) {
  writeFileSync(join(dir, entry.file), schemaText(entry));
  process.stdout.write(`schemas/${entry.file}  (${entry.appliesTo})\n`);
}
for (const target of modelineTargets(root)) {
  const path = join(root, target.file);
  const text = readFileSync(path, "utf8");
  const updated = withModeline(text, target.line);
  if (updated !== text) {
    writeFileSync(path, updated);
    process.stdout.write(`${target.file}: ${target.line}\n`);
  }
}
