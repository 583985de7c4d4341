/**
 * What an author may change in a chart with `spec:` in a paper's data file. Charts are data, not code:
 * the data come only from the chart's table, and `spec:` may only adjust how they are drawn. The allow-list
 * below names every presentation setting accepted, each with the values it takes; anything else (data, urls,
 * links, images, transforms, expressions, params, composition) is refused, so a data file can never make the
 * build read a file, fetch a URL or run an expression.
 */
import { closest } from "../content/problems.ts";

export interface SpecProblem {
  /** Path inside the chart's `spec:` ([] for the spec as a whole). */
  path: Array<string | number>;
  message: string;
  hint?: string;
}

/** Checks one value: what is wrong with it, or undefined when it is fine. */
type Leaf = (value: unknown) => string | undefined;
interface Branch {
  readonly [key: string]: Rule;
}
type Rule = Leaf | Branch;

// Leaves. Only plain numbers, booleans, short strings and small arrays of numbers: no value is an object
// that vega could read as a signal or an expression.
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const num =
  (min: number, max: number): Leaf =>
  (v) =>
    isNumber(v) && v >= min && v <= max ? undefined : `should be a number from ${min} to ${max}`;
const int =
  (min: number, max: number): Leaf =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? undefined : `should be a whole number from ${min} to ${max}`;
const bool: Leaf = (v) => (typeof v === "boolean" ? undefined : "should be true or false");
const oneOf =
  (...allowed: readonly string[]): Leaf =>
  (v) =>
    typeof v === "string" && allowed.includes(v) ? undefined : `should be one of: ${allowed.join(", ")}`;
const either =
  (a: Leaf, b: Leaf, expected: string): Leaf =>
  (v) =>
    a(v) === undefined || b(v) === undefined ? undefined : `should be ${expected}`;
