/**
 * Live reload: the browser keeps a Server-Sent Events connection open and reloads when a rebuild ends.
 * The script is added to pages as they are served, never to built files.
 */

export const EVENTS_PATH = "/__panelpress/events";

/** Reloads the page on each "reload" event; EventSource reconnects by itself if the server restarts. */
export const RELOAD_SCRIPT = `<script>(() => {
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)});
  events.addEventListener("reload", () => location.reload());
})();</script>`;

/** The page with the reload script before </body> (or at the end when there is none). */
export function injectReloadScript(html: string): string {
  const at = html.lastIndexOf("</body>");
  return at < 0 ? html + RELOAD_SCRIPT : html.slice(0, at) + RELOAD_SCRIPT + html.slice(at);
}

/** An SSE message. */
export function sseMessage(event: string, data: string): string {
  return `event: ${event}\ndata: ${data}\n\n`;
}
