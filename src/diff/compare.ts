/**
 * Compare two built versions: meetings, then per meeting its facts, agenda and papers (cover facts,
 * narrative, data, charts).
 */
import type { ChartView, MeetingView, PaperView, TableView } from "../model/view.ts";
import { agendaOf, diffAgenda } from "./agenda.ts";
import { diffPublishedTables, diffStatedData } from "./data.ts";
import { readPaperBody } from "./body.ts";
import type { ChartChange, DiffReport, MeetingDiff, PaperDiff, ValueChange } from "./model.ts";
import { diffNarrative } from "./narrative.ts";
import { readData, readPaperSource, type Version } from "./revision.ts";

export function compareVersions(a: Version, b: Version): DiffReport {
  const before = new Map(a.site.meetings.map((m) => [m.id, m]));
  const after = new Map(b.site.meetings.map((m) => [m.id, m]));
  const meetings: MeetingDiff[] = [];
  for (const id of [...new Set([...after.keys(), ...before.keys()])].sort()) {
    const x = before.get(id);
    const y = after.get(id);
    if (!x || !y) {
      const m = (x ?? y)!;
      meetings.push({ id, title: m.title, status: x ? "removed" : "added", facts: [], agenda: [], papers: [] });
      continue;
    }
    const diff = compareMeeting(x, y, a, b);
    if (diff.facts.length || diff.agenda.length || diff.papers.length) meetings.push(diff);
  }
  return { from: a.name, to: b.name, errors: { from: a.errorCount, to: b.errorCount }, restricted: a.site.restricted, meetings };
}

function fact(label: string, before: string | undefined, after: string | undefined, path: string): ValueChange[] {
  if (before === after) return [];
  return [{ label, path, change: before === undefined ? "added" : after === undefined ? "removed" : "changed", before, after, derived: false }];
}

function compareMeeting(x: MeetingView, y: MeetingView, a: Version, b: Version): MeetingDiff {
  const file = `content/meetings/${y.id}/meeting.yaml`;
  const facts = [
    ...fact("date", x.dateText, y.dateText, file),
    ...fact("start", x.startText, y.startText, file),
    ...fact("venue", x.venue.text, y.venue.text, file),
    ...fact("committee", x.committee.name, y.committee.name, file),
    ...fact("contact", x.contact.name, y.contact.name, file),
  ];
  const itemsA = agendaOf(x);
  const itemsB = agendaOf(y);
  const agenda = diffAgenda(itemsA, itemsB, { before: a.paperSlugs.get(x.id) ?? new Map(), after: b.paperSlugs.get(y.id) ?? new Map() });
  const papers: PaperDiff[] = [];
  const papersA = new Map(x.papers.map((p) => [p.slug, p]));
  const papersB = new Map(y.papers.map((p) => [p.slug, p]));
  const itemOf = (items: typeof itemsA, slug: string) => items.find((i) => i.paper?.slug === slug)?.number;
  for (const paper of y.papers) {
    const old = papersA.get(paper.slug);
    const item = itemOf(itemsB, paper.slug);
    if (!old) {
      papers.push({ slug: paper.slug, title: paper.title, item, status: "added", facts: [], narrative: [], renumbered: [], data: [], charts: [] });
      continue;
    }
    const diff = comparePaper(old, paper, x.id, a, b);
    diff.item = item;
    if (diff.facts.length || diff.narrative.length || diff.renumbered.length || diff.data.length || diff.charts.length) papers.push(diff);
  }
  for (const paper of x.papers) {
    if (papersB.has(paper.slug)) continue;
    const stillOnAgenda = [...(b.paperSlugs.get(y.id)?.values() ?? [])].includes(paper.slug);
    papers.push({ slug: paper.slug, title: paper.title, item: itemOf(itemsA, paper.slug), status: stillOnAgenda ? "now-exempt" : "removed", facts: [], narrative: [], renumbered: [], data: [], charts: [] });
  }
  return { id: y.id, title: y.title, status: "changed", facts, agenda, papers };
}

