import { sql } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import { anyOf, productDb } from './db.ts';
import { variantsJson } from './store-rows.ts';

/** The full-text document of a product: title, subtitle, its categories' names and their parents', SKUs, description. */
const searchDocument = sql<string>`
  setweight(to_tsvector('simple', p.title), 'A') ||
  setweight(to_tsvector('simple', coalesce(p.subtitle, '')), 'B') ||
  setweight(to_tsvector('simple', coalesce((select string_agg(a.name, ' ') from product.product_categories pc
      join product.categories c on c.id = pc.category_id
      join product.categories a on c.path like a.path || '%' where pc.product_id = p.id), '')), 'B') ||
  setweight(to_tsvector('simple', coalesce((select string_agg(v.sku || ' ' || v.title, ' ')
      from product.variants v where v.product_id = p.id), '')), 'C') ||
  setweight(to_tsvector('simple', coalesce(left(p.description, 5000), '')), 'D')`;

/** Whether any variant of product `p` is in stock, by the stock projection. */
export const anyVariantInStock = sql<boolean>`exists(select 1 from product.variants v
  join product.variant_stock s on s.variant_id = v.id where v.product_id = p.id and s.in_stock)`;

/**
 * Rebuilds what listings read for these products: the full-text document, the listing rows (the
 * cheapest and dearest variant price per currency, the variants as shown in that currency), the
 * category ids, the cheapest price per currency again on the product (what a search reads),
 * whether any variant is in stock, and the search's postings (one row per word of a published product, diffed). Runs in the
 * transaction that changed the catalog or a projection, so a listing never sees half a change.
 */
export async function refreshReadModels(
  em: EntityManager,
  productIds: string[],
  parts: { search?: boolean } = {},
): Promise<void> {
  if (productIds.length === 0) return;
  const db = productDb(em);
  // Lock the products first, in id order, as every catalog write does: projections and admin
  // edits of one product then queue up instead of deadlocking on listing_prices.
  await db.selectFrom('products').select('id').where('id', '=', anyOf(productIds)).orderBy('id').forUpdate().execute();
  if (parts.search !== false) {
    await db
      .updateTable('products as p')
      .set((eb) => ({ search: searchDocument, indexed_version: eb.ref('p.version') }))
      .where('p.id', '=', anyOf(productIds))
      .execute();
  }
  await db.deleteFrom('listing_prices').where('product_id', '=', anyOf(productIds)).execute();
  await query(em, listingRowsSql, [productIds]);
  await db
    .updateTable('products as p')
    .set({ in_stock: anyVariantInStock, category_ids: categoryIdsOf, min_prices: minPricesOf })
    .where('p.id', '=', anyOf(productIds))
    .execute();
  // last: the postings copy the product's facet attributes just written
  await query(em, postingsDiffSql, [productIds]);
}

/** The categories product `p` is linked to, in id order (products.category_ids). */
const categoryIdsOf = sql<string[]>`coalesce((select array_agg(pc.category_id order by pc.category_id)
  from product.product_categories pc where pc.product_id = p.id), '{}')`;

/** Product `p`'s cheapest price per currency, from its listing rows just written (products.min_prices). */
export const minPricesOf = sql<Record<string, number>>`coalesce((select jsonb_object_agg(lp.currency, lp.min_amount)
  from product.listing_prices lp where lp.product_id = p.id), '{}')`;

/** The listing rows of products $1: one per currency any variant has a price in, with the variants as shown. */
const listingRowsSql = `insert into product.listing_prices (product_id, currency, min_amount, max_amount, variants)
  select r.product_id, r.currency, r.mn, r.mx, ${variantsJson('r.product_id', 'r.currency')}
  from (select v.product_id, vp.currency, min(vp.amount) as mn, max(vp.amount) as mx
        from product.variants v join product.variant_prices vp on vp.variant_id = v.id
        where v.product_id = any($1) and vp.amount is not null group by v.product_id, vp.currency) r`;

/**
 * The postings of the products `p` that `where` selects: each distinct word of a published
 * product's search document, scored by the best place it occurs (the document's weights: title A
 * 1, subtitle and categories B 0.4, SKUs and variant titles C 0.2, description D 0.1), with the
 * product's facet attributes.
 */
export const postingsOf = (where: string) => `select p.id as product_id, l.lexeme as term,
    (case when 'A' = any(l.weights) then 1 when 'B' = any(l.weights) then 0.4
      when 'C' = any(l.weights) then 0.2 else 0.1 end)::real as score,
    p.in_stock, p.category_ids, p.min_prices
  from product.products p cross join lateral unnest(p.search) l
  where ${where} and p.status = 'published' and p.search is not null`;

/**
 * The postings of products $1 brought to what their documents hold, writing only the difference
 * (docs/adr/0121): the words gone are deleted, the new inserted, and a kept word's row is updated
 * only when its score or attributes moved. An edit of one word writes two rows, not the product's
 * hundred; a save that changes no word nor attribute writes none. (The delete and the insert touch
 * disjoint rows, so one statement and its one snapshot can do both.)
 */
const postingsDiffSql = `with want as (${postingsOf('p.id = any($1)')}),
  gone as (
    delete from product.search_postings sp where sp.product_id = any($1)
      and not exists (select 1 from want w where w.product_id = sp.product_id and w.term = sp.term))
  insert into product.search_postings as sp (product_id, term, score, in_stock, category_ids, min_prices)
  select product_id, term, score, in_stock, category_ids, min_prices from want
  on conflict (product_id, term) do update set score = excluded.score, in_stock = excluded.in_stock,
    category_ids = excluded.category_ids, min_prices = excluded.min_prices
  where (sp.score, sp.in_stock, sp.category_ids, sp.min_prices)
    is distinct from (excluded.score, excluded.in_stock, excluded.category_ids, excluded.min_prices)`;
