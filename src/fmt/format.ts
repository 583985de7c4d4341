/**
 * One canonical style for the project's YAML, so that a diff shows only what changed:
 *
 * - 2-space indentation, list items indented under their key;
 * - keys in the order of their schema where the schema is known (meeting, agenda items, committees,
 *   venues, contacts; tables, their columns and rows; charts; values) — unknown keys keep their order after
 *   the known ones, and the order of named things (tables, agenda items, rows) never changes;
 * - one quoting style: double quotes, and only where they carry meaning (a string that looks like a
 *   number, a time, a date or a year keeps them; elsewhere a quoted string that reads the same plain loses them);
 * - flow mappings and block scalars stay as written (rows on one line are a choice); folded text is
 *   wrapped at 110 columns.
 *
 * Comments survive: the file is edited as a `yaml` Document (nodes carry their comments), never
 * re-serialised from plain data. The value is never changed: the result is parsed again and compared.
 */
import { isDeepStrictEqual } from "node:util";
import yaml from "js-yaml";
import { isMap, isPair, isScalar, isSeq, parseDocument, Scalar, type Document, type Node, type Pair, type YAMLMap } from "yaml";
import { agendaItemSchema, meetingSchema } from "../model/meeting.ts";
import { committeeSchema, contactSchema, venueSchema } from "../model/committee.ts";
import { columnSchema, errataSchema, ROW_META_KEYS, tableSchema } from "../tables/schema.ts";
import { chartSchema } from "../charts/chart.ts";
import { valueSchema } from "../kinds/generic/index.ts";

/** A path pattern: map keys, "*" for any key, "[]" for any list item. */
type Pattern = readonly string[];

interface KeyOrder {
  pattern: Pattern;
  keys: readonly string[] | ((map: YAMLMap, doc: Document) => readonly string[]);
}

/** The keys of a `strict()` schema (an object piped into a transform), in the order the schema lists them. */
const keysOf = (schema: { in: { shape: Record<string, unknown> } }): string[] => Object.keys(schema.in.shape);

/** Which file gets which key orders. */
export type FileKind = "meeting" | "committee" | "paper-data" | "other";


/** A row reads: its id, the row header(s), how it is computed, then its values in column order. */
function rowOrder(row: YAMLMap, doc: Document, path: Array<string | number>): readonly string[] {
  const columns = doc.getIn([...path.slice(0, -2), "columns"]);
  const list = isSeq(columns) ? columns.items : [];
  const columnKeys = list.filter(isMap).map((c) => ({ key: String(c.get("key")), header: c.get("row_header") === true }));
  return ["id", ...columnKeys.filter((c) => c.header).map((c) => c.key), ...ROW_META_KEYS, ...columnKeys.filter((c) => !c.header).map((c) => c.key)];
}

const ORDERS: Record<FileKind, KeyOrder[]> = {
  meeting: [
    { pattern: [], keys: keysOf(meetingSchema) },
    { pattern: ["agenda", "[]"], keys: keysOf(agendaItemSchema) },
    { pattern: ["contact"], keys: keysOf(contactSchema) },
    { pattern: ["next_meeting"], keys: ["date", "start"] },
  ],
  committee: [
    { pattern: [], keys: keysOf(committeeSchema) },
    { pattern: ["venues", "*"], keys: keysOf(venueSchema) },
    { pattern: ["contact"], keys: keysOf(contactSchema) },
    { pattern: ["notices", "[]"], keys: ["heading", "body"] },
    { pattern: ["exempt_notice"], keys: ["heading", "subtitle", "statement", "resolution"] },
  ],
  "paper-data": [
    { pattern: ["tables", "*"], keys: keysOf(tableSchema) },
    { pattern: ["tables", "*", "columns", "[]"], keys: keysOf(columnSchema) },
    { pattern: ["tables", "*", "rows", "[]"], keys: () => [] }, // replaced by rowOrder (needs the path)
    { pattern: ["tables", "*", "errata", "[]"], keys: keysOf(errataSchema) },
    { pattern: ["charts", "*"], keys: keysOf(chartSchema) },
    { pattern: ["values", "*"], keys: keysOf(valueSchema) },
  ],
  other: [],
};

