import { BadRequest } from '../../../platform/http/errors.ts';

/** The orders a product's published reviews can be listed in. */
export const REVIEW_SORTS = ['newest', 'helpful', 'rating', 'rating_asc'] as const;
export type ReviewSort = (typeof REVIEW_SORTS)[number];

/** Where a page ended: the sort key of its last review (none for `newest`) and its id. */
export interface ReviewCursor {
  key: number | null;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const encodeCursor = (c: ReviewCursor) => Buffer.from(JSON.stringify([c.key, c.id])).toString('base64url');

/** The cursor a previous page handed out; anything else is the caller's mistake (400 naming `cursor`). */
export function decodeCursor(text: string): ReviewCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    (parsed[0] === null || Number.isSafeInteger(parsed[0])) &&
    typeof parsed[1] === 'string' &&
    UUID.test(parsed[1])
  )
    return { key: parsed[0], id: parsed[1] };
  throw new BadRequest('cursor is not one this listing handed out', {
    errors: [{ field: 'cursor', message: 'invalid cursor' }],
  });
}
