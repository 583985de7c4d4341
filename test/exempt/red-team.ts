/**
 * The red team: what a hurried (or careless, or clever) author could write to publish exempt material.
 * Each attack is a small edit of the test fixture `wessex` (a public paper with an exempt appendix that
 * places an exempt table, chart and value; an exempt paper; a second meeting). For each, the public build
 * either refuses with the named rule at the named file and line, or publishes no byte of exempt
 * material: no secret word in any HTML, CSV, JSON or other text file, nor any PDF page's text.
 *
 * The attacks, and how one is run: red-team.test.ts runs those built without PDFs (alongside other files
 * that need no browser), red-team-print.test.ts those printed too.
 */
import { expect } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "../../src/pipeline/index.ts";
import { filesUnder } from "../../src/lib/files.ts";
import { fixtureProject, sharedBuild } from "../helpers.ts";
import { pageTexts } from "../e2e/pdf.ts";

/** Words only the exempt material of the fixture contains. */
const SECRETS = ["Quillfeather", "Obsidian Lantern", "Brackenfold", "Zarnovic", "Glimmerwick", "734,219", "734219", "812,345", "58,317", "Vexmoor", "undercut the next bidder"];

const FLEET = "content/meetings/2024-03-14/papers/01-fleet.md";
/** A PNG file of one pixel: a picture to place. */
const ONE_PIXEL_PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0a9e90000000049454e44ae426082", "hex");
const FLEET_DATA = "data/meetings/2024-03-14/01-fleet.yaml";
const SETTLEMENT = "content/meetings/2024-03-14/papers/02-settlement.md";
const MEETING = "content/meetings/2024-03-14/meeting.yaml";
const LATER = "content/meetings/2024-06-20/papers/01-update.md";
const EXEMPT_HEADING = "# Appendix: Negotiated terms {exempt=3}";
const EXEMPT_SENTENCE = "The preferred bidder is Quillfeather Marine Logistics, whose tender undercut the next bidder by a margin the panel should not disclose.";
const PAPER_SENTENCE = "The Glimmerwick depot claim would be settled by a payment of £58,317 spread across two financial years.";

export type Expect = "published clean" | { rule: string; file: string; line?: number };

export interface Attack {
  name: string;
  /** The edit of the fixture; none: the fixture as it is, read from its shared build (sharedBuild(), with PDFs). */
  edit?(project: string): void;
  expect: Expect;
  /** Build PDFs too (slower): for attacks whose outcome could differ in print. */
  pdf?: boolean;
}

function replace(project: string, file: string, from: string | RegExp, to: string): void {
  const path = join(project, file);
  const text = readFileSync(path, "utf8");
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`attack edit: '${String(from)}' not found in ${file}`);
  writeFileSync(path, changed);
}

const heading = (to: string) => (p: string) => replace(p, FLEET, EXEMPT_HEADING, to);
const append = (file: string, text: string) => (p: string) => writeFileSync(join(p, file), `${readFileSync(join(p, file), "utf8")}\n${text}\n`);
const publicPara = (text: string) => (p: string) => replace(p, FLEET, "## Spending\n", `## Spending\n\n${text}\n`);
const marker = (line?: number): Expect => ({ rule: "exempt/marker", file: FLEET, ...(line ? { line } : {}) });
const quoted = (file: string): Expect => ({ rule: "exempt/quoted", file });
const LINE_OF_HEADING = 23; // the exempt heading's line in 01-fleet.md
const SETTLEMENT_DATA = "data/meetings/2024-03-14/02-settlement.yaml";
const SUMMARY = "content/meetings/2024-03-14/papers/03-summary.md";
const SUMMARY_DATA = "data/meetings/2024-03-14/03-summary.yaml";

/** The exempt paper given a data file whose table holds its secret figure. */
function settlementTable(p: string): void {
  writeFileSync(join(p, SETTLEMENT_DATA), "tables:\n  claim:\n    caption: Settlement\n    columns:\n      - {key: part, label: Part, row_header: true}\n      - {key: amount, label: Amount, type: money}\n    rows:\n      - {id: payment, part: Glimmerwick payment, amount: 58317}\n");
  replace(p, SETTLEMENT, "## Terms\n", "## Terms\n\n::: table claim\n");
}

