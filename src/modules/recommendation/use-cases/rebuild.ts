import type { EntityManager } from '../../../platform/db/index.ts';
import { CoPurchase, Popularity } from '../entities/purchase.entity.ts';

/**
 * Recomputes co-purchases and popularity from the stored order variants and the variant→product
 * projection, in one transaction (readers see the old counts until it commits). Returns the counts.
 */
export async function rebuildRecommendations(em: EntityManager): Promise<{ pairs: number; products: number }> {
  return em.transactional(async (tx) => {
    const orderProducts = `(select distinct ov.order_id, v.product_id from recommendation.order_variants ov
      join recommendation.variants v on v.variant_id = ov.variant_id where v.product_id is not null)`;
    await tx.qb(CoPurchase).delete().execute('run');
    await tx.qb(Popularity).delete().execute('run');
    await tx.execute(
      `insert into recommendation.co_purchases (product_id, other_id, orders)
       select a.product_id, b.product_id, count(*) from ${orderProducts} a
       join ${orderProducts} b on a.order_id = b.order_id and a.product_id <> b.product_id
       group by a.product_id, b.product_id`,
      [],
      'run',
    );
    await tx.execute(
      `insert into recommendation.popularity (product_id, orders)
       select product_id, count(*) from ${orderProducts} op group by product_id`,
      [],
      'run',
    );
    const [pairs] = await tx.execute<{ n: number }[]>(
      'select count(*)::int as n from recommendation.co_purchases',
      [],
      'all',
    );
    const [products] = await tx.execute<{ n: number }[]>(
      'select count(*)::int as n from recommendation.popularity',
      [],
      'all',
    );
    return { pairs: pairs?.n ?? 0, products: products?.n ?? 0 };
  });
}
