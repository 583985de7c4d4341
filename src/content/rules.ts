/**
 * Every rule the checker applies: its id (what `check` prints in brackets and `--format json` gives as
 * `rule`), whether it stops a build, and what it means. README.md lists them; a test keeps the three
 * (this list, the code and the README) in step.
 */
export interface Rule {
  severity: "error" | "warning";
  description: string;
  /**
   * A warning the content itself has recorded as a known problem of the published record (what says so):
   * its finding is *acknowledged*, and `check --strict` does not fail on it. Only for warnings.
   */
  acknowledged?: string;
}

export const RULES = {
  // Files and syntax
  "file/unreadable": { severity: "error", description: "a file cannot be read, is binary, is not UTF-8 text, or is a link that leads out of the project" },
  "yaml/syntax": { severity: "error", description: "the YAML does not parse (indentation, colons, quotes, brackets), is nested too deeply, or expands too far" },
  "yaml/front-matter": { severity: "error", description: "a paper's front matter is missing, never closes, or does not parse" },
  "content/no-meetings": { severity: "error", description: "there is no meeting to build" },
  "content/no-meeting-file": { severity: "error", description: "a meeting folder has no meeting.yaml" },
  // Shape
  "schema/missing": { severity: "error", description: "a required field is missing" },
  "schema/type": { severity: "error", description: "a value has the wrong type (text where a number belongs, a list where a mapping belongs)" },
  "schema/not-allowed": { severity: "error", description: "a value is not one of the allowed values; the allowed ones are listed" },
  "schema/unknown-key": { severity: "error", description: "a key the format does not know, with a 'did you mean' suggestion" },
  "schema/invalid": { severity: "error", description: "a value breaks a rule of its field (a date format, a range, a pattern)" },
  // References between files and inside them
  "ref/committee": { severity: "error", description: "a meeting names a committee that has no file" },
  "ref/venue": { severity: "error", description: "a meeting names a venue its committee does not have" },
  "ref/paper": { severity: "error", description: "an agenda item points at a paper that does not exist" },
  "ref/unresolved": { severity: "error", description: "a reference ([@fig:…], [@para:…], [@value:…], [@fact:…], ::: table/chart/block, a table's copy_of or from, also `<paper>:<table>` of another paper of the meeting) points at nothing" },
  "ref/cycle": { severity: "error", description: "papers of a meeting take tables from each other in a circle (copy_of or from naming `<paper>:<table>`); reported at the reference that closes it" },
  "ref/unknown-type": { severity: "error", description: "a [@type:…] reference of a kind that does not exist" },
  "ref/duplicate-id": { severity: "error", description: "the same id is used twice (a paragraph, a table)" },
  "ref/unnumbered": { severity: "error", description: "a paragraph id names a paragraph that has no number to refer to" },
  "ref/duplicate": { severity: "error", description: "a report reference is used twice in a meeting" },
  "ref/sequence": { severity: "error", description: "report references are out of sequence in agenda order" },
  "ref/prefix": { severity: "error", description: "a report reference does not start with the committee's short name" },
  "ref/year": { severity: "error", description: "a report reference is not of the meeting's year" },
  "agenda/missing-ref": { severity: "error", description: "an agenda item of kind paper has no report reference" },
  "meeting/folder-date": { severity: "error", description: "a meeting's date does not match its folder name" },
  "paper/kind": { severity: "error", description: "a paper names a report kind that does not exist" },
  "paper/unused": { severity: "warning", description: "a paper file that no agenda item uses and that is not a record of its meeting (it is still checked, but not published)" },
  "paper/record": { severity: "error", description: "a paper marked `record: true` is also an agenda item's paper" },
  // Tables, figures and values
  "fact/conflict": { severity: "error", description: "a fact of the meeting or committee and a paper's value of the same name say different things; reported at both places" },
  "fact/contradicted": { severity: "warning", description: "a sentence names a fact's declared subject and states one other value of its kind (another of its one_of, another date in full, another sum or figure); reported at the sentence, naming the fact and where it is stated" },
  "table/copy": { severity: "error", description: "a table declared a copy of another (copy_of) states a number its original does not have at that row and column (reported at the copy's first differing cell)" },
  "claim/invalid": { severity: "error", description: "a claim states no formula or two, names a value that has no number (an empty cell, a period its series does not state), or divides by zero" },
  "claim/cycle": { severity: "error", description: "a claim names itself as an operand, directly or through the claims it names (reported at the name that closes the cycle)" },
  "claim/mismatch": { severity: "error", description: "a claim's stated figure (the source's) differs from the one computed from its values under its declared rounding; the message shows the formula" },
  "table/unknown-column": { severity: "error", description: "a row or formula names a column the table does not have" },
  "table/unknown-row": { severity: "error", description: "a computed row or erratum names a row id that does not exist" },
  "table/row-order": { severity: "error", description: "a computed row uses a row below it" },
  "table/duplicate-column": { severity: "error", description: "two columns share a key" },
  "table/duplicate-row": { severity: "error", description: "two rows share an id" },
  "table/not-numeric": { severity: "error", description: "a computed column computes from a column that is not numeric, or is itself of a type that cannot hold its number" },
  "table/not-date": { severity: "error", description: "a days_between column counts days from a column that is not a date column" },
  "table/empty": { severity: "error", description: "a report kind cannot make one of its tables because the data it needs is missing" },
  "table/unknown-group": { severity: "error", description: "a column names a header group the table does not define" },
  "table/unknown-table": { severity: "error", description: "a count_of column or a value's count names a table the data file does not have" },
  "table/not-status": { severity: "error", description: "a count by status names a column that is not a status column, or its table has no status column" },
  "table/count-missing-status": { severity: "warning", description: "a count table leaves out a status that rows of the counted table have, so its counts do not add up to those rows" },
  "total/mismatch": { severity: "error", description: "a stated total, subtotal or percentage disagrees with the value computed from its parts" },
  "total/erratum": { severity: "warning", description: "a difference listed in the table's errata (a misprint in a source being reproduced); published as a correction note", acknowledged: "recorded as an erratum" },
  "total/erratum-unused": { severity: "warning", description: "an erratum that is no longer needed because the figures agree" },
  "value/not-a-number": { severity: "error", description: "a number that does not parse (£ signs, commas or brackets typed into a number)" },
  "value/not-integer": { severity: "error", description: "a whole-number column holds a fraction" },
  "value/mismatch": { severity: "error", description: "a value states a figure different from the table cell it names" },
  "value/date": { severity: "error", description: "a date column holds something that is not a real YYYY-MM-DD date" },
  "value/financial-year": { severity: "error", description: "a financial year that is not YYYY/YY with consecutive years" },
  "value/quarter": { severity: "error", description: "a quarter that is not Q1–Q4 of a financial year (Q4 2022/23)" },
  "value/status": { severity: "error", description: "a status cell names a status that is not on the committee's scale; the allowed ones are listed" },
  "status/contrast": { severity: "error", description: "a status colour has a contrast below 3:1 with the white page (WCAG 2.2, 1.4.11)" },
  "status/duplicate": { severity: "error", description: "two statuses of a committee's scale share an id, a label or a symbol" },
  "chart/status": { severity: "error", description: "a chart's colour_by names a column that is not a status column, or the chart draws several series" },
  "chart/unknown-table": { severity: "error", description: "a chart takes its data from a table that does not exist" },
  "chart/unknown-column": { severity: "error", description: "a chart uses a column its table does not have" },
  "chart/spec": { severity: "error", description: "a chart's spec: sets something other than presentation (data, URLs, images, links, expressions), or does not compile" },
  "figure/unused": { severity: "warning", description: "a table in the data file is never placed in the paper" },
  "figure/unreferenced": { severity: "warning", description: "a table or chart placed in a paper that the text never refers to with [@fig:…]" },
  "figure/far-from-reference": { severity: "warning", description: "a figure placed more paragraphs from its first reference than the committee's figure_distance (default 5)" },
  "table/period-label": { severity: "warning", description: "a column group's label names a range of years its columns do not span (\"2022/23 to 2026/27\" over 2023/24 … 2027/28)" },
  "date/after-paper": { severity: "warning", description: "a date in a past: true column (a decision taken, an action closed) later than the paper's own date: once per column, at its first late cell, with the number of late cells and their dates" },
  // Narrative
  "markdown/heading": { severity: "error", description: "a '#' heading that is not an appendix" },
  "markdown/directive": { severity: "error", description: "a ':::' line that is not a known directive" },
  "link/empty": { severity: "error", description: "a link with an empty target" },
  "image/remote": { severity: "error", description: "an image from another host (never fetched into a PDF)" },
  "image/outside": { severity: "error", description: "an image path that points outside the project" },
  "image/missing": { severity: "error", description: "an image that is not a PNG, JPEG or SVG file beside the paper (such images are copied into the build)" },
  // Proof-reading (every file's text)
  "date/not-real": { severity: "error", description: "a written date that does not exist (30 February 2023)" },
  "date/weekday": { severity: "error", description: "a weekday written beside a date it does not match" },
  "text/page-furniture": { severity: "warning", description: "page furniture typed into the text: a line that is only \"Page 14 of 33\", \"Page 3\" or \"Agenda item 5\", or \"Page 14 of 33\" run into a sentence" },
  "money/format": { severity: "error", description: "an amount of money with misplaced thousands commas (£900,00)" },
  // Exempt material (Schedule 12A)
  "exempt/paragraph": { severity: "error", description: "exempt material without valid Schedule 12A paragraph numbers (1–7)" },
  "exempt/public-item": { severity: "error", description: "a paper marked exempt on a public agenda item" },
  "exempt/numeric": { severity: "error", description: "an exempt value in a numeric column, where totals would reveal it" },
  "agenda/duplicate-paper": { severity: "error", description: "two agenda items use the same paper" },
  "cache/changed": { severity: "error", description: "a file kept from an earlier build changed while this build ran; nothing was published" },
  "build/batch-failed": { severity: "error", description: "a batch of meetings built in a child process (a large build) crashed or was killed; nothing was published" },
  "exempt/marker": { severity: "error", description: "an '{exempt…}' marker that is malformed, or stands anywhere but at the end of a top-level '# Appendix:' heading" },
  "exempt/unmarked": { severity: "error", description: "an appendix whose title says it is exempt or confidential, without an {exempt=N} marker" },
  "exempt/reference": { severity: "error", description: "public text refers to a figure, value or paragraph used only inside exempt material; a public table takes from (or copies) an exempt cell, an exempt paper or a table another paper places only inside an exempt appendix" },
  "exempt/quoted": { severity: "error", description: "a public paper repeats text of exempt material (any meeting's)" },
  "exempt/leak": { severity: "error", description: "exempt text or a value found in the public output; the build publishes nothing" },
  // Printing
  "print/blocked": { severity: "error", description: "a print document asked for a file outside the build; it was refused" },
  "print/too-wide": { severity: "error", description: "a table or figure wider than its page: Chromium would shrink every page of the PDF to fit it; nothing was published" },
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;
