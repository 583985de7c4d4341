/**
 * The meeting cache (src/pipeline/incremental.ts): a rebuild reuses every meeting whose inputs did not
 * change, and after an edit to a data file, a chart spec or a template exactly the outputs that depend
 * on it change, and the site is byte-identical to a clean build of the same content.
 */
import { describe, expect, it } from "vitest";
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../src/pipeline/index.ts";
import { edit, fileHashes, fixtureProject } from "../helpers.ts";

const OLDER = "2025-01-23";
const NEWER = "2025-03-06";
const PAPER = "02-libraries";

/**
 * The one-paper fixture (test/fixtures/projects/small) with a second meeting six weeks earlier, made from its
 * own files. Its paper has a table, and a chart declared in the data file with a spec (what an author edits).
 */
function twoMeetingProject(): string {
  const project = fixtureProject("small");
  cpSync(join(project, "content", "meetings", NEWER), join(project, "content", "meetings", OLDER), { recursive: true });
  cpSync(join(project, "data", "meetings", NEWER), join(project, "data", "meetings", OLDER), { recursive: true });
  edit(project, `content/meetings/${OLDER}/meeting.yaml`, `date: ${NEWER}`, `date: ${OLDER}`);
  return project;
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

/** Files about the whole site, which follow any page that changes: the manifest (it lists every file's hash) and the search index. */
const siteWide = (file: string) => file === "manifest.json" || file.startsWith("pagefind/");

/** The pages and downloads that changed, leaving out the site-wide files. */
const changedPages = (before: Map<string, string>, after: Map<string, string>) => changed(before, after).filter((f) => !siteWide(f));

async function buildSite(project: string, clean: boolean) {
  process.env.SOURCE_DATE_EPOCH = "1670457600";
  const out = join(mkdtempSync(join(tmpdir(), "panelpress-incremental-")), "site");
  const outcome = await build({ root: project, outDir: out, pdf: false, clean, log: () => {} });
  expect(outcome.published, outcome.problems.format(project)).toBe(true);
  return { out, built: (outcome.site?.meetings ?? []).map((m) => m.id).sort(), reused: outcome.reused.map((r) => r.summary.id).sort(), warnings: outcome.problems.warningCount, report: outcome.problems.format(project), files: fileHashes(out) };
}

describe("the meeting cache", () => {
  it("rebuilds only what an edit touches, and matches a clean build", { timeout: 300_000 }, async () => {
    const project = twoMeetingProject();
    // A warning to replay: page furniture typed into the text (text/page-furniture).
    appendFileSync(join(project, `content/meetings/${OLDER}/papers/${PAPER}.md`), "\nPage 3\n");
    const first = await buildSite(project, true);
    expect(first.built).toEqual([OLDER, NEWER]);
    expect(first.files.has(`meetings/${OLDER}/${PAPER}/index.html`)).toBe(true);
    expect(readFileSync(join(project, `data/meetings/${OLDER}/${PAPER}.yaml`), "utf8")).toContain("spec: {width: 420}");

    // Nothing changed: nothing is built, and the site (warnings too) is the same.
    const again = await buildSite(project, false);
    expect(again.built).toEqual([]);
    expect(again.reused).toEqual([OLDER, NEWER]);
    expect(again.warnings).toBe(first.warnings);
    // Replayed warnings are reported as found, each with its line (read when shown, not held by the build).
    expect(first.report).toMatch(/^ {4}\d+ \| \S/m);
    expect(again.report).toBe(first.report);
    expect(changed(first.files, again.files)).toEqual([]);

    // A data edit in the paper of the newer meeting: that paper's page and its data downloads change.
    edit(project, `data/meetings/${NEWER}/${PAPER}.yaml`, "y2425: 190550", "y2425: 190650");
    const dataEdit = await buildSite(project, false);
    expect(dataEdit.built).toEqual([NEWER]);
    expect(dataEdit.reused).toEqual([OLDER]);
    const dataChanged = changedPages(again.files, dataEdit.files);
    expect(dataChanged).toContain(`meetings/${NEWER}/${PAPER}/index.html`);
    expect(dataChanged.every((f) => f.startsWith(`meetings/${NEWER}/${PAPER}/`)), dataChanged.join(", ")).toBe(true);
    expect(changed((await buildSite(project, true)).files, dataEdit.files)).toEqual([]);

    // A chart spec edit in the older meeting: only the page with that chart changes.
    edit(project, `data/meetings/${OLDER}/${PAPER}.yaml`, "spec: {width: 420}", "spec: {width: 440}");
    const chartEdit = await buildSite(project, false);
    expect(chartEdit.built).toEqual([OLDER]);
    expect(changedPages(dataEdit.files, chartEdit.files)).toEqual([`meetings/${OLDER}/${PAPER}/index.html`]);
    expect(changed((await buildSite(project, true)).files, chartEdit.files)).toEqual([]);

    // A template edit: every meeting is rebuilt, and every page using the template changes.
    edit(project, "templates/layouts/base.njk", "<main", "<main data-edited");
    const templateEdit = await buildSite(project, false);
    expect(templateEdit.built).toEqual([OLDER, NEWER]);
    const pages = [...templateEdit.files.keys()].filter((f) => f.endsWith(".html") && readFileSync(join(templateEdit.out, f), "utf8").includes("<main data-edited"));
    expect(pages).toEqual(expect.arrayContaining(["index.html", `meetings/${OLDER}/index.html`, `meetings/${OLDER}/${PAPER}/index.html`, `meetings/${NEWER}/index.html`, `meetings/${NEWER}/${PAPER}/index.html`]));
    expect(changedPages(chartEdit.files, templateEdit.files)).toEqual(pages.sort());
    expect(changed((await buildSite(project, true)).files, templateEdit.files)).toEqual([]);

    // A meeting removed: gone from the site, the index and the manifest, and its record forgotten.
    rmSync(join(project, "content", "meetings", OLDER), { recursive: true });
    rmSync(join(project, "data", "meetings", OLDER), { recursive: true });
    const removed = await buildSite(project, false);
    expect(removed.reused).toEqual([NEWER]);
    expect([...removed.files.keys()].some((f) => f.includes(OLDER))).toBe(false);
    expect(existsSync(join(project, ".panelpress-cache", "meetings", "public-html", OLDER))).toBe(false);
    expect(changed((await buildSite(project, true)).files, removed.files)).toEqual([]);
  });

  it("is left by a clean build for the leak check too: the next build does not read the site again", { timeout: 300_000 }, async () => {
    const project = fixtureProject("wessex"); // exempt material: the leak check has needles
    await buildSite(project, true);
    const kept = readdirSync(join(project, ".panelpress-cache", "leak"));
    expect(kept.length).toBeGreaterThan(0);
    await buildSite(project, false);
    expect(readdirSync(join(project, ".panelpress-cache", "leak")).sort()).toEqual(kept.sort()); // the next build's verdicts are all among the clean build's
  });

  it("goes with the project when it is moved or copied (no absolute path in a key)", { timeout: 300_000 }, async () => {
    const project = twoMeetingProject();
    const first = await buildSite(project, true);
    const moved = join(mkdtempSync(join(tmpdir(), "panelpress-moved-")), "elsewhere");
    cpSync(project, moved, { recursive: true, verbatimSymlinks: true });
    const there = await buildSite(moved, false);
    expect(there.built).toEqual([]);
    expect(there.reused).toEqual([OLDER, NEWER]);
    expect(changed(first.files, there.files)).toEqual([]);
  });
});
