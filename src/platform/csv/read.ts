/** A record of a CSV file; `line` is its row as a spreadsheet shows it (the header is 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** What is wrong with a file, row by row; `column` names the header's column, or null for the row. */
export interface CsvIssue {
  line: number;
  column: string | null;
  message: string;
}

/**
 * Splits RFC 4180 text into records (CRLF or LF, quoted fields with doubled quotes, a leading BOM
 * dropped, empty rows skipped but counted). A broken quote ends the reading with an issue at the
 * row where it began: nothing after it can be trusted to be where it seems.
 */
export function parseCsv(text: string): { records: CsvRecord[]; issue?: CsvIssue } {
  const records: CsvRecord[] = [];
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let i = 0;
  let line = 1;
  while (i < src.length) {
    const cells: string[] = [];
    const start = line;
    for (;;) {
      let cell = '';
      if (src[i] === '"') {
        i++;
        for (;;) {
          if (i >= src.length)
            return { records, issue: { line: start, column: null, message: 'a quoted field is not closed' } };
          const c = src[i++];
          if (c === '"') {
            if (src[i] === '"') {
              cell += '"';
              i++;
            } else break;
          } else cell += c;
        }
        if (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r')
          return { records, issue: { line: start, column: null, message: 'text after a closing quote' } };
      } else {
        while (i < src.length && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
          if (src[i] === '"')
            return { records, issue: { line: start, column: null, message: 'a quote inside an unquoted field' } };
          cell += src[i++];
        }
      }
      cells.push(cell);
      if (src[i] === ',') {
        i++;
        continue;
      }
      if (src[i] === '\r') i++;
      if (src[i] === '\n') i++;
      break;
    }
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: start, cells });
    line++;
  }
  return { records };
}
