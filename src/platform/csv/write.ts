/**
 * CSV out (RFC 4180): a field is quoted when it holds a quote, comma or line break, quotes doubled.
 * A text a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading apostrophe
 * (OWASP's CSV injection advice). Texts that already start with apostrophes before such a
 * character get one more, so the reader can take exactly one off and an export imports unchanged.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export const csvLine = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** The reverse of csvCell's defusing: one leading apostrophe before a formula character comes off. */
export const undefuse = (cell: string) => (/^'+[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