/** The kind of a project file, from where it lives. */
export function fileKind(relativePath: string): FileKind {
  const path = relativePath.split("\\").join("/");
  if (/(^|\/)content\/meetings\/[^/]+\/meeting\.yaml$/.test(path)) return "meeting";
  if (/(^|\/)data\/committees\/[^/]+\.yaml$/.test(path)) return "committee";
  if (/(^|\/)data\/meetings\/[^/]+\/[^/]+\.yaml$/.test(path)) return "paper-data";
  return "other";
}

function matches(pattern: Pattern, path: ReadonlyArray<string | number>): boolean {
  return pattern.length === path.length && pattern.every((p, i) => (p === "[]" ? typeof path[i] === "number" : p === "*" ? typeof path[i] === "string" : p === path[i]));
}

/** Reorder a mapping's pairs: known keys in schema order first, the rest after them as they were. */
function reorder(map: YAMLMap, order: readonly string[]): void {
  const rank = (pair: Pair) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const index = order.indexOf(key);
    return index < 0 ? order.length : index;
  };
  const sorted = map.items.map((pair, index) => ({ pair, index, rank: rank(pair) })).sort((a, b) => a.rank - b.rank || a.index - b.index);
  if (sorted.every((s, i) => s.index === i)) return;
  // A comment above the first key belongs to the mapping, not to the key that happens to come first.
  const first = map.items[0];
  const leading = first && isScalar(first.key) ? first.key.commentBefore : undefined;
  if (first && isScalar(first.key)) first.key.commentBefore = undefined;
  map.items = sorted.map((s) => s.pair);
  const head = map.items[0];
  if (leading && head && isScalar(head.key)) head.key.commentBefore = [leading, head.key.commentBefore].filter(Boolean).join("\n");
}

/** Strings whose quotes tell a reader "this is text": numbers, times, dates, years, periods. */
const LOOKS_TYPED = /^[-+]?[\d\s:./,_-]*\d[\d\s:./,_-]*$|^(true|false|yes|no|on|off|null|~)$/i;

/** Whether `text` may be written plain here: it must read back as the same string in both parsers. */
function readsSamePlain(text: string, inFlow: boolean): boolean {
  if (text === "" || text !== text.trim() || /[\n\t]/.test(text) || LOOKS_TYPED.test(text)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text) || /: |:$| #/.test(text)) return false;
  if (inFlow && /[,[\]{}]/.test(text)) return false;
  try {
    const value = yaml.load(`v: ${text}`, { schema: yaml.CORE_SCHEMA }) as { v?: unknown } | undefined;
    return value?.v === text;
  } catch {
    return false;
  }
}

function normaliseScalar(node: Scalar, inFlow: boolean): void {
  if (typeof node.value !== "string") return;
  if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) return;
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
    node.type = readsSamePlain(node.value, inFlow) ? Scalar.PLAIN : Scalar.QUOTE_DOUBLE;
  }
}

/**
 * `agenda:   # in order` — the yaml library reads a comment after a key whose value is a block collection
 * as the collection's leading comment, and would print it on a line of its own. Keep it on the key's line.
 */
function keepKeyLineComment(pair: Pair, source: string): void {
  const value = pair.value;
  if (!isScalar(pair.key) || !(isMap(value) || isSeq(value)) || value.flow || !value.commentBefore || !pair.key.range) return;
  const start = source.lastIndexOf("\n", pair.key.range[0]) + 1;
  const end = source.indexOf("\n", pair.key.range[0]);
  const keyLine = source.slice(start, end < 0 ? undefined : end);
  const onKeyLine = /:\s+#(.*)$/.exec(keyLine)?.[1];
  const [first, ...rest] = value.commentBefore.split("\n");
  if (onKeyLine === undefined || first === undefined || first.trim() !== onKeyLine.trim()) return;
  pair.key.comment = first;
  value.commentBefore = rest.length ? rest.join("\n") : undefined;
}

