import { sql } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { pricingDb } from '../entities/pricing-db.ts';
import { inTransaction } from './redeem-promotion.ts';

/** Gives back every promotion use of an order (it was canceled); returns how many. Idempotent. */
export function releaseRedemptions(em: EntityManager, orderId: string): Promise<number> {
  return inTransaction(em, async (tx) => {
    const gone = await pricingDb(tx)
      .deleteFrom('promotion_redemptions')
      .where('order_id', '=', orderId)
      .returning('promotion_id')
      .execute();
    // An order redeems each promotion at most once, so one decrement per promotion.
    if (gone.length)
      await pricingDb(tx)
        .updateTable('promotions')
        .set({ usage_count: sql<number>`greatest(usage_count - 1, 0)` })
        .where(
          'id',
          'in',
          gone.map((g) => g.promotion_id),
        )
        .execute();
    return gone.length;
  });
}
