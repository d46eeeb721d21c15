import { Type } from 'typebox';
import { defineEvent, type Handler } from '../../../platform/bus/index.ts';
import { sql } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { recommendationDb } from '../entities/db.ts';

/** A rebuild of the counts is due (a task the module books for itself; staff ask for it). */
export const RebuildDue = defineEvent(
  'recommendation.rebuild_due.v1',
  Type.Object({ requestedBy: Type.String() }),
  'Co-purchase and popularity counts are to be recomputed from the stored orders',
);

/**
 * Recomputes co-purchases and popularity from the stored orders that still count (confirmed, not
 * canceled or refunded) and the variant→product projection, in the caller's transaction: readers
 * see the old counts until it commits, and the lock on `orders` holds order handlers back meanwhile.
 * It reads only stored facts, so running it twice gives the same counts.
 */
export async function rebuildRecommendations(em: EntityManager): Promise<{ pairs: number; products: number }> {
  const db = recommendationDb(em);
  // (a table lock has no builder; it is taken through the same typed connection)
  await sql`lock table ${sql.table('recommendation.orders')} in exclusive mode`.execute(db);
  const counting = db
    .selectFrom('recommendation.orders as o')
    .where('o.confirmed', '=', true)
    .where('o.withdrawn', '=', false);
  await db
    .updateTable('recommendation.orders as o')
    .set((eb) => ({
      counted: eb.fn.coalesce(
        eb
          .selectFrom('recommendation.order_variants as ov')
          .innerJoin('recommendation.variants as v', 'v.variant_id', 'ov.variant_id')
          .select((eb) =>
            eb.fn.agg<string[]>('array_agg', ['v.product_id']).distinct().orderBy('v.product_id').as('ids'),
          )
          .whereRef('ov.order_id', '=', 'o.order_id')
          .where('v.product_id', 'is not', null),
        sql<string[]>`'{}'`,
      ),
    }))
    .where('o.confirmed', '=', true)
    .where('o.withdrawn', '=', false)
    .execute();
  await db.deleteFrom('recommendation.co_purchases').execute();
  await db.deleteFrom('recommendation.popularity').execute();
  await db
    .insertInto('recommendation.co_purchases')
    .columns(['product_id', 'other_id', 'orders'])
    .expression(
      counting
        .innerJoin(sql<{ a: string }>`unnest(o.counted)`.as('a'), (join) => join.onTrue())
        .innerJoin(sql<{ b: string }>`unnest(o.counted)`.as('b'), (join) => join.onTrue())
        .select((eb) => ['a.a', 'b.b', eb.fn.countAll<number>().as('orders')])
        .whereRef('a.a', '<>', 'b.b')
        .groupBy(['a.a', 'b.b']),
    )
    .execute();
  await db
    .insertInto('recommendation.popularity')
    .columns(['product_id', 'orders'])
    .expression(
      counting
        .innerJoin(sql<{ a: string }>`unnest(o.counted)`.as('a'), (join) => join.onTrue())
        .select((eb) => ['a.a', eb.fn.countAll<number>().as('orders')])
        .groupBy('a.a'),
    )
    .execute();
  const n = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('recommendation.co_purchases')
        .select(eb.fn.countAll<number>().as('n'))
        .$castTo<number>()
        .as('pairs'),
      eb
        .selectFrom('recommendation.popularity')
        .select(eb.fn.countAll<number>().as('n'))
        .$castTo<number>()
        .as('products'),
    ])
    .executeTakeFirstOrThrow();
  return { pairs: Number(n.pairs), products: Number(n.products) };
}

export const onRebuildDue: Handler = async ({ em, log }) => {
  const counts = await rebuildRecommendations(em);
  log.info(counts, 'recommendation counts rebuilt');
};
