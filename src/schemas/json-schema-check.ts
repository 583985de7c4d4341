/**
 * A small JSON Schema checker for the keywords z.toJSONSchema emits for panelpress's schemas (draft
 * 2020-12: type, properties, required, additionalProperties, propertyNames, items, prefixItems,
 * min/maxItems, enum, const, pattern, min/maxLength, (exclusive) minimum/maximum, anyOf, oneOf, allOf,
 * $ref to #/$defs). It lets the tests prove the emitted files themselves accept good content and reject
 * mistakes, without another validator package. An unknown keyword is an error, so a schema using one
 * cannot pass a test silently.
 */
import type { JsonSchema } from "./index.ts";

export interface SchemaViolation {
  path: string;
  message: string;
}

/** Keywords that only annotate (they never reject a value). */
const ANNOTATIONS = new Set(["$schema", "$comment", "$id", "title", "description", "default", "examples", "format", "$defs", "definitions"]);
const CHECKED = new Set([
  "type", "properties", "required", "additionalProperties", "propertyNames", "items", "prefixItems", "minItems", "maxItems",
  "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
  "anyOf", "oneOf", "allOf", "$ref",
]);

export function checkJsonSchema(schema: JsonSchema, value: unknown): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  check(schema, value, "", schema, out);
  return out;
}

function check(schema: JsonSchema | boolean, value: unknown, path: string, root: JsonSchema, out: SchemaViolation[]): void {
  if (schema === true) return;
  if (schema === false) {
    out.push({ path, message: "no value is allowed here" });
    return;
  }
  for (const keyword of Object.keys(schema)) {
    if (!CHECKED.has(keyword) && !ANNOTATIONS.has(keyword)) throw new Error(`json-schema-check: unsupported keyword '${keyword}' at ${path || "/"}`);
  }
  const fail = (message: string) => out.push({ path: path || "/", message });
  const s = schema as Record<string, unknown>;

  if (typeof s.$ref === "string") check(resolveRef(root, s.$ref), value, path, root, out);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => hasType(value, t))) {
      fail(`should be ${types.join(" or ")} but is ${typeName(value)}`);
      return;
    }
  }
  if (Array.isArray(s.enum) && !s.enum.some((v) => v === value)) fail(`${JSON.stringify(value)} is not one of ${s.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if ("const" in s && s.const !== value) fail(`should be ${JSON.stringify(s.const)}`);

  if (typeof value === "string") {
    if (typeof s.pattern === "string" && !new RegExp(s.pattern, "u").test(value)) fail(`"${value}" does not match ${s.pattern}`);
    if (typeof s.minLength === "number" && [...value].length < s.minLength) fail(`is shorter than ${s.minLength}`);
    if (typeof s.maxLength === "number" && [...value].length > s.maxLength) fail(`is longer than ${s.maxLength}`);
  }
  if (typeof value === "number") {
    if (typeof s.minimum === "number" && value < s.minimum) fail(`${value} is below ${s.minimum}`);
    if (typeof s.maximum === "number" && value > s.maximum) fail(`${value} is above ${s.maximum}`);
    if (typeof s.exclusiveMinimum === "number" && value <= s.exclusiveMinimum) fail(`${value} should be above ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === "number" && value >= s.exclusiveMaximum) fail(`${value} should be below ${s.exclusiveMaximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === "number" && value.length < s.minItems) fail(`has ${value.length} items, fewer than ${s.minItems}`);
    if (typeof s.maxItems === "number" && value.length > s.maxItems) fail(`has ${value.length} items, more than ${s.maxItems}`);
    const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as JsonSchema[]) : [];
    value.forEach((item, i) => {
      const itemSchema = i < prefix.length ? prefix[i] : (s.items as JsonSchema | boolean | undefined);
      if (itemSchema !== undefined) check(itemSchema, item, `${path}/${i}`, root, out);
    });
  }
  if (isObject(value)) {
    const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (s.required ?? []) as string[]) if (!(key in value)) fail(`is missing '${key}'`);
    for (const [key, item] of Object.entries(value)) {
      if (s.propertyNames !== undefined) check(s.propertyNames as JsonSchema, key, `${path}/${key}`, root, out);
      if (key in properties) check(properties[key]!, item, `${path}/${key}`, root, out);
      else if (s.additionalProperties === false) fail(`has an unknown key '${key}'`);
      else if (s.additionalProperties !== undefined) check(s.additionalProperties as JsonSchema, item, `${path}/${key}`, root, out);
    }
  }
  const branches = (key: "anyOf" | "oneOf") => ((s[key] ?? []) as JsonSchema[]).map((branch) => {
    const found: SchemaViolation[] = [];
    check(branch, value, path, root, found);
    return found;
  });
  if (Array.isArray(s.anyOf)) {
    const results = branches("anyOf");
    if (!results.some((r) => r.length === 0)) fail(`matches none of the allowed forms (${results.map((r) => r[0]?.message).join("; ")})`);
  }
  if (Array.isArray(s.oneOf)) {
    const passing = branches("oneOf").filter((r) => r.length === 0).length;
    if (passing !== 1) fail(`should match exactly one allowed form, matches ${passing}`);
  }
  if (Array.isArray(s.allOf)) for (const branch of s.allOf as JsonSchema[]) check(branch, value, path, root, out);
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema {
  if (ref === "#") return root;
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  const target = match ? (root[match[1]!] as Record<string, JsonSchema> | undefined)?.[match[2]!] : undefined;
  if (!target) throw new Error(`json-schema-check: cannot resolve $ref ${ref}`);
  return target;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "null": return value === null;
    case "boolean": return typeof value === "boolean";
    case "string": return typeof value === "string";
    case "number": return typeof value === "number" && Number.isFinite(value);
    case "integer": return typeof value === "number" && Number.isInteger(value);
    case "array": return Array.isArray(value);
    case "object": return isObject(value);
    default: throw new Error(`json-schema-check: unknown type '${type}'`);
  }
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "number" && Number.isInteger(value) ? "an integer" : typeof value;
}
