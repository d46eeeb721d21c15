import { SEARCH_TERM_MAX } from '../contract.ts';

/**
 * A search text as reports group it: "  Merino  SWEATER" and "merino sweater" are one term.
 * Control characters (NUL included) are dropped, so the text is safe to store and show.
 */
export function normaliseSearchTerm(text: string): string {
  return (
    text
      .normalize('NFKC')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase()
      .slice(0, SEARCH_TERM_MAX)
      .trim()
  );
}

/**
 * Whether a store listing's JSON answer is a first page without a single product. The listing
 * is serialised by this module with `items` first, so a prefix test tells, without parsing the
 * body, on the cache's hits as well as its misses.
 */
export const isEmptyListing = (body: unknown) => typeof body === 'string' && body.startsWith('{"items":[]');
