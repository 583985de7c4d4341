/**
 * Page references in HTML: `<span data-page-range="item-4">…</span>` shows "14 - 72" (the source's
 * style, single pages too: "5 - 5"); `<span data-page="chapter-4">…</span>` shows "14".
 * The printer fills them from measured pages; the site's meeting page gets the same numbers.
 */
export type PageRanges = Map<string, [number, number]>;

const RANGE = /(<span data-page-range="([^"]+)">)[^<]*(<\/span>)/g;
const PAGE = /(<span data-page="([^"]+)">)[^<]*(<\/span>)/g;

export function formatRange([first, last]: [number, number]): string {
  return `${first} - ${last}`;
}

/** Fill every page reference; unknown ones get the placeholder (first print pass) or stay empty. */
export function fillPageRefs(html: string, ranges: PageRanges, options: { placeholder?: string } = {}): string {
  const placeholder = options.placeholder ?? "";
  return html
    .replace(RANGE, (_m, open: string, id: string, close: string) => {
      const range = ranges.get(id);
      return `${open}${range ? formatRange(range) : placeholder}${close}`;
    })
    .replace(PAGE, (_m, open: string, id: string, close: string) => {
      const range = ranges.get(id);
      return `${open}${range ? String(range[0]) : placeholder.split(" ")[0] ?? ""}${close}`;
    });
}
