/** The link checker and the contrast computation on small made-up inputs (no build, no browser). */
import { describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkLinks, cssLinks, htmlLinks } from "../../src/a11y/links.ts";
import { contrastRatio } from "../../src/a11y/contrast.ts";
import { pdfFile } from "../helpers.ts";

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "panelpress-links-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("the link checker", () => {
  it("follows relative links, folders (to index.html), anchors and stylesheet urls", () => {
    const dir = site({
      "index.html": '<a href="a/">A</a> <a href="a/#top">top</a> <a href="#here" id="here">x</a> <a href="https://example.com/x">out</a> <a href="mailto:a@b.uk">m</a> <link href="s.css">',
      "a/index.html": '<h1 id="top">A</h1><a href="../index.html?x=1#here">back</a><a href="data.csv" download>csv</a>',
      "a/data.csv": "a,b\n",
      "s.css": "@font-face { src: url('f.woff2'); } /* url(gone.woff2) */",
      "f.woff2": "",
    });
    expect(checkLinks(dir)).toEqual([]);
  });

  it("follows a PDF's links too: to the site's files, and never to the printer's private address", () => {
    const link = (uri: string, inline: boolean) => inline
      ? { page: "/Annots [6 0 R]", objects: [`<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (${uri}) >> >>`] }
      : { page: "/Annots [6 0 R]", objects: ["<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A 7 0 R >>", `<< /S /URI /URI (${uri}) >>`] };
    const dir = site({ "m/p/data.csv": "a,b\n", "m/p/index.html": '<h1 id="top">P</h1>' });
    writeFileSync(join(dir, "m", "p", "good.pdf"), pdfFile(link("data.csv", true)));
    writeFileSync(join(dir, "m", "pack.pdf"), pdfFile(link("p/#top", false)));
    writeFileSync(join(dir, "m", "out.pdf"), pdfFile(link("https://example.org/x", true)));
    expect(checkLinks(dir)).toEqual([]);
    writeFileSync(join(dir, "m", "p", "bad.pdf"), pdfFile(link("https://print.panelpress.invalid/m/p/data.csv", true)));
    writeFileSync(join(dir, "m", "gone.pdf"), pdfFile(link("p/gone.csv", false)));
    expect(checkLinks(dir).map((b) => `${b.from}: ${b.href}: ${b.problem}`)).toEqual([
      "m/gone.pdf: p/gone.csv: no such file: m/p/gone.csv",
      expect.stringMatching(/^m\/p\/bad\.pdf: https:\/\/print\.panelpress\.invalid\/m\/p\/data\.csv: the link leads to the printer's private address/),
    ]);
  });

  it("reports a missing file, a missing anchor, an empty '#' and a root-relative link", () => {
    const dir = site({
      "index.html": '<a href="b/">B</a> <a href="#nowhere">x</a> <a href="#">y</a> <a href="/abs/">z</a> <img src="pic.png" alt="">',
      "s.css": "body { background: url(bg.png); }",
    });
    const problems = checkLinks(dir).map((b) => `${b.href}: ${b.problem}`);
    expect(problems).toEqual([
      "b/: no such file: b/index.html",
      "#nowhere: no element with id 'nowhere' in index.html",
      "#: the link points at '#', which goes nowhere",
      expect.stringMatching(/^\/abs\/: a root-relative link/),
      "pic.png: no such file: pic.png",
      "bg.png: no such file: bg.png",
    ]);
  });

  it("decodes entities and skips scripts", () => {
    expect(htmlLinks('<a href="a&amp;b.html">x</a><script>var s = \' href="no"\';</script>')).toEqual(["a&b.html"]);
    expect(cssLinks('a { b: url("x y.png") }')).toEqual(["x y.png"]);
  });
});

describe("contrast", () => {
  it("is 21:1 for black on white, 1:1 for a colour on itself, whatever the order", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#fff", "#000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#12436D", "#12436d")).toBe(1);
  });

  it("matches WCAG's worked values", () => {
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2); // the lightest grey that passes AA text
    expect(contrastRatio("#F46A25", "#ffffff")).toBeGreaterThan(3);
  });

  it("refuses what is not a hex colour", () => {
    expect(() => contrastRatio("orange", "#fff")).toThrow(/not a #rrggbb colour/);
  });
});
