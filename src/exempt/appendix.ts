/**
 * Exempt appendices: `# Appendix: Title {exempt=3}` (or `{exempt=3,4}`) marks an appendix of a public paper
 * as exempt under those paragraphs of Schedule 12A. For the public build its lines are blanked before the
 * body is parsed — so no table, chart, figure number or CSV of it exists — and a statutory notice stands
 * in its place. Lines are blanked, not removed, so problems elsewhere keep their line numbers.
 */
export const EXEMPT_APPENDIX = /^#\s+Appendix\s*:\s*(.*?)\s*\{exempt=([\d,\s]*)\}\s*$/i;

export interface ExemptAppendix {
  /** 0-based line of the heading, and the line after the appendix ends. */
  start: number;
  end: number;
  title: string;
  paragraphs: number[];
}

export function exemptAppendices(body: string): ExemptAppendix[] {
  const lines = body.split("\n");
  const found: ExemptAppendix[] = [];
  lines.forEach((line, i) => {
    const match = EXEMPT_APPENDIX.exec(line);
    if (!match) return;
    let end = i + 1;
    while (end < lines.length && !/^#\s+Appendix\s*:/i.test(lines[end]!)) end++;
    const paragraphs = match[2]!.split(",").map((p) => p.trim()).filter(Boolean).map(Number);
    found.push({ start: i, end, title: match[1]!, paragraphs });
  });
  return found;
}

export function notice(paragraphs: number[]): string {
  const list = paragraphs.length > 1 ? `paragraphs ${paragraphs.slice(0, -1).join(", ")} and ${paragraphs[paragraphs.length - 1]}` : `paragraph ${paragraphs[0]}`;
  return `This appendix is not for publication: it contains exempt information under ${list} of Part I of Schedule 12A to the Local Government Act 1972.`;
}

/** The body as the public may see it, and the exempt text it left out. */
export function publicBody(body: string): { body: string; removed: string[] } {
  const lines = body.split("\n");
  const removed: string[] = [];
  for (const appendix of exemptAppendices(body)) {
    removed.push(...lines.slice(appendix.start + 1, appendix.end));
    lines[appendix.start] = `# Appendix: ${appendix.title}`;
    for (let i = appendix.start + 1; i < appendix.end; i++) lines[i] = "";
    const noticeLine = `*${notice(appendix.paragraphs)}*`;
    if (appendix.start + 2 < appendix.end) lines[appendix.start + 2] = noticeLine;
    else lines.splice(appendix.start + 1, 0, "", noticeLine);
  }
  return { body: lines.join("\n"), removed };
}

/** The statutory wording panelpress itself prints: public, even where exempt text quotes it. */
export const STATUTORY_WORDING: string = [1, 2, 3, 4, 5, 6, 7]
  .flatMap((n) => [notice([n]), `Not published: exempt information under paragraph ${n} of Part I of Schedule 12A to the Local Government Act 1972.`, `NOT FOR PUBLICATION · Schedule 12A paragraph ${n}`])
  .join(" ");
