/**
 * The pieces of printing from the last print's layout, one by one: the layout hint as the print cache
 * keeps it (verified like its entries: a damaged, foreign or other-salt hint is no hint), which moves a
 * print may start from (only those of unchanged bodies with landscape pages), and the digest of the files
 * a print document loads besides its HTML (its images).
 */
import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PrintCache, type LayoutHint } from "../../src/print/cache.ts";
import { bodyLayouts, paperBodies, seededMoves, staticMoves, withBodiesEmptied, type Block, type Geometry, type Move } from "../../src/print/layout.ts";
import { fillPageRefs } from "../../src/print/page-refs.ts";
import { loadedFilesDigest } from "../../src/print/print.ts";

const hint: LayoutHint = {
  ranges: new Map([["item-2", [3, 9]], ["item-3", [10, 10]]]),
  bodies: [
    { sha256: "a".repeat(64), landscape: true, moves: [{ index: 1, page: "item-2-wide" }, { index: 4, page: "item-2-wide", drawing: 300 }] },
    { sha256: "c".repeat(64), landscape: false, moves: [] },
  ],
};

describe("the layout hint in the print cache", () => {
  const made = () => {
    const dir = join(mkdtempSync(join(tmpdir(), "panelpress-hint-unit-")), "pdf");
    const cache = new PrintCache(dir, "salt");
    cache.rememberLayout("m/pack.pdf", ["item-2", "item-3"], hint);
    return { dir, cache, file: join(dir, "layout", readdirSync(join(dir, "layout"))[0]!) };
  };

  it("gives back what was kept, for the same output, sections and salt only", () => {
    const { dir, cache } = made();
    expect(cache.layoutHint("m/pack.pdf", ["item-2", "item-3"])).toEqual(hint);
    expect(cache.layoutHint("m/other.pdf", ["item-2", "item-3"])).toBeUndefined();
    expect(cache.layoutHint("m/pack.pdf", ["item-2"])).toBeUndefined();
    expect(new PrintCache(dir, "another salt").layoutHint("m/pack.pdf", ["item-2", "item-3"])).toBeUndefined();
    expect(new PrintCache(dir, "salt", false).layoutHint("m/pack.pdf", ["item-2", "item-3"])).toBeUndefined(); // a clean build reads nothing
  });

  it("is no hint when damaged, and is removed", () => {
    const { cache, file } = made();
    writeFileSync(file, readFileSync(file, "utf8").replace("[3,9]", "[3,8]"));
    expect(cache.layoutHint("m/pack.pdf", ["item-2", "item-3"])).toBeUndefined();
    expect(existsSync(file)).toBe(false);
  });

  it("is kept with a cached print too, so a print taken from the cache leaves its layout for the next", () => {
    const { dir, cache } = made();
    writeFileSync(join(dir, "printed.pdf"), "%PDF-1.7\n%%EOF\n");
    cache.put("b".repeat(64), join(dir, "printed.pdf"), 10, hint.ranges, hint.bodies);
    const hit = cache.get("b".repeat(64));
    expect(hit?.bodies).toEqual(hint.bodies);
    expect(hit?.ranges).toEqual(hint.ranges);
  });

  it("is no hint under another output's name", () => {
    const { dir, cache, file } = made();
    cache.rememberLayout("m/other.pdf", ["item-2", "item-3"], { ranges: new Map(), bodies: [] });
    const other = readdirSync(join(dir, "layout")).map((name) => join(dir, "layout", name)).find((f) => f !== file)!;
    writeFileSync(other, readFileSync(file)); // the pack's hint copied over the other's
    expect(cache.layoutHint("m/other.pdf", ["item-2", "item-3"])).toBeUndefined();
    expect(cache.layoutHint("m/pack.pdf", ["item-2", "item-3"])).toEqual(hint);
  });
});

describe("the moves a print starts from", () => {
  const block = (body: number, index: number, more: Partial<Block> = {}): Block => ({ body, index, page: `item-${body}`, landscape: false, height: 100, head: 60, drawing: 0, breakBefore: false, heading: false, movable: true, ...more });
  const geometry: Geometry = { portrait: { width: 600, height: 900, top: 50, bottom: 50 }, landscape: { width: 900, height: 600, top: 50, bottom: 50 } };
  // Body 0 has a wide table after a heading; body 1 has none; body 2 has one too.
  const blocks = [block(0, 0), block(0, 1, { heading: true }), block(0, 2, { page: "wide-0", landscape: true }), block(0, 3), block(1, 0), block(1, 1), block(2, 0, { heading: true }), block(2, 1, { page: "wide-2", landscape: true })];
  const hashes = ["0".repeat(64), "1".repeat(64), "2".repeat(64)];
  const moves = [...staticMoves(blocks, geometry), { body: 0, index: 3, page: "wide-0" }];
  // The order of moves does not matter (each sets its own block's page).
  const sorted = (list: Move[] | undefined) => list && [...list].sort((a, b) => a.body - b.body || a.index - b.index);

  it("keeps the moves of the bodies with landscape pages, and starts from them when those bodies are unchanged", () => {
    const kept = bodyLayouts(blocks, hashes, moves);
    expect(kept.map((b) => [b.sha256, b.landscape])).toEqual([[hashes[0], true], [hashes[1], false], [hashes[2], true]]);
    expect(kept[1]!.moves).toEqual([]); // body 1 has no landscape pages: never moves
    expect(sorted(seededMoves(blocks, hashes, kept, staticMoves(blocks, geometry)))).toEqual(sorted(moves));
    // Body 1 changed: it has no landscape pages, so the others' moves still hold.
    expect(sorted(seededMoves(blocks, [hashes[0]!, "9".repeat(64), hashes[2]!], kept, staticMoves(blocks, geometry)))).toEqual(sorted(moves));
  });

  it("starts from scratch when a body with landscape pages changed, or the document's own moves are not among the kept ones", () => {
    const kept = bodyLayouts(blocks, hashes, moves);
    expect(seededMoves(blocks, [hashes[0]!, hashes[1]!, "9".repeat(64)], kept, staticMoves(blocks, geometry))).toBeUndefined();
    const without = kept.map((b) => ({ ...b, moves: b.moves.filter((m) => m.index !== 1) }));
    expect(seededMoves(blocks, hashes, without, staticMoves(blocks, geometry))).toBeUndefined();
  });
});

