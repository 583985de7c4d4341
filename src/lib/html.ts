/**
 * HTML text in and out: one escaper (the five characters Nunjucks' autoescape escapes) and one decoder; and
 * the one way a site path becomes a link relative to the page it is on.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for HTML content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0", ndash: "–", mdash: "—", pound: "£", hellip: "…" };

/** Character references (&#39;, &#x2019;, &amp;, &pound; …) back to the characters they stand for. */
export function decodeEntities(text: string): string {
  // Most text has no reference at all: returned as it is, not run through the expression.
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === "#") return String.fromCodePoint(body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10));
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

/** A site-absolute path ("/meetings/…") made relative to the page at `pageUrl`, so the site works from any folder or file://. */
export function relativeTo(target: string, pageUrl: string): string {
  const depth = pageUrl.split("/").filter(Boolean).length - (pageUrl.endsWith("/") ? 0 : 1);
  return ("../".repeat(depth) || "./") + target.replace(/^\//, "");
}
