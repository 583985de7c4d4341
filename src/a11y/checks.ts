/**
 * The accessibility and HTML quality gates, as data: the test suite (test/a11y/) runs exactly these,
 * and the accessibility statement (templates/pages/accessibility.njk) lists them, so the page can
 * never claim a check the build does not make.
 */
import type { ConfigData } from "html-validate";

/** axe-core rule tags run over every page: WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] as const;

/**
 * html-validate over every page: the standard validity rules and the accessibility preset. Subresource
 * integrity is required only for files from other hosts (the site's own stylesheet cannot be tampered
 * with in transit separately from the page that links it).
 */
export const HTML_VALIDATE_CONFIG: ConfigData = {
  extends: ["html-validate:standard", "html-validate:a11y", "html-validate:document"],
  rules: { "require-sri": ["error", { target: "crossorigin" }] },
};

/** Widths the pages are checked at: a desktop window, and a phone (also what 400% zoom of 1280 px gives). */
export const VIEWPORTS = { desktop: 1200, phone: 320 } as const;

/** Minimum contrast against a white background (WCAG 1.4.11 non-text contrast; 1.4.3 text contrast). */
export const CONTRAST = { marks: 3, text: 4.5 } as const;

export interface AutomatedCheck {
  /** Stable id, used by the tests to name the check a failure belongs to. */
  id: string;
  /** A short name, for the accessibility statement's list of checks that ran (or did not). */
  name: string;
  /** Where it is checked: the web pages, the PDFs, or the charts' colours. */
  scope: "pages" | "pdf" | "charts";
  /** One plain-English sentence for the accessibility statement. */
  what: string;
}

export const AUTOMATED_CHECKS: readonly AutomatedCheck[] = [
  { id: "axe", name: "axe-core (WCAG 2.2 A and AA)", scope: "pages", what: `Every page is tested with axe-core in the Chromium browser against WCAG 2.2 level A and AA and axe's best practices (${AXE_TAGS.join(", ")}), and must have no violations.` },
  { id: "html", name: "HTML validity", scope: "pages", what: "Every page is checked with html-validate, including its accessibility rules, and must have no errors." },
  { id: "links", name: "links", scope: "pages", what: "Every link, in-page anchor, stylesheet, font and download within the site must lead somewhere that exists." },
  { id: "structure", name: "page structure", scope: "pages", what: "Every page has the language set to British English (en-GB), a title of its own, exactly one main heading, headings in order, a skip link to the main content and landmarks." },
  { id: "focus", name: "visible focus", scope: "pages", what: "Keyboard focus is visible: the first Tab on every page reaches the skip link, and it is shown highlighted." },
  { id: "reflow", name: "reflow at 320 pixels", scope: "pages", what: `Every page reads at a phone width of ${VIEWPORTS.phone} pixels (the same as 400% zoom) without scrolling sideways; wide tables scroll within their own box.` },
  { id: "tables", name: "table structure", scope: "pages", what: "Every table has a caption and column headers, and every data cell sits under a header." },
  { id: "charts", name: "chart structure", scope: "pages", what: "Every chart is a figure with a caption, an image with a name and a one-sentence summary generated from its data, the data as a table with headers, and a CSV download." },
  { id: "contrast", name: "chart colour contrast", scope: "charts", what: `Chart colours come from the UK Government Analysis Function colour-blind-safe palette, or, in a chart by status, from the body's status scale, whose colours are checked when the content is; each has a contrast of at least ${CONTRAST.marks}:1 against the background, and chart text at least ${CONTRAST.text}:1.` },
  { id: "pdf", name: "PDF tags, title, language, bookmarks and fonts", scope: "pdf", what: "Every PDF is tagged, has a title, declares its language as British English, has bookmarks and embeds all its fonts." },
  { id: "pdfua", name: "PDF/UA-1", scope: "pdf", what: "Every PDF declares PDF/UA-1 in its XMP metadata and passes the machine-checkable conditions of the Matterhorn Protocol that apply to it (running headers and footers as artifacts, figures with alternative text, table headers, link descriptions, tab order, fonts)." },
  { id: "pdf-alt", name: "chart alternative text in PDFs", scope: "pdf", what: "Every chart in a PDF carries its name and summary as alternative text in the PDF's structure tree." },
];