/** Display text: a title is drawn as text, never parsed, but control characters have no place in it. */
const text: Leaf = (v) => (typeof v === "string" && v.length <= 200 && !/[\u0000-\u001f\u007f]/.test(v) ? undefined : "should be text of up to 200 characters");
const textOrNone: Leaf = (v) => (v === null ? undefined : text(v) && "should be text of up to 200 characters, or empty (null) for none");
/** A d3 number format ("~s", ",.1f", "$,.0f"): a small alphabet, so it cannot break out of the string vega-lite puts it in. */
const format: Leaf = (v) => (typeof v === "string" && /^[-+ ,.%$~#()£€0-9a-zA-Z]{0,24}$/.test(v) ? undefined : 'should be a number format such as ",.0f", ".1%" or "~s"');
const domain: Leaf = (v) => {
  const [low, high] = Array.isArray(v) && v.length === 2 ? (v as unknown[]) : [];
  return isNumber(low) && isNumber(high) && low < high ? undefined : "should be [lowest, highest], two numbers, lowest first";
};
const size: Leaf = (v) =>
  num(20, 2000)(v) === undefined || (isPlainObject(v) && Object.keys(v).length === 1 && int(1, 200)(v.step) === undefined)
    ? undefined
    : "should be a number of pixels from 20 to 2000, or {step: N} (pixels per category, 1 to 200)";
const fontSize = num(10, 24);

const ORIENTS = ["left", "right", "top", "bottom", "top-left", "top-right", "bottom-left", "bottom-right", "none"] as const;

const scale: Branch = { domain, domainMin: num(-1e12, 1e12), domainMax: num(-1e12, 1e12), zero: bool, nice: either(bool, int(1, 50), "true, false or a tick count"), reverse: bool };
const axis: Branch = {
  format,
  title: textOrNone,
  labelAngle: num(-90, 90),
  tickCount: int(0, 50),
  grid: bool,
  ticks: bool,
  labelLimit: num(0, 1000),
  labelOverlap: either(bool, oneOf("parity", "greedy"), "true, false, parity or greedy"),
};
const legend: Branch = { orient: oneOf(...ORIENTS), title: textOrNone, direction: oneOf("horizontal", "vertical"), columns: int(0, 20), labelLimit: num(0, 1000) };
const position: Branch = { title: textOrNone, scale, axis };

/** The allow-list: every key an authored `spec:` may contain, and what each takes. */
export const PRESENTATION: Branch = {
  width: size,
  height: size,
  padding: num(0, 100),
  mark: {
    opacity: num(0, 1),
    fillOpacity: num(0, 1),
    strokeWidth: num(0, 20),
    size: num(0, 10_000),
    point: bool,
    filled: bool,
    interpolate: oneOf("linear", "monotone", "natural", "basis", "cardinal", "catmull-rom", "step", "step-before", "step-after"),
    cornerRadius: num(0, 100),
    cornerRadiusEnd: num(0, 100),
  },
  encoding: { x: position, y: position, color: { title: textOrNone, legend } },
  config: {
    axis: { grid: bool, labelFontSize: fontSize, titleFontSize: fontSize, labelLimit: num(0, 1000) },
    legend: { orient: oneOf(...ORIENTS), labelFontSize: fontSize, titleFontSize: fontSize },
    bar: { cornerRadiusEnd: num(0, 100) },
    line: { strokeWidth: num(0, 20) },
    point: { size: num(0, 10_000) },
  },
};

// Why the usual dangerous keys are refused, wherever they appear: a reason helps more than "not allowed".
const DATA = "a chart's data come only from its table (the chart's `table:`); it cannot name other data";
const COMPOSE = "a data file's chart is one bar or line view; layered, faceted or combined charts are made by a paper kind";
const EXPRESSION = "expressions are code, and a data file holds no code; use `format` or `title` instead";
const REASONS: Readonly<Record<string, string>> = {
  data: DATA,
  datasets: DATA,
  url: "charts load nothing: a `url` would make the build read a file or fetch a web address",
  href: "charts carry no links: an `href` would put an address chosen by the data file into the page",
  image: "charts draw no images: an image would be loaded from a file or web address",
  transform: "a chart does not transform, look up or load data; compute the figures in the table",
  usermeta: "`usermeta` is not presentation and is not passed on",
  $schema: "the vega-lite schema is set by panelpress",
  params: "charts are static pictures: params (and the expressions in them) are refused",
  signals: "charts are static pictures: signals (and the expressions in them) are refused",
  selection: "charts are static pictures: selections are refused",
  expr: EXPRESSION,
  labelExpr: EXPRESSION,
  signal: EXPRESSION,
  test: EXPRESSION,
  calculate: EXPRESSION,
  filter: EXPRESSION,
  formatType: "only the built-in number format is used; a custom format type would run an expression",
  layer: COMPOSE,
  facet: COMPOSE,
  spec: COMPOSE,
  repeat: COMPOSE,
  concat: COMPOSE,
  hconcat: COMPOSE,
  vconcat: COMPOSE,
  resolve: COMPOSE,
  row: COMPOSE,
  column: COMPOSE,
  tooltip: "charts are static pictures: tooltips are refused",
  title: "the chart's caption is its title; set `caption:`",
  description: "the chart's description is generated from its data",
  field: "the fields are the chart's categories, series and values; choose columns with `x:` and `y:`",
  type: "the mark and field types come from the chart's `mark:` (bar or line), `x:` and `y:`",
  sort: "categories are drawn in the table's row order",
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const dotted = (path: ReadonlyArray<string | number>) => ["spec", ...path].join(".");

/** The problem with one key the rules do not allow (a known dangerous key gets its reason). */
function refusal(key: string, value: unknown, path: Array<string | number>, allowed: readonly string[]): SpecProblem {
  const imageMark = key === "mark" || key === "type" ? value === "image" : false;
  const reason = imageMark ? REASONS.image : Object.hasOwn(REASONS, key) ? REASONS[key] : undefined;
  const suggestion = closest(key, allowed);
  return {
    path,
    message: reason ? `${dotted(path)} is refused: ${reason}` : `${dotted(path)} is not a chart setting a data file may change`,
    hint: suggestion ? `did you mean '${suggestion}'?` : allowed.length ? `allowed here: ${allowed.join(", ")}` : undefined,
  };
}

interface Screened {
  /** The allowed part of the spec: safe to merge over the generated one. */
  kept: Record<string, unknown>;
  problems: SpecProblem[];
}

function screenBranch(value: Record<string, unknown>, rules: Branch, path: Array<string | number>): Screened {
  const kept: Record<string, unknown> = {};
  const problems: SpecProblem[] = [];
  const allowed = Object.keys(rules);
  for (const [key, child] of Object.entries(value)) {
    const here = [...path, key];
    const rule = Object.hasOwn(rules, key) ? rules[key] : undefined;
    if (rule === undefined) {
      problems.push(refusal(key, child, here, allowed));
    } else if (typeof rule === "function") {
      const wrong = rule(child);
      if (wrong === undefined) kept[key] = Array.isArray(child) ? [...(child as unknown[])] : child;
      else problems.push({ path: here, message: `${dotted(here)} ${wrong}` });
    } else if (!isPlainObject(child)) {
      const hint = key === "mark" ? "the mark type comes from the chart's `mark:` (bar or line); here set only its look" : `allowed keys: ${Object.keys(rule).join(", ")}`;
      problems.push(child === "image" ? refusal(key, child, here, []) : { path: here, message: `${dotted(here)} should be a mapping of settings`, hint });
    } else {
      const inner = screenBranch(child, rule, here);
      problems.push(...inner.problems);
      if (Object.keys(inner.kept).length > 0) kept[key] = inner.kept;
    }
  }
  return { kept, problems };
}

/** Split an authored `spec:` into the part the allow-list accepts and a problem for everything else. */
export function screenSpec(spec: Record<string, unknown>): Screened {
  return screenBranch(spec, PRESENTATION, []);
}

/** Every problem with an authored `spec:`; empty when it only adjusts presentation. Paths are inside `spec`. */
export function chartSpecProblems(spec: Record<string, unknown>): SpecProblem[] {
  return screenSpec(spec).problems;
}

/**
 * Merge presentation settings over a generated spec, key by key (so `encoding.y.scale.domain` keeps the
 * rest of `encoding`). Values replace; mappings merge. Only screened input comes here, so no key is
 * `__proto__` or the like, but the copy is built fresh anyway.
 */
export function mergePresentation(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = merged[key];
    Object.defineProperty(merged, key, {
      value: isPlainObject(current) && isPlainObject(value) ? mergePresentation(current, value) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return merged;
}