/** A public table of the fleet paper, placed in its public part, whose rows are `rows` (YAML lines). */
function publicTable(p: string, head: string, rows: string): void {
  replace(p, FLEET_DATA, "tables:\n", `tables:\n  taken:\n    caption: Taken\n${head}    columns:\n      - {key: lot, label: Lot, type: text, row_header: true}\n      - {key: amount, label: Amount, type: money}\n    rows:\n${rows}`);
  publicPara("The settlement is in [@fig:taken].\n\n::: table taken\n")(p);
}

/** A third, public paper of the meeting, whose table takes `from` (a cell of another paper). */
function summaryPaper(p: string, from: string): void {
  writeFileSync(join(p, MEETING), `${readFileSync(join(p, MEETING), "utf8")}  - title: Summary\n    ref: WTP/03/24\n    kind: paper\n    paper: 03-summary\n`);
  writeFileSync(join(p, SUMMARY), "---\ntitle: Summary\ncover: report\nauthor: Head of Fleet Services\nfor: noting\nnumbering: paragraphs\n---\n\n## Summary\n\nThe lowest bid is in [@fig:summary].\n\n::: table summary\n");
  writeFileSync(join(p, SUMMARY_DATA), `tables:\n  summary:\n    caption: Summary\n    columns:\n      - {key: lot, label: Lot, type: text, row_header: true}\n      - {key: bid, label: Bid, type: money}\n    rows:\n      - {id: lowest, lot: Lowest bid, bid: {from: ${from}}}\n`);
}

