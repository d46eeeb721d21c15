import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';

const id = '0190a5f0-0000-7000-8000-000000000001';

describe('listing cursors', () => {
  it('round-trips the sort, the last value and the last id', () => {
    const raw = encodeCursor({ sort: 'price_asc', value: 1999, id });
    expect(decodeCursor(raw, 'price_asc')).toEqual({ sort: 'price_asc', value: 1999, id });
  });

  it('refuses a cursor of another sort, a forged id or garbage with a 400', () => {
    const raw = encodeCursor({ sort: 'title', value: 'a', id });
    expect(() => decodeCursor(raw, 'newest')).toThrow(/not valid/);
    expect(() => decodeCursor(encodeCursor({ sort: 'title', value: 'a', id: "x' or 1=1" }), 'title')).toThrow();
    expect(() => decodeCursor('%%%', 'title')).toThrow(/not valid/);
    expect(() => decodeCursor(encodeCursor({ sort: 'title', value: 'a', id: '-'.repeat(36) }), 'title')).toThrow();
  });
});

describe('relevance cursors', () => {
  it('carry the rescoring window, and refuse one out of bounds', () => {
    const raw = encodeCursor({ sort: 'relevance', value: 2.5, id, window: 24 });
    expect(decodeCursor(raw, 'relevance')).toEqual({ sort: 'relevance', value: 2.5, id, window: 24 });
    for (const window of [0, 129, 2.5, '24'])
      expect(() =>
        decodeCursor(Buffer.from(JSON.stringify(['relevance', 2.5, id, window])).toString('base64url'), 'relevance'),
      ).toThrow(/not valid/);
  });
});
