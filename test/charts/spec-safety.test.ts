/**
 * Charts are data, not code: an authored `spec:` may only adjust presentation, vega loads nothing even if
 * a spec asks, a spec that does not compile is a problem (not a stack trace), and a cached SVG is used only
 * when it matches the digest recorded with it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TopLevelSpec } from "vega-lite";
import { createHash } from "node:crypto";
import {
  CHART_LIBRARY_VERSIONS,
  chartCompileProblems,
  chartProblems,
  chartSchema,
  chartSpec,
  chartSpecProblems,
  isAuthoredSpec,
  nullLoader,
  takeCompiled,
  type ChartInput,
  type ChartPoint,
} from "../../src/charts/chart.ts";
import { cacheDigest, renderChartSvg, setChartCache } from "../../src/render/charts.ts";
import { genericDataSchema } from "../../src/kinds/generic/index.ts";
import { parseYaml } from "../../src/content/yaml.ts";

const POINTS: ChartPoint[] = [
  { category: "2021/22", series: "Balance", value: 12.5 },
  { category: "2022/23", series: "Balance", value: 10.1 },
  { category: "2023/24", series: "Balance", value: 8.4 },
];

/** A chart as a data file declares it (through the schema, so its spec is marked as authored). */
function authored(spec: Record<string, unknown>, mark: "bar" | "line" = "bar"): ChartInput {
  return chartSchema.parse({ caption: "General reserve", table: "reserves", mark, x: "year", y: ["balance"], spec });
}

describe("authored spec: refused", () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["data.url (a file)", { data: { url: "/etc/passwd" } }, "data", /data come only from its table/],
    ["data.url (a web address)", { data: { url: "https://example.com/x.csv" } }, "data", /data come only from its table/],
    ["data.values", { data: { values: [{ category: "a", value: 1 }] } }, "data", /data come only from its table/],
    ["datasets", { datasets: { other: [{ value: 1 }] } }, "datasets", /data come only from its table/],
    ["a layer with its own data.url", { layer: [{ data: { url: "../other-paper.yaml" }, mark: "bar" }] }, "layer", /one bar or line view/],
    ["an image mark", { mark: "image" }, "mark", /draw no images/],
    ["an image mark type", { mark: { type: "image" } }, "mark.type", /draw no images/],
    ["an href encoding", { encoding: { href: { value: "https://example.com/" } } }, "encoding.href", /carry no links/],
    ["a url encoding", { encoding: { url: { value: "/etc/passwd" } } }, "encoding.url", /load nothing/],
    ["a lookup from a url", { transform: [{ lookup: "category", from: { data: { url: "/etc/passwd" }, key: "k", fields: ["v"] } }] }, "transform", /does not transform, look up or load/],
    ["usermeta", { usermeta: { embedOptions: { loader: { baseURL: "https://example.com/" } } } }, "usermeta", /usermeta/],
    ["$schema", { $schema: "https://example.com/evil.json" }, "$schema", /set by panelpress/],
    ["params with an expression", { params: [{ name: "p", expr: "data('x')" }] }, "params", /static pictures/],
    ["a label expression", { encoding: { x: { axis: { labelExpr: "datum.value" } } } }, "encoding.x.axis.labelExpr", /expressions are code/],
    ["a signal in place of a number", { width: { signal: "1000" } }, "width", /number of pixels/],
    ["a facet", { facet: { column: { field: "series" } } }, "facet", /one bar or line view/],
    ["an unknown key", { wdith: 400 }, "wdith", /not a chart setting/],
    ["a field", { encoding: { y: { field: "secret" } } }, "encoding.y.field", /choose columns/],
    ["a format that could break out of its string", { encoding: { y: { axis: { format: "'+alert(1)+'" } } } }, "encoding.y.axis.format", /number format/],
    ["a custom format type", { encoding: { y: { axis: { formatType: "evil" } } } }, "encoding.y.axis.formatType", /custom format type/],
  ];
  it.each(cases)("%s", (_name, spec, path, message) => {
    const problems = chartSpecProblems(spec);
    expect(problems.map((p) => p.path.join("."))).toEqual([path]);
    expect(problems[0]!.message).toMatch(message);
  });

  it("reports every problem, not just the first, and suggests a near key", () => {
    const problems = chartSpecProblems({ data: { url: "x" }, hieght: 300, encoding: { y: { scale: { zero: "no", domain: [100, 0] } } } });
    expect(problems.map((p) => p.path.join("."))).toEqual(["data", "hieght", "encoding.y.scale.zero", "encoding.y.scale.domain"]);
    expect(problems[1]!.hint).toBe("did you mean 'height'?");
  });

  it("keeps refused settings out of the spec even when no one checked first", () => {
    const spec = chartSpec(authored({ data: { url: "/etc/passwd" }, transform: [{ calculate: "1", as: "x" }], width: 400 }), POINTS) as unknown as Record<string, unknown>;
    expect(spec.data).toEqual({ values: POINTS });
    expect(spec.transform).toBeUndefined();
    expect(spec.width).toBe(400);
    expect(JSON.stringify(spec)).not.toContain("passwd");
  });

  it("marks a spec read through the data file schema as authored, and a kind's spec as not", () => {
    const data = genericDataSchema.parse({ charts: { c: { caption: "c", table: "t", x: "x", y: ["y"], spec: { width: 300 } } } });
    expect(isAuthoredSpec(data.charts.c!.spec)).toBe(true);
    expect(isAuthoredSpec({ width: 300 })).toBe(false);
  });
});

