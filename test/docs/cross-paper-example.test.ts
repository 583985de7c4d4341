/**
 * The example of "Tables of other papers of the meeting" in docs/content-format.md: its two data files, as
 * two papers of one meeting, check clean, and the taking paper prints what its comments say.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../../src/pipeline/index.ts";
import { bodyHtmlOf } from "../golden.ts";
import { edit, fixtureProject, ROOT } from "../helpers.ts";

const PAPERS = "content/meetings/2025-03-06/papers";
const DATA = "data/meetings/2025-03-06";

/** The YAML blocks of a section of the document, in order. */
function examplesIn(doc: string, heading: string): string[] {
  const start = doc.indexOf(heading);
  const section = doc.slice(start, doc.indexOf("\n## ", start + 1) < 0 ? undefined : doc.indexOf("\n## ", start + 1));
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

const front = (title: string) => `---\ntitle: ${title}\ncover: report\nauthor: Head of Libraries\nfor: noting\nenquiries:\n  - name: Olwen Featherstonehaugh\n    role: Committee Officer\n    email: committees@brackenridge.example\nnumbering: paragraphs\n---\n\n`;

describe("the documented tables of other papers", () => {
  it("check clean and print the figures their comments give", async () => {
    const doc = readFileSync(join(ROOT, "docs", "content-format.md"), "utf8");
    const [budget, libraries] = examplesIn(doc, "### Tables of other papers of the meeting");
    expect(budget).toContain("03-budget.yaml");
    expect(libraries).toContain("02-libraries.yaml");
    const dir = fixtureProject("small");
    edit(dir, "content/meetings/2025-03-06/meeting.yaml", /$/, "  - title: Library Budget\n    ref: BVP/08/25\n    kind: paper\n    paper: 03-budget\n");
    writeFileSync(join(dir, PAPERS, "03-budget.md"), `${front("Library Budget")}## Budget\n\nThe costs are in [@fig:budget].\n\n::: table budget\n`);
    writeFileSync(join(dir, PAPERS, "02-libraries.md"), `${front("Library Opening Hours")}## Cost\n\nThe cost is in [@fig:cost], and over two years in [@fig:cost-again].\n\n::: table cost\n\n::: table cost-again\n`);
    writeFileSync(join(dir, DATA, "03-budget.yaml"), budget!);
    writeFileSync(join(dir, DATA, "02-libraries.yaml"), libraries!);
    const { problems, site } = await check(dir);
    expect(problems.list, problems.format(dir)).toEqual([]);
    const html = bodyHtmlOf(site, "02-libraries")!;
    const printed = [...libraries!.matchAll(/# "([^"]+)"/g)].map((m) => m[1]!);
    expect(printed).toEqual(["£41,200", "£7,000", "£48,200"]);
    for (const figure of printed) expect(html).toContain(`<td class="numeric">${figure}</td>`);
  }, 60_000);
});
