import { handleMany } from '../../../platform/bus/index.ts';
import type { PayloadOf } from '../../../platform/bus/index.ts';
import type { StockChanged } from '../../inventory/contract.ts';
import { newestPerVariant } from '../domain/stock-batch.ts';
import { anyOf, productDb } from '../entities/db.ts';
import { anyVariantInStock } from '../entities/read-models.ts';
import { variantsJson } from '../entities/store-rows.ts';
import { query } from '../../../platform/db/index.ts';
import { productRuntime } from '../runtime.ts';

/**
 * Keeps whether each variant is in stock (an older sequence than the one held is ignored) and
 * whether its product has any variant in stock. The store shows only in stock or not, so the
 * product, its listing rows, the store cache and the search index are touched only when that flips: a sale that
 * takes 10 down to 9 changes nothing a shopper sees. A batch of events is one statement (the
 * newest sequence per variant wins, rows in variant id order), plus a few for the products that
 * flipped, if any, locked in id order.
 */
export const onStockChanged = handleMany<PayloadOf<typeof StockChanged>>(async ({ em, afterCommit }, events) => {
  const facts = newestPerVariant(events.map((e) => e.payload));
  const db = productDb(em);
  const flipped = (
    await db
      // Every part of one statement sees the same snapshot: `before` holds the flags as they were.
      .with('before', (db) =>
        db
          .selectFrom('variant_stock')
          .select(['variant_id', 'in_stock'])
          .where('variant_id', '=', anyOf(facts.map((f) => f.variantId))),
      )
      .with('up', (db) =>
        db
          .insertInto('variant_stock')
          .values(
            facts.map((f) => ({
              variant_id: f.variantId,
              available: f.available,
              in_stock: f.inStock,
              sequence: f.sequence,
            })),
          )
          .onConflict((oc) =>
            oc
              .column('variant_id')
              .doUpdateSet((eb) => ({
                available: eb.ref('excluded.available'),
                in_stock: eb.ref('excluded.in_stock'),
                sequence: eb.ref('excluded.sequence'),
              }))
              .where('variant_stock.sequence', '<', (eb) => eb.ref('excluded.sequence')),
          )
          .returning(['variant_id', 'in_stock']),
      )
      .selectFrom('up')
      .innerJoin('variants as v', 'v.id', 'up.variant_id')
      .leftJoin('before', 'before.variant_id', 'up.variant_id')
      .where((eb) => eb('before.in_stock', 'is distinct from', eb.ref('up.in_stock')))
      .select('v.product_id')
      .distinct()
      .orderBy('v.product_id')
      .execute()
  ).map((r) => r.product_id);
  if (!flipped.length) return;
  // The products in id order, as every catalog write locks them: an update by `= any` locks in
  // whatever order its plan reads them.
  if (flipped.length > 1)
    await db.selectFrom('products').select('id').where('id', '=', anyOf(flipped)).orderBy('id').forUpdate().execute();
  await db
    .updateTable('products as p')
    .set({ in_stock: anyVariantInStock })
    .where('p.id', '=', anyOf(flipped))
    .execute();
  await query(
    em,
    `update product.search_postings sp set in_stock = p.in_stock from product.products p
     where p.id = sp.product_id and sp.product_id = any($1) and sp.in_stock <> p.in_stock`,
    [flipped],
  );
  // The listing rows show each variant's stock: rebuilt in every currency, in product order.
  await query(
    em,
    `update product.listing_prices lp set variants = ${variantsJson('lp.product_id', 'lp.currency')}
     where lp.product_id = any($1)`,
    [flipped],
  );
  afterCommit(() => productRuntime().refreshCacheAndSearch(flipped, { kind: 'stock' }));
});
