/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled.
 * A text a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading apostrophe
 * (OWASP's CSV injection advice): search terms and product titles come from outside.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole table: the header, then one line per row in the header's column order. */
export function toCsv<R extends Record<string, string | number | null>>(
  columns: (keyof R & string)[],
  rows: R[],
): string {
  const line = (cells: (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;
  return line(columns) + rows.map((r) => line(columns.map((c) => r[c]))).join('');
}
