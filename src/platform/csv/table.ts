import { parseCsv, type CsvIssue } from './read.ts';
import { undefuse } from './write.ts';

/** The columns a file of one kind has: those it must have, and those it may have. */
export interface CsvColumns {
  required: readonly string[];
  optional?: readonly string[];
  /** Column names matching this are accepted too (e.g. option1_name ... option10_value). */
  pattern?: RegExp;
}

/** A data row by column name, with its spreadsheet line. */
export interface CsvRow {
  line: number;
  get(column: string): string;
  has(column: string): boolean;
}

/** The most rows one file may hold: more is a 422 with nothing applied. */
export const CSV_MAX_ROWS = 20_000;

/**
 * Reads a whole file into rows by column name, collecting every problem it can see without the
 * module's rules: syntax, header (unknown, missing, repeated columns), cell counts, NUL bytes and
 * lone surrogates. A file with a problem here gives no rows.
 */
export function readCsvTable(
  text: string,
  columns: CsvColumns,
): { rows: CsvRow[]; header: string[]; issues: CsvIssue[] } {
  const { records, issue } = parseCsv(text);
  const issues: CsvIssue[] = issue ? [issue] : [];
  const head = records[0];
  if (!head || head.line !== 1) {
    issues.unshift({ line: 1, column: null, message: 'the first line must be the header' });
    return { rows: [], header: [], issues };
  }
  const header = head.cells.map((c) => c.trim());
  const known = new Set([...columns.required, ...(columns.optional ?? [])]);
  header.forEach((name, i) => {
    if (!known.has(name) && !columns.pattern?.test(name))
      issues.push({ line: 1, column: printable(name), message: 'unknown column' });
    if (header.indexOf(name) !== i) issues.push({ line: 1, column: printable(name), message: 'column repeated' });
  });
  for (const name of columns.required)
    if (!header.includes(name)) issues.push({ line: 1, column: name, message: 'required column missing' });
  if (records.length - 1 > CSV_MAX_ROWS)
    issues.push({ line: 1, column: null, message: `more than ${CSV_MAX_ROWS} rows: split the file` });
  if (issues.length) return { rows: [], header, issues };

  const rows: CsvRow[] = [];
  for (const { line, cells } of records.slice(1)) {
    if (cells.length !== header.length) {
      issues.push({ line, column: null, message: `${cells.length} cells where the header has ${header.length}` });
      continue;
    }
    let clean = true;
    cells.forEach((cell, i) => {
      if (cell.includes('\0') || !cell.isWellFormed()) {
        issues.push({ line, column: header[i], message: 'must not contain NUL bytes or unpaired surrogates' });
        clean = false;
      }
    });
    if (!clean) continue;
    const values = new Map(header.map((name, i) => [name, undefuse(cells[i])]));
    rows.push({ line, get: (c) => values.get(c) ?? '', has: (c) => values.has(c) });
  }
  return { rows, header, issues };
}

/** A column name safe to echo back (an unknown header may hold anything). */
const printable = (name: string) => name.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
