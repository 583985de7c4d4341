/**
 * Every reference resolves everywhere: no page, print document or PDF of a clean build shows the
 * missing-reference marker, whatever part of the paper the reference sat in (body, table cell, kind block,
 * agenda description, notice). A reference that cannot resolve is a check error (see the golden cases),
 * so a clean build that still printed a marker would be a reference nobody checked.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { filesUnder } from "../../src/lib/files.ts";
import { MAIN, sharedBuild } from "../helpers.ts";

describe("no unresolved reference in the output", () => {
  it("appears in any page or PDF of the main fixture's public and members' builds", async () => {
    const found: string[] = [];
    for (const restricted of [false, true]) {
      const { out } = await sharedBuild(MAIN, { restricted });
      for (const file of filesUnder(out)) {
        const path = join(out, file);
        const text = file.endsWith(".pdf") ? spawnSync("pdftotext", ["-q", path, "-"], { encoding: "utf8" }).stdout : file.endsWith(".html") ? readFileSync(path, "utf8") : "";
        // The marker is a span in HTML; in a PDF, the bracketed reference it prints ("[value:x]").
        for (const match of text.matchAll(/ref-missing|\[(?:fig|para|value|meeting|committee|fact):[A-Za-z0-9_.-]+\]/g)) found.push(`${restricted ? "members' " : ""}${file}: ${match[0]}`);
      }
    }
    expect(found).toEqual([]);
  });
});
