import { sql } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { anyOf, recommendationDb } from './db.ts';

/**
 * Every writer here takes its row locks in one order, so concurrent batches queue up instead of
 * deadlocking (docs/adr/0120): price rows, then variant rows, then product rows, each table's rows
 * in id order and in one statement. A batch's events are reduced to the newest per row first, so
 * one statement never meets a row twice.
 */
export const sortedUnique = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();

/**
 * Recomputes these products' stock flag and price range per currency from their variants, which
 * every list reads instead of the variants themselves. Callers write their variant or price rows
 * first; the locks taken here (in id order) then order them, and each statement after it sees
 * every change committed before, so two variants changing at once cannot leave a stale flag (the
 * last to lock sees both). A product not announced yet has nothing to refresh: its announcement
 * does it. (Prices are read by primary key per variant: a plain join let the planner scan every price.)
 */
export async function refreshProductFacts(em: EntityManager, productIds: Iterable<string>): Promise<void> {
  const ids = sortedUnique(productIds);
  if (!ids.length) return;
  const db = recommendationDb(em);
  const locked = (
    await db
      .selectFrom('recommendation.products')
      .select('product_id')
      .where('product_id', '=', anyOf(ids))
      .orderBy('product_id')
      .forUpdate()
      .execute()
  ).map((r) => r.product_id);
  if (!locked.length) return;
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
    .where('p.product_id', '=', anyOf(locked))
    .execute();
  await db.deleteFrom('recommendation.product_prices').where('product_id', '=', anyOf(locked)).execute();
  await sql`insert into recommendation.product_prices (product_id, currency, lo, hi)
    select v.product_id, pr.currency, min(pr.amount), max(pr.amount)
    from recommendation.variants v
    cross join lateral (select p.currency, p.amount from recommendation.prices p
      where p.variant_id = v.variant_id and p.amount is not null) pr
    where v.product_id = any(${locked}::uuid[])
    group by v.product_id, pr.currency`.execute(db);
}

/**
 * Locks these variants' rows in id order (creating those unknown) and names their products: a
 * price written before this waits for a concurrent announcement of a variant, then refreshes the
 * right product.
 */
export async function productsOfVariants(em: EntityManager, variantIds: Iterable<string>): Promise<string[]> {
  const ids = sortedUnique(variantIds);
  if (!ids.length) return [];
  // (unnest keeps the array's order, so the rows are inserted and locked in id order)
  const rows = await recommendationDb(em)
    .insertInto('recommendation.variants')
    .columns(['variant_id'])
    .expression(sql<{ variant_id: string }>`select unnest(${ids}::uuid[])`)
    .onConflict((oc) => oc.column('variant_id').doUpdateSet((eb) => ({ variant_id: eb.ref('excluded.variant_id') })))
    .returning('product_id')
    .execute();
  return rows.flatMap((r) => (r.product_id ? [r.product_id] : []));
}
