/**
 * The meeting cache (src/pipeline/incremental.ts): a rebuild reuses every meeting whose inputs did not
 * change, and after an edit to a data file, a chart spec or a template exactly the outputs that depend
 * on it change, and the site is byte-identical to a clean build of the same content.
 */
import { describe, expect, it } from "vitest";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../src/pipeline/index.ts";
import { copyProject, edit, fileHashes } from "../helpers.ts";

const OLDER = "2022-10-27";
const EXAMPLE = "2022-12-08";

/** The example project with a second meeting, six weeks earlier, made from the example's own files. */
function twoMeetingProject(): string {
  const project = copyProject();
  cpSync(join(project, "content", "meetings", EXAMPLE), join(project, "content", "meetings", OLDER), { recursive: true });
  cpSync(join(project, "data", "meetings", EXAMPLE), join(project, "data", "meetings", OLDER), { recursive: true });
  edit(project, `content/meetings/${OLDER}/meeting.yaml`, `date: ${EXAMPLE}`, `date: ${OLDER}`);
  // A chart declared in a data file (a spec an author edits), placed in the older meeting's outturn paper.
  const data = join(project, "data", "meetings", OLDER, "10-outturn.yaml");
  writeFileSync(data, `${readFileSync(data, "utf8")}\ncharts:\n  outturn-chart:\n    caption: Spending by category\n    table: outturn-h1-2022-23\n    x: category\n    y: [actual]\n    spec: {width: 500}\n`);
  edit(project, `content/meetings/${OLDER}/papers/10-outturn.md`, "::: table outturn-h1-2022-23", "::: table outturn-h1-2022-23\n\n::: chart outturn-chart");
  return project;
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

async function buildSite(project: string, clean: boolean) {
  process.env.SOURCE_DATE_EPOCH = "1670457600";
  const out = join(mkdtempSync(join(tmpdir(), "panelpress-incremental-")), "site");
  const outcome = await build({ root: project, outDir: out, pdf: false, clean, log: () => {} });
  expect(outcome.published, outcome.problems.format(project)).toBe(true);
  return { built: (outcome.site?.meetings ?? []).map((m) => m.id).sort(), reused: outcome.reused.map((r) => r.summary.id).sort(), warnings: outcome.problems.warningCount, files: fileHashes(out) };
}

describe("the meeting cache", () => {
  it("rebuilds only what an edit touches, and matches a clean build", { timeout: 300_000 }, async () => {
    const project = twoMeetingProject();
    const first = await buildSite(project, true);
    expect(first.built).toEqual([OLDER, EXAMPLE]);
    expect(first.files.has(`meetings/${OLDER}/10-outturn/index.html`)).toBe(true);
    expect(readFileSync(join(project, `content/meetings/${OLDER}/papers/10-outturn.md`), "utf8")).toContain("::: chart outturn-chart");

    // Nothing changed: nothing is built, and the site (warnings too) is the same.
    const again = await buildSite(project, false);
    expect(again.built).toEqual([]);
    expect(again.reused).toEqual([OLDER, EXAMPLE]);
    expect(again.warnings).toBe(first.warnings);
    expect(changed(first.files, again.files)).toEqual([]);

    // A data edit in one paper of the newer meeting: that paper's page and its data download change.
    edit(project, `data/meetings/${EXAMPLE}/10-outturn.yaml`, "actual: 420.00", "actual: 520.00");
    edit(project, `data/meetings/${EXAMPLE}/10-outturn.yaml`, "actual: 29671.80", "actual: 29771.80");
    const dataEdit = await buildSite(project, false);
    expect(dataEdit.built).toEqual([EXAMPLE]);
    expect(dataEdit.reused).toEqual([OLDER]);
    const dataChanged = changed(again.files, dataEdit.files);
    expect(dataChanged.length).toBeGreaterThan(0);
    expect(dataChanged.every((f) => f.startsWith(`meetings/${EXAMPLE}/10-outturn/`)), dataChanged.join(", ")).toBe(true);
    expect(changed((await buildSite(project, true)).files, dataEdit.files)).toEqual([]);

    // A chart spec edit in the older meeting: only the page with that chart changes.
    edit(project, `data/meetings/${OLDER}/10-outturn.yaml`, "spec: {width: 500}", "spec: {width: 520}");
    const chartEdit = await buildSite(project, false);
    expect(chartEdit.built).toEqual([OLDER]);
    expect(changed(dataEdit.files, chartEdit.files)).toEqual([`meetings/${OLDER}/10-outturn/index.html`]);
    expect(changed((await buildSite(project, true)).files, chartEdit.files)).toEqual([]);

    // A template edit: every meeting is rebuilt, and every page using the template changes.
    edit(project, "templates/layouts/base.njk", "<main", "<main data-edited");
    const templateEdit = await buildSite(project, false);
    expect(templateEdit.built).toEqual([OLDER, EXAMPLE]);
    const pages = [...chartEdit.files.keys()].filter((f) => f.endsWith(".html"));
    expect(changed(chartEdit.files, templateEdit.files)).toEqual(pages.sort());
    expect(changed((await buildSite(project, true)).files, templateEdit.files)).toEqual([]);

    // A meeting removed: gone from the site, the index and the manifest, and its record forgotten.
    rmSync(join(project, "content", "meetings", OLDER), { recursive: true });
    rmSync(join(project, "data", "meetings", OLDER), { recursive: true });
    const removed = await buildSite(project, false);
    expect(removed.reused).toEqual([EXAMPLE]);
    expect([...removed.files.keys()].some((f) => f.includes(OLDER))).toBe(false);
    expect(existsSync(join(project, ".panelpress-cache", "meetings", "public-html", OLDER))).toBe(false);
    expect(changed((await buildSite(project, true)).files, removed.files)).toEqual([]);
  });
});
