/**
 * Page references in HTML: `<span data-page-range="item-4">…</span>` shows "14 - 72" (and a single page
 * "5", or "5 - 5" in a body's `page_ranges: full` style); `<span data-page="chapter-4">…</span>` shows "14".
 * The printer fills them between the passes of one print; the site's meeting page is rendered with the
 * same numbers, formatted here.
 */
export type PageRanges = Map<string, [number, number]>;

/** compact: a one-page item is "5"; full: "5 - 5". */
export type PageRangeStyle = "compact" | "full";

const RANGE = /(<span data-page-range="([^"]+)">)[^<]*(<\/span>)/g;
const PAGE = /(<span data-page="([^"]+)">)[^<]*(<\/span>)/g;

export function formatRange([first, last]: [number, number], style: PageRangeStyle = "compact"): string {
  return first === last && style === "compact" ? String(first) : `${first} - ${last}`;
}

/** Fill every page reference; unknown ones get the placeholder (first print pass) or stay empty. */
export function fillPageRefs(html: string, ranges: PageRanges, options: { placeholder?: string; style?: PageRangeStyle } = {}): string {
  const placeholder = options.placeholder ?? "";
  return html
    .replace(RANGE, (_m, open: string, id: string, close: string) => {
      const range = ranges.get(id);
      return `${open}${range ? formatRange(range, options.style) : placeholder}${close}`;
    })
    .replace(PAGE, (_m, open: string, id: string, close: string) => {
      const range = ranges.get(id);
      return `${open}${range ? String(range[0]) : placeholder.split(" ")[0] ?? ""}${close}`;
    });
}

/**
 * In the browser: fill the page references of a document already loaded in a tab as they are in `filled`,
 * its source filled by fillPageRefs() (the printer's drafts after the first, printed in the tab that
 * measured the document instead of loading it again). Each reference the expressions above find is a span
 * whose one attribute is the reference, holding text only; such spans are filled in order. False if the
 * tab's spans are not those of `filled` (nothing is changed): then the filled document is loaded.
 */
export function refillScript(filled: string): string {
  const texts = (pattern: RegExp) => [...filled.matchAll(pattern)].map(([span, open, , close]) => span.slice(open!.length, -close!.length));
  return `(() => {
  const spans = (attribute) => [...document.querySelectorAll("span[" + attribute + "]")].filter((span) => span.attributes.length === 1 && span.children.length === 0);
  const filled = [[spans("data-page-range"), ${JSON.stringify(texts(RANGE))}], [spans("data-page"), ${JSON.stringify(texts(PAGE))}]];
  if (filled.some(([found, texts]) => found.length !== texts.length)) return false;
  for (const [found, texts] of filled) found.forEach((span, i) => { span.textContent = texts[i]; });
  return true;
})()`;
}
