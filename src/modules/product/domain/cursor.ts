import { BadRequest } from '../../../platform/http/errors.ts';

/** Where a page ended: the sort it belongs to, the last row's sort value and id. Opaque to clients. */
export interface Cursor {
  sort: string;
  value: string | number | null;
  id: string;
}

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.sort, c.value, c.id])).toString('base64url');

export function decodeCursor(raw: string, sort: string): Cursor {
  try {
    const [s, value, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (s !== sort) throw new Error('sort mismatch');
    if (typeof id !== 'string' || !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(id)) throw new Error('bad id');
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw new Error('bad value');
    return { sort: s, value, id };
  } catch {
    throw new BadRequest('cursor is not valid for this query', {
      errors: [{ field: 'cursor', message: 'is not a cursor this listing issued for this sort' }],
    });
  }
}
