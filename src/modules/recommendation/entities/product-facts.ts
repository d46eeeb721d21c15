import type { EntityManager } from '../../../platform/db/index.ts';
import { RecProductPrice } from './catalog.entity.ts';

/**
 * Recomputes a product's stock flag and price range per currency from its variants, which every
 * list reads instead of the variants themselves. Callers write their variant or price row first;
 * the lock taken here then orders them, and each statement after it sees every change committed
 * before, so two variants changing at once cannot leave a stale flag (the last to lock sees both).
 * A product not announced yet has nothing to refresh: its announcement does it. (The prices are
 * read by primary key from the product's variant ids: a join let the planner scan every price.)
 */
export async function refreshProductFacts(em: EntityManager, productId: string): Promise<void> {
  const locked = await em.execute(
    'select 1 from recommendation.products where product_id = ? for update',
    [productId],
    'all',
  );
  if (!locked.length) return;
  await em.execute(
    `update recommendation.products p set in_stock = exists (select 1 from recommendation.variants v
       where v.product_id = p.product_id and v.in_stock) where p.product_id = ?`,
    [productId],
    'run',
  );
  await em.qb(RecProductPrice).delete().where({ productId }).execute('run');
  await em.execute(
    `insert into recommendation.product_prices (product_id, currency, lo, hi)
     select ?::uuid, pr.currency, min(pr.amount), max(pr.amount) from recommendation.prices pr
     where pr.variant_id = any(array(select variant_id from recommendation.variants where product_id = ?))
       and pr.amount is not null group by pr.currency`,
    [productId, productId],
    'run',
  );
}

/**
 * Locks a variant's row (creating it if unknown) and names its product: a price written before
 * this waits for a concurrent announcement of the variant, then refreshes the right product.
 */
export async function productOfVariant(em: EntityManager, variantId: string): Promise<string | null> {
  const [row] = await em.execute<{ product_id: string | null }[]>(
    `insert into recommendation.variants (variant_id) values (?)
     on conflict (variant_id) do update set variant_id = excluded.variant_id returning product_id`,
    [variantId],
    'all',
  );
  return row?.product_id ?? null;
}
