/**
 * The internal link checker: every link, anchor, stylesheet, image, font and download a page,
 * stylesheet or PDF of a built site points at must exist, and a link to #fragment must find that id.
 * Links to other hosts (https:, mailto:, tel:) are not followed: the site must build offline.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { decodeEntities } from "../lib/html.ts";
import { filesUnder } from "../lib/files.ts";
import { isDict, isName, isString, PdfFile, type PdfValue } from "../print/pdf-syntax.ts";
import { PRINT_ORIGIN } from "../print/origin.ts";

export interface BrokenLink {
  /** The page or stylesheet holding the link, relative to the site. */
  from: string;
  /** The link as written. */
  href: string;
  problem: string;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** The link targets written in an HTML page: href and src attributes, entity-decoded. */
export function htmlLinks(html: string): string[] {
  return [...withoutScripts(html).matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/gi)].map((m) => decodeEntities(m[1]!));
}

/** The ids (and legacy <a name>) a page offers as fragment targets. */
export function htmlAnchors(html: string): Set<string> {
  return new Set([...html.matchAll(/\s(?:id|name)\s*=\s*"([^"]*)"/gi)].map((m) => decodeEntities(m[1]!)));
}

/** The url(...) references of a stylesheet. */
export function cssLinks(css: string): string[] {
  return [...css.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/gi)].map((m) => m[2]!.trim());
}

/**
 * The addresses a PDF links to (its URI actions), read with panelpress's own PDF reader, which reads every
 * PDF the printer writes; none from a file it cannot read (not one of ours).
 */
export function pdfLinks(bytes: Buffer): string[] {
  const uriOf = (action: PdfValue | undefined): string[] => {
    const uri = isDict(action) && isName(action.map.get("S"), "URI") ? action.map.get("URI") : undefined;
    return isString(uri) ? [uri.bytes] : [];
  };
  try {
    const file = new PdfFile(bytes.toString("latin1"));
    // An action is an object of its own, or sits inside its annotation's dictionary.
    return file.numbers().flatMap((num) => {
      const value = file.object(num);
      return [...uriOf(value), ...(isDict(value) ? uriOf(value.map.get("A")) : [])];
    });
  } catch {
    return [];
  }
}

/** Check every HTML page, stylesheet and PDF of a built site. */
export function checkLinks(siteDir: string): BrokenLink[] {
  const root = resolve(siteDir);
  const anchorCache = new Map<string, Set<string>>();
  const anchorsOf = (file: string) => {
    let anchors = anchorCache.get(file);
    if (!anchors) anchorCache.set(file, (anchors = htmlAnchors(readFileSync(file, "utf8"))));
    return anchors;
  };
  const broken: BrokenLink[] = [];
  for (const from of filesUnder(root)) {
    const type = extname(from);
    if (type !== ".html" && type !== ".css" && type !== ".pdf") continue;
    const bytes = readFileSync(join(root, from));
    const links = type === ".pdf" ? pdfLinks(bytes) : type === ".html" ? htmlLinks(bytes.toString("utf8")) : cssLinks(bytes.toString("utf8"));
    for (const href of links) {
      const problem = href.startsWith(`${PRINT_ORIGIN}/`) ? "the link leads to the printer's private address, where nothing is: a link the print document made relative to itself, not to the site" : linkProblem(root, from, href, anchorsOf);
      if (problem) broken.push({ from, href, problem });
    }
  }
  return broken;
}

/** Why one link is broken, or null if it is fine (or leaves the site). */
export function linkProblem(root: string, from: string, href: string, anchorsOf: (file: string) => Set<string>): string | null {
  if (href.trim() === "") return "the link is empty";
  if (href.startsWith("data:")) return null;
  if (EXTERNAL.test(href)) return null;
  const [beforeHash, fragment] = splitOnce(href, "#");
  const path = beforeHash.split("?")[0]!;
  if (path.startsWith("/")) return "a root-relative link breaks when the site is not served from the top of a domain; use a relative one";
  let target = path === "" ? join(root, from) : resolve(dirname(join(root, from)), decodeURIComponent(path));
  if (target !== root && !target.startsWith(root + sep)) return "the link leaves the site";
  if (path.endsWith("/") || (existsSync(target) && statSync(target).isDirectory())) target = join(target, "index.html");
  if (!existsSync(target)) return `no such file: ${relative(root, target).split(sep).join("/")}`;
  if (fragment === undefined) return null;
  if (fragment === "") return "the link points at '#', which goes nowhere";
  if (extname(target) !== ".html") return null;
  const id = decodeURIComponent(fragment);
  return anchorsOf(target).has(id) ? null : `no element with id '${id}' in ${relative(root, target).split(sep).join("/")}`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** Scripts and styles hold no links to check (and may hold text that looks like attributes). */
function withoutScripts(html: string): string {
  return html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, "");
}


