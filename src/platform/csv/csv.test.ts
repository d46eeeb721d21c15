import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvLine, parseCsv, readCsvTable, undefuse } from './index.ts';

describe('platform csv', () => {
  it('reads RFC 4180: quotes, doubled quotes, line breaks in quotes, CRLF or LF, a BOM, empty rows counted', () => {
    const { records, issue } = parseCsv('\ufeffa,b\r\n"x,1","say ""hi""\nthere"\n\nlast,\n');
    expect(issue).toBeUndefined();
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x,1', 'say "hi"\nthere'] },
      { line: 4, cells: ['last', ''] },
    ]);
  });

  it('stops at a broken quote with the row it began on', () => {
    expect(parseCsv('a\r\n"open\r\nb\r\n').issue).toEqual({
      line: 2,
      column: null,
      message: 'a quoted field is not closed',
    });
    expect(parseCsv('a\r\nx"y\r\n').issue?.message).toBe('a quote inside an unquoted field');
    expect(parseCsv('a\r\n"x"y\r\n').issue?.message).toBe('text after a closing quote');
  });

  it('defuses formulas reversibly: what the writer writes, the reader gives back', () => {
    expect(csvLine(['=1+1', "'=x", '-3', 5, null, 'a,b'])).toBe(`'=1+1,''=x,'-3,5,,"a,b"\r\n`);
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 5 }), (cells) => {
        const back = parseCsv('h\r\n' + csvLine(cells)).records[1]?.cells.map(undefuse);
        expect(back ?? ['']).toEqual(cells.length === 1 && cells[0] === '' ? [''] : cells);
      }),
    );
  });

  it('checks the header and every row, reporting all problems by line and column', () => {
    const t = readCsvTable('sku,qty,sku,extra\r\n', { required: ['sku', 'amount'], optional: ['qty'] });
    expect(t.issues).toEqual([
      { line: 1, column: 'sku', message: 'column repeated' },
      { line: 1, column: 'extra', message: 'unknown column' },
      { line: 1, column: 'amount', message: 'required column missing' },
    ]);
    const rows = readCsvTable('sku,amount\r\nA,1\r\nB\r\nC\u0000,2\r\n', { required: ['sku', 'amount'] });
    expect(rows.issues).toEqual([
      { line: 3, column: null, message: '1 cells where the header has 2' },
      { line: 4, column: 'sku', message: 'must not contain NUL bytes or unpaired surrogates' },
    ]);
    expect(rows.rows.map((r) => [r.line, r.get('sku'), r.get('amount')])).toEqual([[2, 'A', '1']]);
  });
});
