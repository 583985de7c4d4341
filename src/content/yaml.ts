/**
 * YAML with positions. js-yaml reports parse errors with a line and column, but once parsed a value
 * forgets where it came from. Its `listener` option calls us when each node opens and closes; the
 * events nest like the document, so we rebuild the node tree and record, for every path
 * (["tables", "mtfs", "rows", 3, "y2324"]), where its key and its value start.
 */
import yaml from "js-yaml";
import type { Position } from "./problems.ts";

export type YamlPath = ReadonlyArray<string | number>;

export interface Located<T = unknown> {
  value: T;
  /** Where the value at `path` starts (falls back to the nearest located ancestor). */
  at(path: YamlPath): Position;
  /** Where the key of the mapping entry at `path` starts (for unknown-key errors). */
  keyAt(path: YamlPath): Position;
}

export class YamlSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: Position,
  ) {
    super(message);
  }
}

interface RawNode {
  start: number;
  kind: string | null;
  result: unknown;
  children: RawNode[];
}

const MAX_INPUT = 5_000_000;

/**
 * Parse YAML text. `lineOffset` shifts positions for YAML embedded in another file (front matter).
 * The core schema keeps dates as strings ("2022-12-08"), so validation, not the parser, decides what a date is.
 */
export function parseYaml(text: string, lineOffset = 0): Located {
  if (text.length > MAX_INPUT) {
    throw new YamlSyntaxError(`file is larger than ${MAX_INPUT / 1_000_000} MB`, { line: 1 + lineOffset, column: 1 });
  }
  const root: RawNode = { start: 0, kind: null, result: undefined, children: [] };
  const stack: RawNode[] = [root];
  let value: unknown;
  try {
    value = yaml.load(text, {
      schema: yaml.CORE_SCHEMA,
      json: false,
      listener(type, state) {
        if (type === "open") {
          const node: RawNode = { start: state.position, kind: null, result: undefined, children: [] };
          stack[stack.length - 1]!.children.push(node);
          stack.push(node);
        } else {
          const node = stack.pop();
          if (node) {
            node.kind = state.kind;
            node.result = state.result;
          }
        }
      },
    });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const mark = error.mark as { line?: number; column?: number } | undefined;
      throw new YamlSyntaxError(error.reason || "invalid YAML", {
        line: (mark?.line ?? 0) + 1 + lineOffset,
        column: (mark?.column ?? 0) + 1,
      });
    }
    if (error instanceof RangeError) {
      // Deep nesting exhausts the stack: content, not a bug in the tool.
      throw new YamlSyntaxError("the YAML is nested too deeply", { line: 1 + lineOffset, column: 1 });
    }
    throw error;
  }
  checkSize(value);

  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const toPosition = (offset: number): Position => {
    let at = offset;
    while (at < text.length && /[ \t]/.test(text[at]!)) at++; // skip the space before the node
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1 + lineOffset, column: at - lineStarts[lo]! + 1 };
  };

  const values = new Map<string, Position>();
  const keys = new Map<string, Position>();
  const walk = (outer: RawNode, path: Array<string | number>): void => {
    values.set(pathKey(path), toPosition(outer.start));
    // A block sequence item wraps its flow collection in a second node with the same result: look through it.
    let node = outer;
    while (node.children.length === 1 && node.children[0]!.result === node.result && node.kind !== "scalar") node = node.children[0]!;
    if (node.kind === "mapping") {
      for (let i = 0; i + 1 < node.children.length; i += 2) {
        const keyNode = node.children[i]!;
        const key = String(keyNode.result);
        const childPath = [...path, key];
        keys.set(pathKey(childPath), toPosition(keyNode.start));
        walk(node.children[i + 1]!, childPath);
      }
    } else if (node.kind === "sequence") {
      node.children.forEach((child, index) => walk(child, [...path, index]));
    }
  };
  const top = root.children[0];
  if (top) walk(top, []);

  const lookup = (map: Map<string, Position>, path: YamlPath): Position => {
    for (let n = path.length; n >= 0; n--) {
      const found = map.get(pathKey(path.slice(0, n))) ?? values.get(pathKey(path.slice(0, n)));
      if (found) return found;
    }
    return { line: 1 + lineOffset, column: 1 };
  };
  return { value, at: (path) => lookup(values, path), keyAt: (path) => lookup(keys, path) };
}

/**
 * The same document keeping only the top-level keys `keep` accepts, positions unchanged: a data file is
 * shared between the generic machinery and a report kind, and each validates its own part.
 */
export function withTopLevelKeys(located: Located, keep: (key: string) => boolean): Located {
  const raw = located.value;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return located;
  return { ...located, value: Object.fromEntries(Object.entries(raw).filter(([key]) => keep(key))) };
}

function pathKey(path: YamlPath): string {
  return JSON.stringify(path);
}

/** Guards against alias bombs: a small file whose aliases expand to millions of nodes. */
function checkSize(value: unknown): void {
  let count = 0;
  const seen = new Set<unknown>();
  const visit = (v: unknown, depth: number): void => {
    if (++count > 1_000_000) throw new YamlSyntaxError("the YAML expands to too many values (alias bomb?)", { line: 1, column: 1 });
    if (depth > 200) throw new YamlSyntaxError("the YAML is nested too deeply", { line: 1, column: 1 });
    if (v && typeof v === "object") {
      if (seen.has(v)) count += 1; // an alias: counted again each time it is reused
      seen.add(v);
      for (const child of Object.values(v)) visit(child, depth + 1);
    }
  };
  visit(value, 0);
}

export interface FrontMatterDocument {
  frontMatter: Located;
  body: string;
  /** 1-based line on which the body starts, for positions inside the Markdown. */
  bodyLine: number;
}

/** Split `---` front matter from a Markdown body. */
export function parseFrontMatter(text: string): FrontMatterDocument {
  const normalised = text.replace(/^\uFEFF/, "");
  if (!/^---\r?\n/.test(normalised)) {
    throw new YamlSyntaxError("the paper has no front matter: it must start with a line '---'", { line: 1, column: 1 });
  }
  const lines = normalised.split(/\r?\n/);
  const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (close < 0) {
    throw new YamlSyntaxError("the front matter never closes: add a line '---' after it", { line: 1, column: 1 });
  }
  const yamlText = lines.slice(1, close).join("\n");
  const frontMatter = parseYaml(yamlText, 1);
  return { frontMatter, body: lines.slice(close + 1).join("\n"), bodyLine: close + 2 };
}