export const ATTACKS: Attack[] = [
  // Heading forms markdown-it accepts: exempt, whatever the spelling.
  { name: "heading indented by one space", edit: heading(` ${EXEMPT_HEADING}`), expect: "published clean" },
  { name: "heading indented by two spaces", edit: heading(`  ${EXEMPT_HEADING}`), expect: "published clean" },
  { name: "heading indented by three spaces", edit: heading(`   ${EXEMPT_HEADING}`), expect: "published clean", pdf: true },
  { name: "heading with a closing #", edit: heading(`${EXEMPT_HEADING} #`), expect: "published clean" },
  { name: "heading with closing ###", edit: heading(`${EXEMPT_HEADING} ###`), expect: "published clean" },
  { name: "setext heading", edit: heading("Appendix: Negotiated terms {exempt=3}\n==="), expect: "published clean", pdf: true },
  { name: "tab after #", edit: heading("#\tAppendix: Negotiated terms {exempt=3}"), expect: "published clean" },
  { name: "trailing spaces after the marker", edit: heading(`${EXEMPT_HEADING}   `), expect: "published clean" },
  { name: "Windows line endings throughout", edit: (p) => writeFileSync(join(p, FLEET), readFileSync(join(p, FLEET), "utf8").replace(/\n/g, "\r\n")), expect: "published clean" },
  { name: "paragraphs as {exempt=3, 4}", edit: heading("# Appendix: Negotiated terms {exempt=3, 4}"), expect: "published clean" },
  { name: "full-width braces", edit: heading("# Appendix: Negotiated terms ｛exempt=3｝"), expect: marker(LINE_OF_HEADING) },
  // Near-misses: refused where they are, never published.
  { name: "indented four spaces (a code block)", edit: heading(`    ${EXEMPT_HEADING}`), expect: marker(LINE_OF_HEADING) },
  { name: "{exempt = 3}", edit: heading("# Appendix: Negotiated terms {exempt = 3}"), expect: marker(LINE_OF_HEADING) },
  { name: "{exempt=}", edit: heading("# Appendix: Negotiated terms {exempt=}"), expect: marker(LINE_OF_HEADING) },
  { name: "{exempt=9} (no such paragraph)", edit: heading("# Appendix: Negotiated terms {exempt=9}"), expect: marker(LINE_OF_HEADING) },
  { name: "{ exempt=3 }", edit: heading("# Appendix: Negotiated terms { exempt=3 }"), expect: marker(LINE_OF_HEADING) },
  { name: "{EXEMPT=3}", edit: heading("# Appendix: Negotiated terms {EXEMPT=3}"), expect: marker(LINE_OF_HEADING) },
  { name: "{exempt=3} twice", edit: heading("# Appendix: Negotiated terms {exempt=3} {exempt=3}"), expect: marker(LINE_OF_HEADING) },
  { name: "a zero-width space inside the marker", edit: heading("# Appendix: Negotiated terms {exe\u200Bmpt=3}"), expect: marker(LINE_OF_HEADING) },
  { name: "#Appendix with no space (a paragraph)", edit: heading("#Appendix: Negotiated terms {exempt=3}"), expect: marker(LINE_OF_HEADING) },
  { name: "a non-breaking space after #", edit: heading("#\u00A0Appendix: Negotiated terms {exempt=3}"), expect: marker(LINE_OF_HEADING) },
  { name: "## instead of #", edit: heading("## Appendix: Negotiated terms {exempt=3}"), expect: marker(LINE_OF_HEADING) },
  { name: "the marker on a section heading", edit: heading("# Negotiated terms {exempt=3}"), expect: marker(LINE_OF_HEADING) },
  { name: "inside a block quote", edit: heading(`> ${EXEMPT_HEADING}`), expect: marker(LINE_OF_HEADING) },
  { name: "inside a list item", edit: heading(`- ${EXEMPT_HEADING}`), expect: marker(LINE_OF_HEADING) },
  { name: "inside a callout", edit: heading(`::: callout\n${EXEMPT_HEADING}\n:::`), expect: marker(LINE_OF_HEADING + 1) },
  { name: "inside a fenced code block", edit: heading(`\`\`\`\n${EXEMPT_HEADING}\n\`\`\``), expect: marker(LINE_OF_HEADING + 1) },
  { name: "a title that says exempt, with no marker", edit: heading("# Appendix: Exempt negotiated terms"), expect: { rule: "exempt/unmarked", file: FLEET, line: LINE_OF_HEADING } },
  { name: "a title that says confidential, with no marker", edit: heading("# Appendix: Negotiated terms (confidential)"), expect: { rule: "exempt/unmarked", file: FLEET, line: LINE_OF_HEADING } },
  { name: "an unmarked exempt paragraph", edit: publicPara("{exempt=3} Our reserve price is commercially sensitive."), expect: marker() },
  // Exempt text pasted into public text: refused at both places, in any meeting.
  { name: "an exempt paper's sentence pasted into a public paper", edit: publicPara(PAPER_SENTENCE), expect: quoted(FLEET) },
  { name: "an exempt appendix's sentence pasted into the public part", edit: publicPara(EXEMPT_SENTENCE), expect: quoted(FLEET) },
  { name: "an exempt sentence pasted into a later meeting's paper", edit: append(LATER, PAPER_SENTENCE), expect: quoted(LATER) },
  { name: "pasted with soft hyphens", edit: publicPara(PAPER_SENTENCE.replace("Glimmerwick", "Glim\u00ADmer\u00ADwick").replace("settled", "set\u00ADtled")), expect: quoted(FLEET) },
  { name: "pasted in capitals with curly quotes", edit: publicPara(`“${PAPER_SENTENCE.toUpperCase()}”`), expect: quoted(FLEET) },
  { name: "pasted into an image's alt text", edit: publicPara(`![${EXEMPT_SENTENCE}](chart.png)`), expect: quoted(FLEET) },
  { name: "pasted into a link title", edit: publicPara(`[the tender](https://example.org "${EXEMPT_SENTENCE}")`), expect: quoted(FLEET) },
  { name: "pasted into a footnote", edit: publicPara(`See the note.[^1]\n\n[^1]: ${EXEMPT_SENTENCE}`), expect: quoted(FLEET) },
  { name: "pasted into the front matter", edit: (p) => replace(p, FLEET, "for: noting", `for: noting\nrecommendations:\n  - "${PAPER_SENTENCE}"`), expect: quoted(FLEET) },
  { name: "pasted into an agenda description", edit: (p) => replace(p, MEETING, "  - title: Apologies\n", `  - title: Apologies\n    description: ${PAPER_SENTENCE}\n`), expect: quoted(MEETING) },
  { name: "an exempt value pasted into public prose", edit: publicPara("The lowest bid came from Obsidian Lantern Holdings."), expect: quoted(FLEET) },
  { name: "an exempt sentence in a public table cell (data file)", edit: (p) => replace(p, FLEET_DATA, "{id: vans, lot: Vans,", `{id: vans, lot: "${PAPER_SENTENCE}",`), expect: { rule: "exempt/leak", file: "content" } },
  { name: "an HTML comment in Markdown", edit: publicPara(`<!-- ${PAPER_SENTENCE} -->`), expect: quoted(FLEET) },
  // References into exempt material.
  { name: "[@value:…] of a cell of an exempt table", edit: publicPara("The lowest bid was [@value:lowest-bid]."), expect: { rule: "exempt/reference", file: FLEET } },
  { name: "[@fig:…] of an exempt table", edit: publicPara("See [@fig:secret-bids]."), expect: { rule: "exempt/reference", file: FLEET } },
  { name: "[@fig:…] of an exempt chart", edit: publicPara("See [@fig:secret-chart]."), expect: { rule: "exempt/reference", file: FLEET } },
  { name: "[@para:…] into an exempt appendix", edit: (p) => { replace(p, FLEET, "once the Vexmoor depot transfers.", "once the Vexmoor depot transfers. {#rebate-para}"); publicPara("As [@para:rebate-para] says.")(p); }, expect: { rule: "exempt/reference", file: FLEET } },
  // Exempt by placement: no CSV, no figure, no value.
  { name: "a table placed only in the exempt appendix (no CSV)", expect: "published clean", pdf: true },
  { name: "an image placed only in the exempt appendix (its file not published)", edit: (p) => { writeFileSync(join(p, FLEET, "..", "secret-site-plan.png"), ONE_PIXEL_PNG); replace(p, FLEET, "The negotiated rebate", "![Plan of the depot site](secret-site-plan.png)\n\nThe negotiated rebate"); }, expect: "published clean" },
  { name: "a value quoted only in the exempt appendix", edit: (p) => replace(p, FLEET_DATA, 'rebate: {value: "Zarnovic rebate tier", type: text}', 'rebate: {value: "Zarnovic", type: text}'), expect: "published clean" },
  { name: "an exempt appendix with no end but the file's", edit: (p) => replace(p, FLEET, "# Appendix: Supplier detail\n\nThe public appendix lists the lots advertised during the year in open competition.\n\n", ""), expect: "published clean" },
  { name: "a public appendix after the exempt one stays public", edit: append(FLEET, "# Appendix: Glossary\n\nA lot is a part of a contract let on its own."), expect: "published clean" },
  { name: "a ## heading inside the exempt appendix", edit: (p) => replace(p, FLEET, "The negotiated rebate", "## Rebate\n\nThe negotiated rebate"), expect: "published clean" },
  { name: "a # heading inside the exempt appendix", edit: (p) => replace(p, FLEET, "The negotiated rebate", "# Rebate\n\nThe negotiated rebate"), expect: { rule: "markdown/heading", file: FLEET } },
  // Tables of other papers of the meeting (<paper>:<table>): refused at the public table's cell, in both builds.
  { name: "a public table takes a cell of the exempt paper", edit: (p) => { settlementTable(p); publicTable(p, "", "      - {id: paid, lot: Paid, amount: {from: 02-settlement:claim/payment/amount}}\n"); }, expect: { rule: "exempt/reference", file: FLEET_DATA, line: 12 } },
  { name: "a public table takes a row of the exempt paper", edit: (p) => { settlementTable(p); publicTable(p, "", "      - {id: payment, lot: Paid, from: 02-settlement:claim/payment}\n"); }, expect: { rule: "exempt/reference", file: FLEET_DATA, line: 12 } },
  { name: "a public table copies the exempt paper's table", edit: (p) => { settlementTable(p); publicTable(p, "    copy_of: 02-settlement:claim\n", "      - {id: payment, lot: Paid, amount: 1}\n"); }, expect: { rule: "exempt/reference", file: FLEET_DATA, line: 8 } },
  { name: "another paper's public table takes a cell of an exempt appendix's table", edit: (p) => summaryPaper(p, "01-fleet:secret-bids/qm/bid"), expect: { rule: "exempt/reference", file: SUMMARY_DATA, line: 8 } },
  // Whole papers.
  { name: "an exempt paper put on a public agenda item", edit: (p) => replace(p, MEETING, "    exempt: {paragraphs: [3]}\n", ""), expect: { rule: "exempt/public-item", file: SETTLEMENT } },
  { name: "an exempt paper on a second, public item", edit: (p) => replace(p, MEETING, "  - title: Apologies\n    kind: procedural\n", "  - title: Apologies\n    kind: procedural\n  - title: Settlement (copy)\n    ref: WTP/00/24\n    kind: paper\n    paper: 02-settlement\n"), expect: { rule: "agenda/duplicate-paper", file: MEETING } },
  { name: "a public paper that is a symbolic link to the exempt one", edit: (p) => { rmSync(join(p, FLEET)); symlinkSync(join(p, SETTLEMENT), join(p, FLEET)); }, expect: { rule: "exempt/public-item", file: FLEET } },
  // Charts are data, not code.
  { name: "a chart spec reading /etc/passwd", edit: (p) => replace(p, FLEET_DATA, "    y: [bid]", "    y: [bid]\n    spec: {data: {url: /etc/passwd}}"), expect: { rule: "chart/spec", file: FLEET_DATA } },
  { name: "a chart spec reading the exempt paper", edit: (p) => replace(p, FLEET_DATA, "    y: [bid]", `    y: [bid]\n    spec: {data: {url: "file://${join(p, SETTLEMENT)}", format: {type: tsv}}}`), expect: { rule: "chart/spec", file: FLEET_DATA } },
  { name: "a chart spec with inline data values", edit: (p) => replace(p, FLEET_DATA, "    y: [bid]", '    y: [bid]\n    spec: {data: {values: [{category: "Glimmerwick", value: 1}]}}'), expect: { rule: "chart/spec", file: FLEET_DATA } },
  { name: "a chart spec with an image mark", edit: (p) => replace(p, FLEET_DATA, "    y: [bid]", "    y: [bid]\n    spec: {mark: {type: image}, encoding: {url: {value: /etc/hostname}}}"), expect: { rule: "chart/spec", file: FLEET_DATA } },
];

