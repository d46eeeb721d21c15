import { sql } from 'kysely';
import type { Handler } from '../../../platform/bus/index.ts';
import type { PriceChangedPayload } from '../../pricing/contract.ts';
import { productDb } from '../entities/db.ts';
import { productRuntime } from '../runtime.ts';

/**
 * Keeps the shelf price per variant and currency (an older sequence than the one held is
 * ignored) and the product's price range in that currency, in two statements. It locks one
 * price row and one listing row, never the product, so it cannot deadlock with catalog edits.
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
  // The write above is not committed yet but is visible to this statement: recompute the range.
  const productId = owner.product_id;
  await db
    .with('agg', (db) =>
      db
        .selectFrom('variants as v')
        .innerJoin('variant_prices as vp', (join) =>
          join.onRef('vp.variant_id', '=', 'v.id').on('vp.currency', '=', p.currency),
        )
        .select((eb) => [eb.fn.min<number>('vp.amount').as('mn'), eb.fn.max<number>('vp.amount').as('mx')])
        .where('v.product_id', '=', productId)
        .where('vp.amount', 'is not', null),
    )
    .with('gone', (db) =>
      db
        .deleteFrom('listing_prices')
        .where('product_id', '=', productId)
        .where('currency', '=', p.currency)
        .where((eb) => eb(eb.selectFrom('agg').select('mn'), 'is', null)),
    )
    .insertInto('listing_prices')
    .columns(['product_id', 'currency', 'min_amount', 'max_amount'])
    .expression((eb) =>
      eb
        .selectFrom('agg')
        .select([
          sql<string>`${productId}::uuid`.as('product_id'),
          sql<string>`${p.currency}::char(3)`.as('currency'),
          'mn',
          'mx',
        ])
        .where('mn', 'is not', null),
    )
    .onConflict((oc) =>
      oc.columns(['product_id', 'currency']).doUpdateSet((eb) => ({
        min_amount: eb.ref('excluded.min_amount'),
        max_amount: eb.ref('excluded.max_amount'),
      })),
    )
    .execute();
  afterCommit(() => productRuntime().refreshCacheAndSearch([productId], { words: false }));
};
