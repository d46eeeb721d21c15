import { Type } from 'typebox';
import { defineEvent, type Handler } from '../../../platform/bus/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { CoPurchase, Popularity } from '../entities/purchase.entity.ts';

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
  const run = (sql: string) => em.execute(sql, [], 'run');
  await run('lock table recommendation.orders in exclusive mode');
  await run(`update recommendation.orders o set counted = coalesce((select array_agg(distinct v.product_id order by v.product_id)
      from recommendation.order_variants ov join recommendation.variants v on v.variant_id = ov.variant_id
      where ov.order_id = o.order_id and v.product_id is not null), '{}')
    where o.confirmed and not o.withdrawn`);
  await em.qb(CoPurchase).delete().execute('run');
  await em.qb(Popularity).delete().execute('run');
  const counting = 'from recommendation.orders o, unnest(o.counted) a where o.confirmed and not o.withdrawn';
  await run(`insert into recommendation.co_purchases (product_id, other_id, orders)
    select a, b, count(*) ${counting.replace('unnest(o.counted) a', 'unnest(o.counted) a, unnest(o.counted) b')}
    and a <> b group by a, b`);
  await run(`insert into recommendation.popularity (product_id, orders) select a, count(*) ${counting} group by a`);
  const [n] = await em.execute<{ pairs: number; products: number }[]>(
    `select (select count(*)::int from recommendation.co_purchases) as pairs,
       (select count(*)::int from recommendation.popularity) as products`,
    [],
    'all',
  );
  return { pairs: n?.pairs ?? 0, products: n?.products ?? 0 };
}

export const onRebuildDue: Handler = async ({ em, log }) => {
  const counts = await rebuildRecommendations(em);
  log.info(counts, 'recommendation counts rebuilt');
};