function comparePaper(x: PaperView, y: PaperView, meetingId: string, a: Version, b: Version): PaperDiff {
  const file = `content/meetings/${meetingId}/papers/${y.slug}.md`;
  const facts = [
    ...fact("title", x.title, y.title, file),
    ...fact("author", x.author, y.author, file),
    ...fact("date", x.dateText, y.dateText, file),
    ...fact("purpose", x.forText, y.forText, file),
    ...fact("divisions", x.divisions, y.divisions, file),
    ...fact("enquiries", x.enquiries.map((e) => e.name).join(", "), y.enquiries.map((e) => e.name).join(", "), file),
    ...fact("recommendations", x.recommendations.join(" / "), y.recommendations.join(" / "), file),
  ];
  const bodyA = readPaperBody(x.body);
  const bodyB = readPaperBody(y.body);
  // The Markdown did not change: whatever moved in the text came from the data it quotes.
  const markdownSame = readPaperSource(a, meetingId, x.slug) === readPaperSource(b, meetingId, y.slug);
  const narrative = diffNarrative(bodyA.blocks, bodyB.blocks, markdownSame);
  const dataFile = `data/meetings/${meetingId}/${y.slug}.yaml`;
  const stated = diffStatedData(readData(a, meetingId, x.slug), readData(b, meetingId, y.slug), dataFile);
  const derived = diffPublishedTables(bodyA.tables, bodyB.tables, stated);
  return { slug: y.slug, title: y.title, status: "changed", facts, narrative: narrative.changes, renumbered: narrative.renumbered, data: [...stated, ...derived], charts: compareCharts(x.charts, y.charts) };
}

/** Charts whose data changed: compared through the data table every chart carries. */
export function compareCharts(before: ChartView[], after: ChartView[]): ChartChange[] {
  const out: ChartChange[] = [];
  const id = (c: ChartView) => c.id.replace(/^item-\d+-/, "").replace(/^fig-/, "");
  const old = new Map(before.map((c) => [id(c), c]));
  const now = new Set(after.map(id));
  for (const chart of after) {
    const previous = old.get(id(chart));
    if (!previous) {
      out.push({ label: chart.label, caption: chart.caption, id: id(chart), change: "added", points: [] });
      continue;
    }
    const points = tablePoints(previous.table, chart.table);
    if (points.length || previous.caption !== chart.caption) out.push({ label: chart.label, caption: chart.caption, id: id(chart), change: "changed", points });
  }
  for (const chart of before) {
    if (!now.has(id(chart))) out.push({ label: chart.label, caption: chart.caption, id: id(chart), change: "removed", points: [] });
  }
  return out;
}

/** The cells of a chart's data table that differ, as "row, column: before → after". */
function tablePoints(a: TableView, b: TableView): string[] {
  const columns = (t: TableView) => t.headerRows.at(-1)?.map((h) => h.text) ?? [];
  const rows = (t: TableView) => new Map(t.rows.map((r) => {
    const header = r.cells.filter((c) => c.header).map((c) => c.text).join(", ") || r.cells[0]?.text || "";
    return [header, r.cells] as const;
  }));
  const colsB = columns(b);
  const rowsA = rows(a);
  const rowsB = rows(b);
  const out: string[] = [];
  for (const [label, cells] of rowsB) {
    const was = rowsA.get(label);
    if (!was) {
      out.push(`${label}: added`);
      continue;
    }
    cells.forEach((cell, i) => {
      const old = was[i]?.text;
      if (!cell.header && old !== cell.text) out.push(`${label}, ${colsB[i] ?? `column ${i + 1}`}: ${old || "(blank)"} → ${cell.text || "(blank)"}`);
    });
  }
  for (const label of rowsA.keys()) if (!rowsB.has(label)) out.push(`${label}: removed`);
  return out;
}
