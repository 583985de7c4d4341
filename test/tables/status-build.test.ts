/**
 * Status columns end to end: the fixture `status` (test/fixtures/projects/status), a collaboration board with
 * its own status scale and a quarterly update rating each project, built as a site (HTML only) and checked;
 * then the committee's scale and a cell broken, each problem reported at its line.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build, check } from "../../src/pipeline/index.ts";
import { edit, fixtureProject } from "../helpers.ts";

const PAPER = "meetings/2024-10-03/02-collaboration";
let project: string;
let site: string;
const read = (path: string) => readFileSync(join(site, path), "utf8");
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

beforeAll(async () => {
  project = fixtureProject("status");
  site = join(project, "_site");
  const built = await build({ root: project, outDir: site, pdf: false, clean: true, log: () => {} });
  expect(built.published, built.problems.format(project)).toBe(true);
}, 120_000);

describe("a RAG status update", () => {
  it("checks clean", async () => {
    const { problems } = await check(project);
    expect(problems.format(project)).toBe("0 errors, 0 warnings");
  });

  it("prints each status as its label, after its symbol drawn in its colour and hidden from screen readers", () => {
    const html = read(`${PAPER}/index.html`);
    const estates = html.slice(html.indexOf("Estates co-location</th>"));
    expect(estates).toMatch(/^Estates co-location<\/th>\s*<td><svg class="status-symbol"[^>]* aria-hidden="true" focusable="false"><path d="M1\.6 0[^"]*" fill="#d4351c"\/><\/svg>Red – off track<\/td>/);
  });

  it("counts the projects by status, in prose and in the chart's summary", () => {
    const page = text(read(`${PAPER}/index.html`));
    expect(page).toContain("Of the 7 projects in the programme, 2 are off track, 2 are at risk and 2 are on track; 1 has been completed.");
    expect(page).toContain("By status: Red – off track 2, Amber – at risk 2, Green – on track 2, Complete 1.");
    expect(page).toContain("Coloured by status: Red – off track: Estates co-location, Forensic laboratory;");
  });

  it("draws the charts in the scale's colours, with a legend of the labels in the scale's order", () => {
    const html = read(`${PAPER}/index.html`);
    const chart = html.slice(html.indexOf('id="fig-by-status-chart"'), html.indexOf('id="fig-budget-chart"'));
    for (const colour of ["#d4351c", "#cc6600", "#00703c", "#1d70b8"]) expect(chart).toContain(`fill="${colour}"`);
    const legend = ["Red – off track", "Amber – at risk", "Green – on track", "Complete"].map((label) => chart.lastIndexOf(`>${label}<`));
    expect(legend.every((at) => at > 0)).toBe(true);
    expect([...legend].sort((a, b) => a - b)).toEqual(legend);
  });

  it("gives the labels in the CSV", () => {
    const csv = read(`${PAPER}/02-collaboration-projects.csv`).split("\n");
    expect(csv[3]).toBe("Estates co-location,Red – off track,3000000,The planning application was refused.");
    expect(read(`${PAPER}/02-collaboration-by-status.csv`)).toBe("Status,Projects\nRed – off track,2\nAmber – at risk,2\nGreen – on track,2\nComplete,1\nAll projects,7\n");
  });
});

describe("status problems, at their place", () => {
  it("reports a faint colour in the committee file, and a status not on the scale at its cell", async () => {
    const broken = fixtureProject("status");
    edit(broken, "data/committees/ncb.yaml", 'colour: "#cc6600"', 'colour: "#f47738"');
    edit(broken, "data/meetings/2024-10-03/02-collaboration.yaml", "rag: green, budget: 450000", "rag: Green – on track, budget: 450000");
    const { problems } = await check(broken);
    const lines = problems.sorted().map((p) => `${p.file.slice(broken.length + 1)}:${p.line}:${p.column} ${p.rule}`);
    expect(lines).toEqual(expect.arrayContaining(["data/committees/ncb.yaml:17:49 status/contrast", "data/meetings/2024-10-03/02-collaboration.yaml:17:47 value/status"]));
    expect(problems.list.find((p) => p.rule === "status/contrast")!.message).toContain("2.78:1");
  });
});
