import { BadRequest } from '../../../platform/http/errors.ts';

/**
 * Where a page ended: the sort it belongs to, the last row's sort value and id, and for a relevance
 * sort how many matches its ranking rescored (a later page must rank with the same window, or it
 * would skip or repeat matches). Opaque to clients.
 */
export interface Cursor {
  sort: string;
  value: string | number | null;
  id: string;
  window?: number;
}

/** The largest rescoring window a cursor may name (entities/relevance-page.ts RESCORE_WINDOW). */
const MAX_WINDOW = 128;

export const encodeCursor = (c: Cursor) =>
  Buffer.from(JSON.stringify(c.window ? [c.sort, c.value, c.id, c.window] : [c.sort, c.value, c.id])).toString(
    'base64url',
  );

export function decodeCursor(raw: string, sort: string): Cursor {
  try {
    const [s, value, id, window] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (s !== sort) throw new Error('sort mismatch');
    if (typeof id !== 'string' || !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(id)) throw new Error('bad id');
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw new Error('bad value');
    if (window !== undefined && !(Number.isInteger(window) && window >= 1 && window <= MAX_WINDOW))
      throw new Error('bad window');
    return window === undefined ? { sort: s, value, id } : { sort: s, value, id, window };
  } catch {
    throw new BadRequest('cursor is not valid for this query', {
      errors: [{ field: 'cursor', message: 'is not a cursor this listing issued for this sort' }],
    });
  }
}