describe("authored spec: accepted presentation settings", () => {
  const accepted: Array<[string, Record<string, unknown>]> = [
    ["size", { width: 400, height: { step: 30 }, padding: 8 }],
    ["a y scale", { encoding: { y: { scale: { domain: [0, 100], zero: true, nice: false } } } }],
    ["axes", { encoding: { x: { axis: { labelAngle: -45, title: "Year" } }, y: { axis: { format: ",.1f", tickCount: 5, grid: false, title: null } } } }],
    ["the mark's look", { mark: { opacity: 0.8, cornerRadiusEnd: 3, strokeWidth: 3, point: false, interpolate: "monotone" } }],
    ["the legend", { encoding: { color: { legend: { orient: "top", title: "Series" } } } }],
    ["config", { config: { axis: { labelFontSize: 14 }, legend: { orient: "right" } } }],
  ];
  it.each(accepted)("%s", async (_name, spec) => {
    expect(chartSpecProblems(spec)).toEqual([]);
    expect(await chartProblems(authored(spec, "line"), POINTS)).toEqual([]);
  });

  it("merges key by key, so a y domain keeps the rest of the generated encoding", () => {
    const spec = chartSpec(authored({ encoding: { y: { scale: { domain: [0, 20] } } }, mark: { opacity: 0.5 } }), POINTS) as unknown as {
      encoding: { x: { field: string }; y: { field: string; scale: { domain: number[] } } };
      mark: { type: string; opacity: number };
    };
    expect(spec.encoding.x.field).toBe("category");
    expect(spec.encoding.y).toMatchObject({ field: "value", scale: { domain: [0, 20] } });
    expect(spec.mark).toEqual({ type: "bar", opacity: 0.5 });
  });

  it("draws an accepted override", async () => {
    const svg = await renderChartSvg(chartSpec(authored({ width: 333, encoding: { y: { scale: { domain: [0, 50] } } } }), POINTS), { id: "ok", title: "t", description: "d" });
    expect(svg).toMatch(/<svg[^>]*role="img"/);
    expect(svg).toContain(">50<");
  });
});

