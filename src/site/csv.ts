/**
 * CSV as RFC 4180 has it: a header row, records ending in CRLF, every field that holds a comma, a quote or
 * a line break in double quotes (a quote inside doubled). UTF-8, with no byte order mark (RFC 4180 and
 * RFC 7111 define none; a consumer that needs one for a spreadsheet can add it).
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(header: string[], rows: string[][]): string {
  return [header, ...rows].map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}
