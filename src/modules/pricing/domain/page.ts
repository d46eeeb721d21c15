/** Splits `limit + 1` rows, newest first, into a page and the cursor of the next one (null: last page). */
export function pageOfRows<T extends { id: string }>(
  rows: T[],
  limit: number,
): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { page, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}
