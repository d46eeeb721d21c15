import type { EntityManager } from '../../../platform/db/index.ts';
import { recommendationDb } from './db.ts';

/**
 * Recomputes a product's stock flag and price range per currency from its variants, which every
 * list reads instead of the variants themselves. Callers write their variant or price row first;
 * the lock taken here then orders them, and each statement after it sees every change committed
 * before, so two variants changing at once cannot leave a stale flag (the last to lock sees both).
 * A product not announced yet has nothing to refresh: its announcement does it. (The prices are
 * read by primary key from the product's variant ids: a join let the planner scan every price.)
 */
export async function refreshProductFacts(em: EntityManager, productId: string): Promise<void> {
  const db = recommendationDb(em);
  const locked = await db
    .selectFrom('recommendation.products')
    .select('product_id')
    .where('product_id', '=', productId)
    .forUpdate()
    .executeTakeFirst();
  if (!locked) return;
  await db
    .updateTable('recommendation.products as p')
    .set((eb) => ({
      in_stock: eb
        .exists(
          eb
            .selectFrom('recommendation.variants as v')
            .select('v.variant_id')
            .whereRef('v.product_id', '=', 'p.product_id')
            .where('v.in_stock', '=', true),
        )
        .$castTo<boolean>(),
    }))
    .where('p.product_id', '=', productId)
    .execute();
  await db.deleteFrom('recommendation.product_prices').where('product_id', '=', productId).execute();
  await db
    .insertInto('recommendation.product_prices')
    .columns(['product_id', 'currency', 'lo', 'hi'])
    .expression((eb) =>
      eb
        .selectFrom('recommendation.prices as pr')
        .select((eb) => [
          eb.cast<string>(eb.val(productId), 'uuid').as('product_id'),
          'pr.currency',
          eb.fn.min<number>('pr.amount').as('lo'),
          eb.fn.max<number>('pr.amount').as('hi'),
        ])
        .where((eb) =>
          eb(
            'pr.variant_id',
            '=',
            eb.fn<string>('any', [
              eb.fn('array', [
                eb.selectFrom('recommendation.variants').select('variant_id').where('product_id', '=', productId),
              ]),
            ]),
          ),
        )
        .where('pr.amount', 'is not', null)
        .groupBy('pr.currency'),
    )
    .execute();
}

/**
 * Locks a variant's row (creating it if unknown) and names its product: a price written before
 * this waits for a concurrent announcement of the variant, then refreshes the right product.
 */
export async function productOfVariant(em: EntityManager, variantId: string): Promise<string | null> {
  const row = await recommendationDb(em)
    .insertInto('recommendation.variants')
    .values({ variant_id: variantId })
    .onConflict((oc) => oc.column('variant_id').doUpdateSet((eb) => ({ variant_id: eb.ref('excluded.variant_id') })))
    .returning('product_id')
    .executeTakeFirst();
  return row?.product_id ?? null;
}
