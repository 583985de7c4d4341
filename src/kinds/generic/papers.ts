/**
 * Tables of other papers of the same meeting, named `<paper>:<table>` (the paper's file stem, a colon, the
 * table's id) wherever a table names another: `copy_of: 02-savings:plan`, a row's `from: 02-savings:plan/fleet`,
 * a cell's `{from: 02-savings:plan/total/y2425}`. The meeting builds a paper a table names before the table
 * is computed (src/pipeline/meeting.ts); papers that name each other in a circle are `ref/cycle`.
 *
 * The exempt rules hold across papers: a public table (of a public paper, and not placed only inside an
 * exempt appendix) may not read an exempt paper, nor a table the other paper places only inside an exempt
 * appendix (`exempt/reference`); the same refusal in both builds, so the public build, which never builds the
 * exempt paper, and the restricted one report the same problem.
 */
import { closest } from "../../content/problems.ts";
import type { ComputedTable } from "../../tables/schema.ts";
import type { OtherPaper, PaperContext } from "../kind.ts";
import type { FoundTable } from "./from.ts";

/** `02-savings:plan` → the paper and the table; undefined for a name of this paper's own table. */
export function splitPaperName(name: string): { paper: string; table: string } | undefined {
  const colon = name.indexOf(":");
  return colon < 0 ? undefined : { paper: name.slice(0, colon), table: name.slice(colon + 1) };
}

/** Each other paper the table names name (`02-savings:plan`), as the meeting gives it (built first if need be). */
export async function fetchPapers(tableNames: string[], ctx: PaperContext): Promise<Map<string, OtherPaper>> {
  const out = new Map<string, OtherPaper>();
  if (!ctx.otherPaper) return out;
  const papers = new Set(tableNames.flatMap((name) => splitPaperName(name)?.paper ?? []));
  for (const paper of papers) if (paper !== ctx.slug) out.set(paper, await ctx.otherPaper(paper));
  return out;
}

const EXEMPT_HINT = "public tables cannot quote exempt material: state the figure here with its own exemption, or place this table in an exempt appendix";

/**
 * The table `<paper>:<table>` names, for a table that is public (`takerPublic`) or not. Refused: no such
 * paper or table (with a "did you mean"), a cycle of papers, and, for a public table, exempt material.
 */
export function otherPaperTable(name: string, papers: ReadonlyMap<string, OtherPaper>, ctx: PaperContext, takerPublic: boolean): FoundTable {
  const { paper, table } = splitPaperName(name)!;
  if (paper === ctx.slug) return { refused: `'${paper}' is this paper`, hint: `name a table of this paper without the paper's name: '${table}'` };
  // No meeting to ask (it could not be read): its own problem is reported, and this cannot be checked.
  if (!ctx.otherPaper) return { absent: true };
  const other = papers.get(paper);
  if (other === undefined) {
    const near = closest(paper, ctx.otherPaperNames?.() ?? []);
    return { refused: `'${paper}' is not a paper of this meeting`, hint: near ? `did you mean '${near}'?` : `papers: ${ctx.otherPaperNames?.().join(", ") || "(none)"}` };
  }
  if ("inCycle" in other) return { absent: true };
  if ("cycle" in other) return { refused: `papers take tables from each other in a circle: ${other.cycle.join(" → ")}`, hint: "a paper may take from another only if that one takes nothing back from it: state the figures in one of them", rule: "ref/cycle" };
  if (other.exempt && takerPublic) return { refused: `paper '${paper}' is exempt (not for publication), and this table is public`, hint: EXEMPT_HINT, rule: "exempt/reference" };
  // An exempt paper the public build does not build, read by an exempt table: neither is published.
  if ("unbuilt" in other) return { absent: true };
  const exemptTable = other.tables.exemptTables.has(table);
  if (exemptTable && takerPublic) return { refused: `table '${table}' of paper '${paper}' is placed only inside its exempt appendix`, hint: EXEMPT_HINT, rule: "exempt/reference" };
  const found: ComputedTable | undefined = other.tables.tables.get(table);
  if (found) return { table: { ...found, id: name } };
  if (exemptTable) return { absent: true }; // exempt by placement, left out of a public build
  const near = closest(table, [...other.tables.tables.keys()]);
  return { refused: `paper '${paper}' has no table '${table}'`, hint: near ? `did you mean '${near}'?` : `its tables: ${[...other.tables.tables.keys()].join(", ") || "(none)"}` };
}
