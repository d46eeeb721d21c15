import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

describe('analytics CSV', () => {
  it('defuses a cell a spreadsheet would run as a formula', () => {
    for (const text of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(text).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('mug')).toBe('mug');
    expect(csvCell(-120)).toBe('-120'); // numbers are ours, not text: a refund may be negative
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(
      toCsv(
        ['q', 'n'],
        [
          { q: '=1+1', n: 3 },
          { q: 'x\ny', n: 0 },
        ],
      ),
    ).toBe('q,n\r\n\'=1+1,3\r\n"x\ny",0\r\n');
  });
});
