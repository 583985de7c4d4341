/**
 * The four ways to print a DiffReport: a terminal (coloured on a TTY), Markdown for a pull-request
 * comment, a readable HTML page, and JSON for tools. All print the same things in the same order:
 * per meeting, prominent agenda changes first, then the agenda, then each paper's cover facts,
 * narrative, data (stated, then derived) and charts.
 */
import type { AgendaChange, ChartChange, DiffReport, PaperDiff, ParagraphChange, ValueChange, WordPart } from "./model.ts";
import { escapeHtml } from "../lib/html.ts";

export type DiffFormat = "text" | "md" | "html" | "json";
export const DIFF_FORMATS: readonly DiffFormat[] = ["text", "md", "html", "json"];

/** Long values are clipped in the human formats (JSON keeps them whole). */
const CLIP = 240;
function clip(text: string | undefined): string {
  const t = text ?? "";
  return t.length > CLIP ? `${t.slice(0, CLIP - 1)}…` : t;
}

function valueLine(v: ValueChange): string {
  if (v.change === "added") return `${v.label}: added${v.after ? ` ${clip(v.after)}` : ""}`;
  if (v.change === "removed") return `${v.label}: removed${v.before ? ` (was ${clip(v.before)})` : ""}`;
  return `${v.label}: ${clip(v.before)} → ${clip(v.after)}`;
}

function paperHeading(p: PaperDiff): string {
  const status = p.status === "changed" ? "" : p.status === "now-exempt" ? " (NOW EXEMPT: no longer published)" : ` (${p.status.toUpperCase()})`;
  return `${p.item ? `Item ${p.item}: ` : ""}${p.title}${status}`;
}

function summaryLine(report: DiffReport): string {
  const errors = [report.errors.from ? `${report.from} has ${report.errors.from} content error(s)` : "", report.errors.to ? `${report.to} has ${report.errors.to} content error(s)` : ""].filter(Boolean);
  return `Changes from ${report.from} to ${report.to}${report.restricted ? " (members' diff: exempt items included)" : ""}${errors.length ? ` — note: ${errors.join("; ")}: run 'panelpress check'` : ""}`;
}

// ---- terminal ----

const ANSI = { red: "\x1b[31m", green: "\x1b[32m", yellow: "\x1b[33m", bold: "\x1b[1m", dim: "\x1b[2m", inverse: "\x1b[7m", reset: "\x1b[0m", strike: "\x1b[9m" } as const;

