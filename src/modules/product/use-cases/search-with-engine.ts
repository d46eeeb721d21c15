import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { Currency } from '../../pricing/contract.ts';
import type { SearchIndex } from '../adapters/search/port.ts';
import { decodeCursor, encodeCursor } from '../domain/cursor.ts';
import { categoryPathOf, type ListingQuery } from '../entities/listing-filters.ts';
import { summaryColumns, summaryView, type SummaryRow } from '../entities/store-rows.ts';

const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * A search answered by an external engine: it ranks and counts, the catalog fills in the rows
 * (one statement, in the engine's order). Pages by offset, which is how engines page.
 */
export async function searchWithEngine(
  em: EntityManager,
  search: SearchIndex,
  q: ListingQuery & { q: string },
  currency: Currency,
) {
  const offset = q.cursor ? Number(decodeCursor(q.cursor, 'engine').value) : 0;
  const categoryIds = q.category
    ? (
        await query<{ id: string }>(em, 'select id from product.categories where path like $1', [
          `${await categoryPathOf(em, q.category)}%`,
        ])
      ).map((r) => r.id)
    : undefined;
  const collectionIds = q.collection
    ? (
        await query<{ id: string }>(em, 'select id from product.collections where id::text = $1 or handle = $1', [
          q.collection,
        ])
      ).map((r) => r.id)
    : undefined;
  const hits = await search.search({
    q: q.q,
    currency,
    categoryIds,
    collectionIds,
    minPrice: q.minPrice,
    maxPrice: q.maxPrice,
    inStock: q.inStock,
    minRating: q.minRating,
    sort: q.sort ?? 'relevance',
    limit: q.limit,
    offset,
  });
  if (!hits) throw new Error(`search backend ${search.kind} answers no hits of its own`);
  const rows = await query<SummaryRow>(
    em,
    `select ${summaryColumns}
    from product.products p join product.listing_prices lp on lp.product_id = p.id and lp.currency = $2
    where p.id = any($1) and p.status = 'published'
    order by array_position($1::uuid[], p.id)`,
    [hits.ids, currency],
  );
  const names = new Map(
    (
      await query<{ id: string; name: string }>(em, 'select id, name from product.categories where id = any($1)', [
        hits.facets.categories.map((c) => c.id),
      ])
    ).map((c) => [c.id, c.name]),
  );
  return {
    items: rows.map((r) => summaryView(r, currency)),
    nextCursor:
      offset + q.limit < hits.total ? encodeCursor({ sort: 'engine', value: offset + q.limit, id: NO_ID }) : null,
    facets: { ...hits.facets, categories: hits.facets.categories.map((c) => ({ ...c, name: names.get(c.id) ?? '' })) },
  };
}