describe("the paper bodies of a print document, found in its HTML", () => {
  const item = (n: number, title: string, body: string) =>
    `<section class="print-item" id="item-${n}" style="page: item-${n}"><p class="banner">Agenda item ${n}</p><h2 class="item-title">${title}</h2>\n  <div class="paper-body">${body}</div>\n</section>`;
  const first = `<p>See page <span data-page="item-3"></span>.</p><div class="chart"><div class="inner"><svg></svg></div></div><figure class="figure-wide"><div><table></table></div></figure>`;
  const second = "<p>Plain text.</p><div></div>";
  const doc = (parts: { head?: string; title?: string; one?: string; two?: string } = {}) =>
    `<!doctype html><html><head><style>${parts.head ?? "@page item-2-wide { size: A4 landscape; }"}</style></head><body>` +
    `<section class="pack-agenda">Item 2: <span data-page-range="item-2"></span></section>` +
    item(2, parts.title ?? "Budget", parts.one ?? first) + `<section class="print-item" id="item-3"><h2>No paper</h2></section>` + item(4, "Minutes", parts.two ?? second) + "</body></html>";

  it("are each body's content to the div that closes it, divs inside and all", () => {
    const html = doc();
    const bodies = paperBodies(html)!;
    expect(bodies.map((b) => html.slice(b.start, b.end))).toEqual([first, second]);
  });

  it("are keyed by the body, its item's heading and the document's head: not by page numbers or by other bodies", () => {
    const keys = (html: string) => paperBodies(html)!.map((b) => b.key);
    const [one, two] = keys(doc());
    expect(keys(fillPageRefs(doc(), new Map([["item-2", [3, 9]], ["item-3", [10, 10]]])))).toEqual([one, two]);
    expect(keys(doc({ two: "<p>Plain text, edited.</p><div></div>" }))).toEqual([one, expect.not.stringMatching(two!)]);
    expect(keys(doc({ title: "Budget update" }))).toEqual([expect.not.stringMatching(one!), two]);
    const [headOne, headTwo] = keys(doc({ head: "@page item-2-wide { size: A3 landscape; }" }));
    expect([headOne === one, headTwo === two]).toEqual([false, false]);
    // The files the document loads (an image replaced under the same name): every key changes.
    const [imageOne, imageTwo] = paperBodies(doc(), "e".repeat(64))!.map((b) => b.key);
    expect([imageOne === one, imageTwo === two]).toEqual([false, false]);
  });

  it("are none to be trusted when one does not close", () => {
    expect(paperBodies(doc({ two: "<p>Plain text.</p><div>" }))).toBeUndefined();
    expect(paperBodies("<html><body><p>No papers.</p></body></html>")).toEqual([]);
  });

  it("can be taken out but for those kept, each body's element staying in its place", () => {
    const html = doc();
    const bodies = paperBodies(html)!;
    const part = withBodiesEmptied(html, bodies, (index) => index === 1);
    expect(part).toBe(html.replace(first, ""));
    expect(paperBodies(part)!.map((b) => part.slice(b.start, b.end))).toEqual(["", second]);
    expect(withBodiesEmptied(html, bodies, () => true)).toBe(html);
  });
});

describe("the files a print document loads", () => {
  it("are its images, by their bytes: not its links, not the shared assets, not remote files", () => {
    const out = mkdtempSync(join(tmpdir(), "panelpress-loaded-"));
    mkdirSync(join(out, "meetings/m/p"), { recursive: true });
    mkdirSync(join(out, "_print/m"), { recursive: true });
    mkdirSync(join(out, "assets"), { recursive: true });
    writeFileSync(join(out, "meetings/m/p/plan one.png"), "red");
    writeFileSync(join(out, "_print/m/local.svg"), "<svg/>");
    writeFileSync(join(out, "assets/print.css"), "body {}");
    const html = '<link href="/assets/print.css"><img src="/meetings/m/p/plan%20one.png"><img src="local.svg"><a href="/meetings/m/p/p.pdf">PDF</a><img src="https://example.org/x.png">';
    const before = loadedFilesDigest(out, "_print/m/p.html", html);
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(loadedFilesDigest(out, "_print/m/p.html", "<p>no images</p>")).toBe("");
    writeFileSync(join(out, "assets/print.css"), "body { color: red }"); // in the cache's salt instead
    writeFileSync(join(out, "meetings/m/p/p.pdf"), "a PDF being printed");
    expect(loadedFilesDigest(out, "_print/m/p.html", html)).toBe(before);
    writeFileSync(join(out, "meetings/m/p/plan one.png"), "blue");
    const after = loadedFilesDigest(out, "_print/m/p.html", html);
    expect(after).not.toBe(before);
    writeFileSync(join(out, "_print/m/local.svg"), "<svg></svg>");
    expect(loadedFilesDigest(out, "_print/m/p.html", html)).not.toBe(after);
  });
});