async function attempt(attack: Attack & { edit(project: string): void }) {
  const project = fixtureProject("wessex");
  attack.edit(project);
  const out = join(mkdtempSync(join(tmpdir(), "panelpress-redteam-out-")), "site");
  const outcome = await build({ root: project, outDir: out, pdf: Boolean(attack.pdf), clean: true, log: () => {} });
  return { project, out, outcome };
}

/** Every secret found in any output file: text files as they are, PDFs page by page. */
function secretsIn(out: string): string[] {
  return filesUnder(out).flatMap((file) => {
    const path = join(out, file);
    const text = file.endsWith(".pdf") ? pageTexts(path).join("\n").replace(/\s+/g, " ") : /\.(woff2?|png|jpe?g)$/.test(file) ? "" : readFileSync(path, "utf8");
    return SECRETS.filter((s) => text.includes(s) || file.includes(s)).map((s) => `${file}: ${s}`);
  });
}

/** A published site with no exempt word in any file or file name (and PDFs, when it was printed). */
function expectClean(out: string, printed: boolean): void {
  expect(secretsIn(out)).toEqual([]);
  expect(filesUnder(out).filter((f) => f.includes("secret"))).toEqual([]);
  if (printed) expect(filesUnder(out).some((f) => f.endsWith(".pdf"))).toBe(true);
}

