import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('review cursors', () => {
  const id = '0190a000-0000-7000-8000-000000000001';
  it('round-trip', () => {
    expect(decodeCursor(encodeCursor({ key: 4, id }))).toEqual({ key: 4, id });
    expect(decodeCursor(encodeCursor({ key: null, id }))).toEqual({ key: null, id });
  });
  it('refuse anything they did not make', () => {
    for (const bad of [
      '',
      'x',
      Buffer.from('[1e400,"a"]').toString('base64url'),
      Buffer.from('{}').toString('base64url'),
    ])
      expect(() => decodeCursor(bad)).toThrow(/cursor/);
  });
});