function walk(node: Node | null | undefined, path: Array<string | number>, kind: FileKind, doc: Document, inFlow: boolean, source: string): void {
  if (!node) return;
  if (isMap(node)) {
    const flow = inFlow || Boolean(node.flow);
    const rule = ORDERS[kind].find((o) => matches(o.pattern, path));
    if (rule) {
      const isRow = kind === "paper-data" && matches(["tables", "*", "rows", "[]"], path);
      reorder(node, isRow ? rowOrder(node, doc, path) : typeof rule.keys === "function" ? rule.keys(node, doc) : rule.keys);
    }
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      keepKeyLineComment(pair, source);
      if (isScalar(pair.key)) normaliseScalar(pair.key, flow);
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (isScalar(pair.value)) normaliseScalar(pair.value, flow);
      else walk(pair.value as Node, [...path, key], kind, doc, flow, source);
    }
    return;
  }
  if (isSeq(node)) {
    const flow = inFlow || Boolean(node.flow);
    node.items.forEach((item, index) => {
      if (isScalar(item)) normaliseScalar(item, flow);
      else walk(item as Node, [...path, index], kind, doc, flow, source);
    });
  }
}

export class FormatError extends Error {}

/** The canonical text of a YAML file. Throws FormatError when the file does not parse. */
export function formatYaml(text: string, kind: FileKind): string {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length) throw new FormatError(doc.errors[0]!.message);
  walk(doc.contents as Node, [], kind, doc, false, text);
  const out = wrapFolded(doc.toString({ indent: 2, indentSeq: true, lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" }));
  // The promise of fmt: the data is exactly what it was.
  const before = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  const after = yaml.load(out, { schema: yaml.CORE_SCHEMA });
  if (!isDeepStrictEqual(before, after)) throw new FormatError("formatting would change the data (a bug in fmt): the file was left as it is");
  return out;
}

const WRAP = 110;

/**
 * Folded block scalars (`>`, `>-`) are emitted one paragraph per line; wrap them at WRAP columns. A
 * single newline folds back into the single space it replaced, so the value is unchanged — provided a
 * line is only broken at a single space, and never starts with a space (that would make it literal).
 */
export function wrapFolded(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  let foldIndent = -1; // indentation of the scalar's content while inside a folded scalar, else -1
  let headerIndent = -1;
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    if (foldIndent >= 0 || headerIndent >= 0) {
      if (line.trim() === "") {
        out.push(line);
        continue;
      }
      if (headerIndent >= 0 && indent > headerIndent) {
        foldIndent = indent;
        headerIndent = -1;
      }
      if (foldIndent >= 0 && indent === foldIndent) {
        out.push(...wrapLine(line, indent));
        continue;
      }
      foldIndent = -1;
      headerIndent = -1;
    }
    out.push(line);
    if (/(^|[:-]\s)>[-+]?\d?\s*(#.*)?$/.test(line.trimEnd())) headerIndent = indent;
  }
  return out.join("\n");
}

function wrapLine(line: string, indent: number): string[] {
  const pad = " ".repeat(indent);
  const out: string[] = [];
  let rest = line.slice(indent);
  while (indent + rest.length > WRAP) {
    // The last single space (not beside another space) before the limit.
    let cut = -1;
    for (let i = Math.min(rest.length - 1, WRAP - indent); i > 0; i--) {
      if (rest[i] === " " && rest[i - 1] !== " " && rest[i + 1] !== " " && rest[i + 1] !== undefined) {
        cut = i;
        break;
      }
    }
    if (cut < 0) break;
    out.push(pad + rest.slice(0, cut));
    rest = rest.slice(cut + 1);
  }
  out.push(pad + rest);
  return out;
}
