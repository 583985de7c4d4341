/**
 * A paper body's lines as prose: code (fenced blocks, `code spans`) blanked, so what a check reads is text an
 * author typed for readers, never an example of syntax. Line numbers stay those of the body.
 */
export function proseLines(body: string): string[] {
  let fence: string | undefined;
  return body.split("\n").map((line) => {
    const opening = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length) fence = undefined;
      return "";
    }
    if (opening) {
      fence = opening;
      return "";
    }
    return line.replace(/`[^`]*`/g, (code) => " ".repeat(code.length));
  });
}
