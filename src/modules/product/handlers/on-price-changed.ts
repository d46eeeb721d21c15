import type { Handler } from '../../../platform/bus/index.ts';
import type { PriceChangedPayload } from '../../pricing/contract.ts';
import { query } from '../../../platform/db/index.ts';
import { productDb } from '../entities/db.ts';
import { variantsJson } from '../entities/store-rows.ts';
import { productRuntime } from '../runtime.ts';

/**
 * Keeps the shelf price per variant and currency (an older sequence than the one held is
 * ignored) and the product's listing row in that currency (price range, variants as shown with
 * their stock). It locks the price row, then the product, then the listing row: the order catalog
 * edits and stock flips take too, so it cannot deadlock with them, and the row it writes is
 * computed after a concurrent stock flip of that product committed (or before it started, which
 * then rebuilds the row itself): never from a snapshot that misses the flip.
 */
export const onPriceChanged: Handler<PriceChangedPayload> = async ({ em, afterCommit }, { payload: p }) => {
  const db = productDb(em);
  const owner = await db
    .with('up', (db) =>
      db
        .insertInto('variant_prices')
        .values({
          variant_id: p.variantId,
          currency: p.currency,
          amount: p.amount,
          original_amount: p.originalAmount,
          tax_inclusive: p.taxInclusive,
          sequence: p.sequence,
        })
        .onConflict((oc) =>
          oc
            .columns(['variant_id', 'currency'])
            .doUpdateSet((eb) => ({
              amount: eb.ref('excluded.amount'),
              original_amount: eb.ref('excluded.original_amount'),
              tax_inclusive: eb.ref('excluded.tax_inclusive'),
              sequence: eb.ref('excluded.sequence'),
            }))
            .where('variant_prices.sequence', '<', (eb) => eb.ref('excluded.sequence')),
        )
        .returning('variant_id'),
    )
    .selectFrom('variants as v')
    .innerJoin('up', 'up.variant_id', 'v.id')
    .select('v.product_id')
    .executeTakeFirst();
  if (!owner) return; // stale, or a variant this catalog does not (yet) have
  // The write above is not committed yet but is visible to this statement: recompute the row.
  const productId = owner.product_id;
  // A statement of its own: the next one's snapshot is then taken after the lock was granted.
  await query(em, 'select 1 from product.products where id = $1 for update', [productId]);
  const rows = await query<{ created: boolean }>(em, listingRowSql, [productId, p.currency]);
  // A row made or removed puts the product in or takes it out of the listings in that currency.
  const membership = rows.length === 0 || rows[0].created;
  afterCommit(() =>
    productRuntime().refreshCacheAndSearch([productId], { kind: 'price', currency: p.currency, membership }),
  );
};

/**
 * The listing row of product $1 in currency $2: price range and variants as shown, or none without
 * a price; and the product's cheapest price in that currency (products.min_prices, and its copy
 * on the product's search postings, what a search reads), written only when it moved.
 */
const listingRowSql = `with agg as (
    select min(vp.amount) as mn, max(vp.amount) as mx from product.variants v
    join product.variant_prices vp on vp.variant_id = v.id and vp.currency = $2
    where v.product_id = $1 and vp.amount is not null),
  gone as (
    delete from product.listing_prices where product_id = $1 and currency = $2 and (select mn from agg) is null),
  cheapest as (
    update product.products set min_prices = case when (select mn from agg) is null then min_prices - $2::text
      else jsonb_set(min_prices, array[$2::text], to_jsonb((select mn from agg))) end
    where id = $1 and min_prices -> $2::text is distinct from to_jsonb((select mn from agg))),
  posted as (
    update product.search_postings set min_prices = case when (select mn from agg) is null then min_prices - $2::text
      else jsonb_set(min_prices, array[$2::text], to_jsonb((select mn from agg))) end
    where product_id = $1 and min_prices -> $2::text is distinct from to_jsonb((select mn from agg)))
  insert into product.listing_prices (product_id, currency, min_amount, max_amount, variants)
  select $1, $2, mn, mx, ${variantsJson('$1', '$2')} from agg where mn is not null
  on conflict (product_id, currency) do update
    set min_amount = excluded.min_amount, max_amount = excluded.max_amount, variants = excluded.variants
  returning (xmax = 0) as created`;