describe("a spec that does not compile", () => {
  it("is a problem at the spec, not a throw", async () => {
    // A kind's (unchecked) spec with a field type vega-lite does not know.
    const chart: ChartInput = { caption: "c", table: "t", mark: "bar", x: "x", y: ["y"], spec: { encoding: { x: { field: "category", type: "bogus" } } } };
    const problems = await chartProblems(chart, POINTS);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toEqual([]);
    expect(problems[0]!.message).toMatch(/does not compile \(Invalid field type/);
  });

  it("includes what vega's parser rejects (a bad expression)", async () => {
    const spec = { data: { values: POINTS }, mark: "bar", encoding: { x: { field: "category", type: "ordinal", axis: { labelExpr: "datum.value +" } }, y: { field: "value", type: "quantitative" } } };
    expect((await chartCompileProblems(spec as TopLevelSpec))[0]!.message).toMatch(/Expression parse error/);
  });

  it("a generated chart with no spec compiles", async () => {
    expect(await chartProblems({ caption: "c", table: "t", mark: "line", x: "x", y: ["y"] }, POINTS)).toEqual([]);
  });

  it("paths locate the offending line in the data file (the caller prefixes charts.<id>.spec)", async () => {
    const yaml = ["charts:", "  reserves:", "    caption: General reserve", "    table: reserves", "    x: year", "    y: [balance]", "    spec:", "      width: 400", "      data:", "        url: /etc/passwd", ""].join("\n");
    const located = parseYaml(yaml);
    const data = genericDataSchema.parse(located.value);
    const problems = await chartProblems(data.charts.reserves!, POINTS);
    // Line 9 is `data:`, where the refused setting starts.
    expect(problems.map((p) => located.at(["charts", "reserves", "spec", ...p.path]).line)).toEqual([9]);
  });
});

describe("vega loads nothing", () => {
  let dir: string;
  let secretFile: string;
  const SECRET = `ZORBLAX${process.pid}SECRET`;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "panelpress-chart-secret-"));
    secretFile = join(dir, "secret.csv");
    writeFileSync(secretFile, `category,value\n${SECRET},42\n`);
    writeFileSync(join(dir, "secret.json"), JSON.stringify([{ category: SECRET, value: 42 }]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const unit = { width: 200, height: 100, mark: { type: "bar" }, encoding: { x: { field: "category", type: "ordinal" }, y: { field: "value", type: "quantitative" } } };
  /** Render a spec that bypasses the allow-list; it must reject, and whatever happens the secret is not drawn. */
  async function renderBypassing(spec: Record<string, unknown>, id: string): Promise<string | Error> {
    try {
      return await renderChartSvg(spec as unknown as TopLevelSpec, { id, title: "t", description: "d" });
    } catch (error) {
      return error as Error;
    }
  }

  it.each([
    ["a path", () => ({ ...unit, data: { url: secretFile } })],
    ["a file: URL", () => ({ ...unit, data: { url: `file://${join(dir, "secret.json")}` } })],
    ["a lookup from a file", () => ({ ...unit, data: { values: POINTS }, transform: [{ lookup: "category", from: { data: { url: secretFile }, key: "category", fields: ["value"] } }] })],
    ["an image mark", () => ({ ...unit, data: { values: POINTS }, mark: { type: "image", width: 10, height: 10 }, encoding: { ...unit.encoding, url: { value: secretFile } } })],
    ["an href", () => ({ ...unit, data: { values: POINTS }, encoding: { ...unit.encoding, href: { value: "https://example.com/" } } })],
  ])("data from %s: the render rejects", async (name, spec) => {
    const result = await renderBypassing(spec(), `bypass-${name.replace(/\W+/g, "-")}`);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(/load nothing/);
    expect((result as Error).message).not.toContain(SECRET);
  });

  it("the loader itself reads nothing", async () => {
    const refused: string[] = [];
    const loader = nullLoader(refused);
    await expect(loader.load(secretFile)).rejects.toThrow(/load nothing/);
    await expect(loader.file(secretFile)).rejects.toThrow(/load nothing/);
    await expect(loader.http("http://127.0.0.1:9/", {})).rejects.toThrow(/load nothing/);
    await expect(loader.sanitize(secretFile, { context: "image" })).resolves.toEqual({ href: "" });
    expect(refused).toHaveLength(4);
  });
});

/** A chart's label, as the render stage passes it. */
const label = (id: string) => ({ id, title: `Chart ${id}`, description: "A summary" });

/** This process's memory of compiled shapes and drawn charts forgotten, as in the next build, with `dir` as the chart cache. */
function nextBuild(dir: string): void {
  setChartCache(undefined);
  setChartCache(dir);
}

describe("shapes known to compile", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "panelpress-chart-shapes-"));
  });
  afterAll(() => {
    setChartCache(undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  const notes = () => readdirSync(dir).filter((f) => f.endsWith(".compiles"));
  const bogus: ChartInput = { caption: "c", table: "t", mark: "bar", x: "x", y: ["y"], spec: { encoding: { x: { field: "category", type: "bogus" } } } };
  /** The note's name: the shape (the spec without its data values) with vega's and vega-lite's versions. */
  const noteOf = (chart: ChartInput) => {
    const shape = JSON.stringify(chartSpec(chart, POINTS), (key, value: unknown) => (key === "values" && Array.isArray(value) ? [] : value));
    return `${createHash("sha256").update(JSON.stringify([shape, CHART_LIBRARY_VERSIONS])).digest("hex")}.compiles`;
  };

  it("notes a shape that compiles, once for every chart of that shape, and nothing for one that does not", async () => {
    nextBuild(dir);
    const line: ChartInput = { caption: "c", table: "t", mark: "line", x: "x", y: ["y"] };
    expect(await chartProblems(line, POINTS)).toEqual([]);
    expect(await chartProblems(line, POINTS.map((p) => ({ ...p, value: p.value * 2 })))).toEqual([]); // other values, the same shape
    expect(notes()).toEqual([noteOf(line)]);
    expect(await chartProblems(bogus, POINTS)).toHaveLength(1);
    nextBuild(dir);
    expect(await chartProblems(bogus, POINTS)).toHaveLength(1); // compiled again, for its message
    expect(notes()).toEqual([noteOf(line)]);
  });

  it("does not compile a noted shape again", async () => {
    // A note the build did not write, for a shape that does not compile: it is believed, so it was not compiled.
    writeFileSync(join(dir, noteOf(bogus)), "");
    nextBuild(dir);
    expect(await chartProblems(bogus, POINTS)).toEqual([]);
    rmSync(join(dir, noteOf(bogus)));
  });

  it("hands the check's compilation of a chart to its drawing once, and the drawing is the same", async () => {
    setChartCache(undefined);
    const chart: ChartInput = { caption: "c", table: "t", mark: "bar", x: "x", y: ["y"], spec: { width: 321 } };
    expect(await chartProblems(chart, POINTS)).toEqual([]);
    const spec = chartSpec(chart, POINTS);
    expect(takeCompiled(spec)).toBeDefined();
    expect(takeCompiled(spec)).toBeUndefined(); // taken, not kept
    // Drawn from the check's compilation, and (the cache off) compiled afresh: the same SVG.
    await chartProblems({ ...chart, spec: { width: 322 } }, POINTS); // another shape: this one is kept
    const kept = chartSpec({ ...chart, spec: { width: 322 } }, POINTS);
    const drawn = await renderChartSvg(kept, label("k"));
    expect(takeCompiled(kept)).toBeUndefined();
    nextBuild(dir); // the drawing forgotten (none kept in the folder: the cache was off), so drawn afresh
    expect(await renderChartSvg(kept, label("k"))).toBe(drawn);
  });

  it("in a clean build (the cache not read) believes no note, and notes what compiles for the next build", async () => {
    writeFileSync(join(dir, noteOf(bogus)), ""); // believed when read: see above
    setChartCache(dir, false);
    expect(await chartProblems(bogus, POINTS)).toHaveLength(1);
    const fresh: ChartInput = { caption: "c", table: "t", mark: "bar", x: "x", y: ["y"], spec: { width: 234 } };
    expect(await chartProblems(fresh, POINTS)).toEqual([]);
    expect(notes()).toContain(noteOf(fresh));
    rmSync(join(dir, noteOf(bogus)));
  });

  it("notes nothing without a chart cache", async () => {
    setChartCache(undefined);
    const before = notes();
    expect(await chartProblems({ caption: "c", table: "t", mark: "bar", x: "x", y: ["y"], spec: { width: 123 } }, POINTS)).toEqual([]);
    expect(notes()).toEqual(before);
  });
});

describe("SVG cache", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "panelpress-chart-cache-"));
  });
  afterAll(() => {
    setChartCache(undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  const spec = (width: number) => chartSpec(authored({ width }), POINTS);
  /** Render into the cache folder, with this process's memory of rendered charts forgotten. */
  async function fromDisk(width: number, id: string): Promise<string> {
    nextBuild(dir);
    return renderChartSvg(spec(width), label(id));
  }
  const entry = (suffix: string) => readdirSync(dir).filter((f) => f.endsWith(suffix));
  const only = (files: string[]) => {
    expect(files).toHaveLength(1);
    return join(dir, files[0]!);
  };

  it("writes each SVG with a digest, and uses it while it verifies", async () => {
    const svg = await fromDisk(401, "a");
    const file = only(entry(".svg"));
    expect(readFileSync(file, "utf8")).toBe(svg);
    expect(entry(".sha256")).toHaveLength(1);
    expect(await fromDisk(401, "a")).toBe(svg);
  });

  it.each([
    ["a changed", (text: string) => text.replace("</svg>", '<script>alert("x")</script></svg>')],
    ["a truncated", (text: string) => text.slice(0, Math.floor(text.length / 2))],
    ["an emptied", () => ""],
  ])("%s SVG is a miss and is redrawn", async (_name, tamper) => {
    const svg = await fromDisk(402, "b");
    const file = join(dir, entry(".svg").find((f) => readFileSync(join(dir, f), "utf8") === svg)!);
    writeFileSync(file, tamper(svg));
    expect(await fromDisk(402, "b")).toBe(svg);
    // Redrawn, the entry is whole again.
    expect(readFileSync(file, "utf8")).toBe(svg);
  });

  it("a missing or altered digest is a miss", async () => {
    const svg = await fromDisk(403, "c");
    const file = entry(".svg").find((f) => readFileSync(join(dir, f), "utf8") === svg)!;
    const digest = join(dir, file.replace(/\.svg$/, ".sha256"));
    rmSync(digest);
    expect(await fromDisk(403, "c")).toBe(svg);
    writeFileSync(digest, "0".repeat(64));
    expect(await fromDisk(403, "c")).toBe(svg);
    expect(readFileSync(digest, "utf8").trim()).not.toBe("0".repeat(64));
  });

  it("in a clean build (the cache not read) draws afresh, even over an entry that verifies, and keeps the drawing", async () => {
    const svg = await fromDisk(406, "f");
    const key = entry(".svg").find((f) => readFileSync(join(dir, f), "utf8") === svg)!.replace(/\.svg$/, "");
    // An entry that verifies but is not what the chart draws: used when the cache is read.
    const planted = svg.replace("</svg>", "<!-- planted --></svg>");
    writeFileSync(join(dir, `${key}.svg`), planted);
    writeFileSync(join(dir, `${key}.sha256`), `${cacheDigest(key, Buffer.from(planted))}\n`);
    expect(await fromDisk(406, "f")).toBe(planted);
    setChartCache(dir, false);
    expect(await renderChartSvg(spec(406), label("f"))).toBe(svg);
    expect(readFileSync(join(dir, `${key}.svg`), "utf8")).toBe(svg); // kept for the next build
    expect(await fromDisk(406, "f")).toBe(svg);
  });

  it("an entry swapped in from another chart (SVG and digest together) is a miss", async () => {
    const one = await fromDisk(404, "d");
    const other = await fromDisk(405, "e");
    const keyOf = (svg: string) => entry(".svg").find((f) => readFileSync(join(dir, f), "utf8") === svg)!.replace(/\.svg$/, "");
    const [oneKey, otherKey] = [keyOf(one), keyOf(other)];
    writeFileSync(join(dir, `${oneKey}.svg`), other);
    writeFileSync(join(dir, `${oneKey}.sha256`), readFileSync(join(dir, `${otherKey}.sha256`)));
    expect(await fromDisk(404, "d")).toBe(one);
  });
});
