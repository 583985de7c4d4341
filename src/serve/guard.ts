/**
 * What the preview checks before it looks at a request: that it was sent to the preview by its own
 * name, and that its path can be mapped into the site folder.
 *
 * The Host check defends against DNS rebinding: a page on another site whose name is made to resolve to
 * 127.0.0.1 can reach the port, but its requests carry that site's name as Host, and are refused.
 */

/** The only address the preview listens on: the author's own machine, never the network. */
export const LISTEN_HOST = "127.0.0.1";

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]"];

/** The Host values a browser sends to the preview on this port (without the port only when it is 80). */
export function loopbackHosts(port: number): Set<string> {
  return new Set([...LOOPBACK_NAMES.map((name) => `${name}:${port}`), ...(port === 80 ? LOOPBACK_NAMES : [])]);
}

/** A missing Host is refused too: every browser sends one. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host !== undefined && loopbackHosts(port).has(host.toLowerCase());
}

export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };

/**
 * The decoded path of a request target ("/a/b.html?x"), or why it is refused. Refused rather than
 * normalised: no page links to "..", so a request with one is an attempt, not a mistake worth serving.
 */
export function requestPath(target: string | undefined): PathCheck {
  // Only the origin form: not "http://host/path" (a proxy's form) or "*".
  if (!target?.startsWith("/")) return { ok: false, reason: "the request target is not a path" };
  let path: string;
  try {
    path = decodeURIComponent(target.replace(/[?#][\s\S]*$/, ""));
  } catch {
    return { ok: false, reason: "the path has malformed percent-encoding" };
  }
  // Control characters (NUL above all) and backslashes name no file the build writes.
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return { ok: false, reason: "the path has a control character or a backslash" };
  if (path.split("/").some((segment) => segment === "." || segment === "..")) return { ok: false, reason: "the path has a '.' or '..' segment" };
  return { ok: true, path };
}