/** Run an attack and check its outcome: refused where the attack is, or published with no exempt word. */
export async function runAttack(attack: Attack): Promise<void> {
  if (!attack.edit) {
    // The fixture as it is (sharedBuild() fails on a build that did not publish).
    expectClean((await sharedBuild("wessex")).out, true);
    return;
  }
  process.env.SOURCE_DATE_EPOCH = "1710374400";
  const { project, out, outcome } = await attempt({ ...attack, edit: attack.edit });
  const errors = outcome.problems.list.filter((p) => p.severity === "error");
  if (attack.expect === "published clean") {
    expect(outcome.published, outcome.problems.format(project)).toBe(true);
    expectClean(out, Boolean(attack.pdf));
  } else {
    const { rule, file, line } = attack.expect;
    expect(outcome.published).toBe(false);
    expect(existsSync(out)).toBe(false);
    const hit = errors.find((p) => p.rule === rule && p.file.startsWith(join(project, file)) && (line === undefined || p.line === line));
    expect(hit, `expected ${rule} at ${file}${line ? `:${line}` : ""}; got:\n${outcome.problems.format(project)}`).toBeDefined();
    // Every content error says how to fix it, and never as a stack trace.
    for (const error of errors) expect(error.message).not.toMatch(/\n\s+at /);
  }
}
