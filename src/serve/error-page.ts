/** The page the preview shows instead of the paper while the content has errors: each with file, line and message. */
import type { Problems } from "../content/problems.ts";
import { escapeHtml } from "../lib/html.ts";

export interface Finding {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: string;
  message: string;
  hint?: string;
}


/** The findings of a failed build, relative to the project, errors first. */
export function findingsOf(problems: Problems, root: string): Finding[] {
  const all = problems.toJSON(root) as Finding[];
  return [...all.filter((f) => f.severity === "error"), ...all.filter((f) => f.severity !== "error")];
}

export function errorPage(findings: Finding[], formatted: string): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  const items = findings
    .map((f) => `<li class="${f.severity}"><p><code>${escapeHtml(`${f.file}:${f.line}:${f.column}`)}</code> <strong>${escapeHtml(f.severity)}</strong> [${escapeHtml(f.rule)}]</p><p>${escapeHtml(f.message)}</p>${f.hint ? `<p class="hint">Hint: ${escapeHtml(f.hint)}</p>` : ""}</li>`)
    .join("\n");
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>${errors} error${errors === 1 ? "" : "s"} in the content – panelpress preview</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { color: #a00; } li { margin-bottom: 1rem; } li.error { border-left: 4px solid #a00; padding-left: .75rem; }
li.warning { border-left: 4px solid #b60; padding-left: .75rem; } code { font-size: 1.05em; } .hint { color: #333; }
pre { background: #f4f4f4; padding: 1rem; overflow-x: auto; }
</style></head>
<body>
<main id="panelpress-errors">
<h1>The preview cannot be built: ${errors} error${errors === 1 ? "" : "s"}</h1>
<p>Fix the file and save it: this page updates by itself. The same list comes from <code>npx panelpress check</code>.</p>
<ol>
${items}
</ol>
<details><summary>As <code>panelpress check</code> prints it</summary><pre>${escapeHtml(formatted)}</pre></details>
</main>
</body>
</html>
`;
}
