import { describe, expect, it } from 'vitest';
import { inlined } from './write-jobs.ts';

describe('inlined', () => {
  it('writes string values in as quoted literals, null as NULL', () => {
    expect(inlined(`select $1::text::json, $2, 'x' as "q"`, [`{"a":"it's"}`, null])).toBe(
      `select '{"a":"it''s"}'::text::json, NULL, 'x' as "q"`,
    );
    expect(inlined('select $1', ['a\\b'])).toBe(`select  E'a\\\\b'`); // (pg's escapeLiteral)
  });
  it('refuses what it cannot rewrite safely', () => {
    expect(inlined(`select '$1', $1`, ['a'])).toBeUndefined();
    expect(inlined(`select $1 -- $1`, ['a'])).toBeUndefined();
    expect(inlined(`select $$ $1 $$`, ['a'])).toBeUndefined();
    expect(inlined(`select E'\\'' || $1`, ['a'])).toBeUndefined();
    expect(inlined('select $1', [1])).toBeUndefined();
    expect(inlined('select $2', ['a'])).toBeUndefined();
  });
});
