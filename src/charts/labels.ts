/**
 * Chart labels that are read whole: a long category or series name is broken into lines rather than cut
 * short with "…" (vega's labelLimit). The lines are joined with "\n" in the chart's data, and the axis or
 * legend splits them with a fixed expression, so no text from a data file ever becomes part of an expression.
 */

/** The expression an axis or legend uses to draw a label stored as lines joined with "\n". */
export const SPLIT_LINES = "split(datum.label, '\\n')";

/** Roughly the width of a character of the charts' 12 px labels (Source Sans 3 averages 0.5 em). */
export const LABEL_CHAR_PX = 6.5;

/** At most this many characters a line in a legend or beside a horizontal bar (about 180 px). */
export const LINE_CHARS = 28;

/**
 * Break a label into lines of at most `width` characters, at spaces (a word longer than a line stays
 * whole), joined with "\n". A label that fits is returned as it is.
 */
export function wrapLabel(text: string, width: number): string {
  if (text.length <= width) return text;
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines.join("\n");
}

/** How many lines the longest of the labels takes at `width` characters a line. */
export function mostLines(labels: readonly string[], width: number): number {
  return Math.max(1, ...labels.map((label) => wrapLabel(label, width).split("\n").length));
}

/** Whether every word of every label fits a line of `width` characters. */
export function wordsFit(labels: readonly string[], width: number): boolean {
  return labels.every((label) => label.split(/\s+/).every((word) => word.length <= width));
}
