/**
 * Nothing is shrunk to fit in silence. When anything in a print document is wider than its page's content
 * box, Chromium scales every page of the PDF down until it fits (by up to a third: a table 14% too wide
 * shrank every page of the agenda pack by 14%, text and all). The printer measures the document before it
 * prints (laid out at the portrait content width, before any scaling) and reports each figure or table
 * that does not fit its page, portrait or landscape, so that the author can make it fit.
 */
import type { Geometry } from "./layout.ts";

export interface Overflow {
  /** The figure's or table's id (the nearest element with an id). */
  id: string;
  /** The agenda item's anchor, when the document is an agenda pack or a paper's print. */
  item: string;
  /** Its width and the width of its page's content box (CSS px). */
  width: number;
  available: number;
  /** Whether it prints on a landscape page already. */
  landscape: boolean;
}

/**
 * In the print document's tab (JavaScript source, as for layout.ts's READ_BLOCKS): every outermost element
 * that reaches past the right edge of its page's content box, by the id of its nearest figure (or element
 * with an id), once each. Landscape pages are those whose @page rule says so.
 */
export function readOverflowsScript(geometry: Geometry): string {
  const landscape = geometry.landscape?.width ?? geometry.portrait.width;
  return `(() => {
  const landscapeNames = new Set([...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]).filter((rule) => rule instanceof CSSPageRule && rule.selectorText !== "" && /landscape/i.test(rule.style.getPropertyValue("size"))).map((rule) => rule.selectorText));
  const onLandscape = (element) => { for (let e = element; e; e = e.parentElement) { const name = getComputedStyle(e).getPropertyValue("page"); if (name && name !== "auto") return landscapeNames.has(name); } return false; };
  const allowed = (element) => onLandscape(element) ? ${landscape} : ${geometry.portrait.width};
  const found = new Map();
  for (const element of document.body.querySelectorAll("*")) {
    const right = element.getBoundingClientRect().right;
    if (right <= allowed(element) + 1) continue;
    const parent = element.parentElement;
    if (parent && parent !== document.body && parent.getBoundingClientRect().right > allowed(parent) + 1) continue;
    const named = element.closest("figure[id]") || element.closest("[id]");
    const id = named ? named.id : element.tagName.toLowerCase();
    if (found.has(id)) continue;
    const item = element.closest(".print-item");
    found.set(id, { id, item: item ? item.id : "", width: Math.ceil(right), available: Math.floor(allowed(element)), landscape: onLandscape(element) });
  }
  return [...found.values()];
})()`;
}

/** The problem to report for an overflow in a printed PDF (`output`, relative to the site). */
export function overflowProblem(output: string, overflow: Overflow): { message: string; hint: string } {
  // The figure's id is its table's or chart's id in the data file, after the pack's item prefix and "fig-".
  const name = overflow.id.replace(/^item-[^-]+-/, "").replace(/(^|-)fig-/, "$1");
  const where = overflow.item ? ` in agenda ${overflow.item.replace(/-/g, " ")}` : "";
  return {
    message: `${output}: '${name}'${where} is ${overflow.width} px wide, wider than its ${overflow.landscape ? "landscape" : "portrait"} page (${overflow.available} px); Chromium shrank every page of the PDF to fit it`,
    hint: overflow.landscape
      ? "give the table fewer columns, shorter headings or shorter values, or split it in two"
      : "set `wide: true` on the table to print it on a landscape page, or give it fewer columns",
  };
}