export function renderText(report: DiffReport, colour: boolean): string {
  const c = (style: keyof typeof ANSI, text: string) => (colour ? `${ANSI[style]}${text}${ANSI.reset}` : text);
  const words = (parts: WordPart[]) => parts.map((p) => (p.change === "added" ? (colour ? c("green", p.text) : `{+${p.text}+}`) : p.change === "removed" ? (colour ? c("red", c("strike", p.text)) : `[-${p.text}-]`) : p.text)).join("");
  const lines: string[] = [c("bold", summaryLine(report)), ""];
  if (report.meetings.length === 0) lines.push("No change a reader would see.");
  for (const m of report.meetings) {
    lines.push(c("bold", `== ${m.title}${m.status === "changed" ? "" : ` (${m.status.toUpperCase()})`}`));
    for (const a of m.agenda.filter((x) => x.prominent)) lines.push(c("yellow", c("bold", `  !! ${a.text}`)));
    for (const f of m.facts) lines.push(`  meeting ${valueLine(f)}`);
    const agenda = m.agenda.filter((x) => !x.prominent);
    if (agenda.length) {
      lines.push(c("bold", "  Agenda"));
      for (const a of agenda) lines.push(`    ${a.derived ? c("dim", `${a.text} [derived]`) : a.text}`);
    }
    for (const p of m.papers) {
      lines.push("", c("bold", `  -- ${paperHeading(p)}`));
      for (const f of p.facts) lines.push(`    cover: ${valueLine(f)}`);
      if (p.narrative.length) lines.push(c("bold", "    Narrative"));
      for (const n of p.narrative) lines.push(`      ${n.change} ${n.where}${n.derived ? c("dim", " [derived: a quoted value moved]") : ""}:`, `        ${words(n.parts)}`);
      if (p.renumbered.length) lines.push(c("dim", `    Paragraphs renumbered [derived]: ${p.renumbered.join(", ")}`));
      const stated = p.data.filter((d) => !d.derived);
      const derived = p.data.filter((d) => d.derived);
      if (stated.length) lines.push(c("bold", "    Data"));
      for (const d of stated) lines.push(`      ${valueLine(d)}`, c("dim", `        ${d.path}`));
      if (derived.length) lines.push(c("bold", "    Derived (moved as a consequence)"));
      for (const d of derived) lines.push(`      ${c("dim", "[derived]")} ${valueLine(d)}`, c("dim", `        in ${d.path}`));
      if (p.charts.length) lines.push(c("bold", "    Charts"));
      for (const ch of p.charts) lines.push(`      ${chartLine(ch)}`, ...ch.points.slice(0, 12).map((pt) => `        ${pt}`), ...(ch.points.length > 12 ? [`        … and ${ch.points.length - 12} more`] : []));
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

function chartLine(ch: ChartChange): string {
  return `${ch.label} ${ch.caption}: ${ch.change === "changed" ? `data changed (${ch.points.length} point${ch.points.length === 1 ? "" : "s"})` : ch.change}`;
}

// ---- Markdown ----

/** Escape text for Markdown: characters that would start formatting. */
function md(text: string): string {
  return text.replace(/([\\`*_[\]<>|~])/g, "\\$1");
}

function mdWords(parts: WordPart[]): string {
  // Strike-through and bold read well in a pull-request comment; whitespace stays outside the markers.
  return parts.map((p) => {
    if (!p.change) return md(p.text);
    const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(p.text)!;
    if (!core) return p.text;
    return `${lead}${p.change === "added" ? `**${md(core)}**` : `~~${md(core)}~~`}${trail}`;
  }).join("");
}

function mdValue(v: ValueChange): string {
  const what = v.change === "added" ? `added${v.after ? ` ${md(clip(v.after))}` : ""}` : v.change === "removed" ? `removed${v.before ? ` (was ${md(clip(v.before))})` : ""}` : `${md(clip(v.before))} → **${md(clip(v.after))}**`;
  return `- ${v.derived ? "*derived* · " : ""}**${md(v.label)}**: ${what} <sub>${md(v.path)}</sub>`;
}

export function renderMarkdown(report: DiffReport): string {
  const out: string[] = [`## ${md(summaryLine(report))}`, ""];
  if (report.meetings.length === 0) out.push("No change a reader would see.");
  for (const m of report.meetings) {
    out.push(`### ${md(m.title)}${m.status === "changed" ? "" : ` (${m.status})`}`, "");
    for (const a of m.agenda.filter((x) => x.prominent)) out.push(`> [!WARNING]`, `> **${md(a.text)}**`, "");
    for (const f of m.facts) out.push(mdValue(f));
    const agenda = m.agenda.filter((x) => !x.prominent);
    if (agenda.length) out.push("", "**Agenda**", "", ...agenda.map((a) => `- ${a.derived ? "*derived* · " : ""}${md(a.text)}`));
    for (const p of m.papers) {
      out.push("", `#### ${md(paperHeading(p))}`, "");
      for (const f of p.facts) out.push(mdValue({ ...f, label: `Cover: ${f.label}` }));
      if (p.narrative.length) out.push("", "**Narrative**", "");
      for (const n of p.narrative) out.push(`- *${n.change}* ${md(n.where)}${n.derived ? " (derived: a quoted value moved)" : ""}: ${mdWords(n.parts.map((x) => ({ ...x, text: clipParts(x.text, n) })))}`);
      if (p.renumbered.length) out.push("", `*Derived:* paragraphs renumbered ${md(p.renumbered.join(", "))}`);
      const stated = p.data.filter((d) => !d.derived);
      const derived = p.data.filter((d) => d.derived);
      if (stated.length) out.push("", "**Data**", "", ...stated.map(mdValue));
      if (derived.length) out.push("", "**Derived values** (moved as a consequence)", "", ...derived.map(mdValue));
      if (p.charts.length) out.push("", "**Charts**", "");
      for (const ch of p.charts) {
        out.push(`- ${md(chartLine(ch))}`);
        if (ch.points.length) out.push(...ch.points.slice(0, 12).map((pt) => `  - ${md(pt)}`));
      }
    }
    out.push("");
  }
  return `${out.join("\n")}\n`;
}

/** Added or removed whole paragraphs are long: clip them; changed ones keep their words (the point). */
function clipParts(text: string, n: ParagraphChange): string {
  return n.change === "changed" ? text : clip(text);
}

// ---- HTML ----


function htmlWords(parts: WordPart[]): string {
  return parts.map((p) => (p.change === "added" ? `<ins>${escapeHtml(p.text)}</ins>` : p.change === "removed" ? `<del>${escapeHtml(p.text)}</del>` : escapeHtml(p.text))).join("");
}

function htmlValues(values: ValueChange[]): string {
  const rows = values.map((v) => `<tr${v.derived ? ' class="derived"' : ""}><th scope="row">${escapeHtml(v.label)}${v.derived ? ' <span class="tag">derived</span>' : ""}</th><td>${v.change === "added" ? "<i>added</i>" : `<del>${escapeHtml(clip(v.before))}</del>`}</td><td>${v.change === "removed" ? "<i>removed</i>" : `<ins>${escapeHtml(clip(v.after))}</ins>`}</td><td class="path">${escapeHtml(v.path)}</td></tr>`);
  return `<table><thead><tr><th scope="col">What</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">Where</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
ins{background:#d7f5dd;text-decoration:none}del{background:#fbe0e0}
.alert{border:3px solid #b00020;background:#fff4f4;padding:.5rem 1rem;font-weight:bold}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
tr.derived{color:#444;background:#f6f6f6}.tag{font-size:.8em;border:1px solid #888;border-radius:3px;padding:0 .25rem;font-weight:normal}
.path{font-size:.8em;color:#555;word-break:break-all}.where{font-weight:bold}li{margin:.25rem 0}`;

export function renderHtml(report: DiffReport): string {
  const body: string[] = [`<h1>${escapeHtml(summaryLine(report))}</h1>`];
  if (report.meetings.length === 0) body.push("<p>No change a reader would see.</p>");
  for (const m of report.meetings) {
    body.push(`<section><h2>${escapeHtml(m.title)}${m.status === "changed" ? "" : ` (${m.status})`}</h2>`);
    for (const a of m.agenda.filter((x) => x.prominent)) body.push(`<p class="alert" role="alert">${escapeHtml(a.text)}</p>`);
    if (m.facts.length) body.push("<h3>Meeting</h3>", htmlValues(m.facts));
    const agenda = m.agenda.filter((x) => !x.prominent);
    if (agenda.length) body.push("<h3>Agenda</h3><ul>", ...agenda.map((a: AgendaChange) => `<li>${escapeHtml(a.text)}${a.derived ? ' <span class="tag">derived</span>' : ""}</li>`), "</ul>");
    for (const p of m.papers) {
      body.push(`<h3>${escapeHtml(paperHeading(p))}</h3>`);
      if (p.facts.length) body.push("<h4>Cover sheet</h4>", htmlValues(p.facts));
      if (p.narrative.length) {
        body.push("<h4>Narrative</h4><ul>");
        for (const n of p.narrative) body.push(`<li><span class="where">${escapeHtml(n.change)} ${escapeHtml(n.where)}</span>${n.derived ? ' <span class="tag">derived</span>' : ""}<br>${htmlWords(n.parts)}</li>`);
        body.push("</ul>");
      }
      if (p.renumbered.length) body.push(`<p><span class="tag">derived</span> Paragraphs renumbered: ${escapeHtml(p.renumbered.join(", "))}</p>`);
      const stated = p.data.filter((d) => !d.derived);
      const derived = p.data.filter((d) => d.derived);
      if (stated.length) body.push("<h4>Data</h4>", htmlValues(stated));
      if (derived.length) body.push("<h4>Derived values (moved as a consequence)</h4>", htmlValues(derived));
      if (p.charts.length) {
        body.push("<h4>Charts</h4><ul>");
        for (const ch of p.charts) body.push(`<li>${escapeHtml(chartLine(ch))}${ch.points.length ? `<ul>${ch.points.map((pt) => `<li>${escapeHtml(pt)}</li>`).join("")}</ul>` : ""}</li>`);
        body.push("</ul>");
      }
    }
    body.push("</section>");
  }
  return `<!doctype html>\n<html lang="en-GB">\n<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(summaryLine(report))}</title><style>${STYLE}</style></head>\n<body><main>\n${body.join("\n")}\n</main></body>\n</html>\n`;
}

export function renderJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderReport(report: DiffReport, format: DiffFormat, colour: boolean): string {
  switch (format) {
    case "md": return renderMarkdown(report);
    case "html": return renderHtml(report);
    case "json": return renderJson(report);
    default: return renderText(report, colour);
  }
}
