// Recording that an order used a promotion. The order saga calls `redeem` for each promotion the
// order was priced with (in its order.placed handler's transaction) and `releaseRedemptions` when
// the order is canceled. No HTTP route: it is a step of checkout, not something a client asks for.
//
// Concurrency: the total limit is one conditional UPDATE (usage_count < usage_limit), so the row
// lock makes concurrent redemptions queue and only those that fit succeed; once-per-customer is the
// unique index on (promotion_id, once_key); one order redeems a promotion once (unique on
// (promotion_id, order_id)), so a redelivered saga event is answered with the first result.
import { uuidv7 } from '../../../platform/ids.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Currency } from '../contract.ts';

export interface RedeemInput {
  promotionId: string;
  orderId: string;
  customerId: string | null;
  currency: Currency;
  /** The discount the order got from this promotion, minor units. */
  amount: number;
}

export type RedeemOutcome =
  | { ok: true; redemptionId: string; repeated: boolean }
  | { ok: false; reason: 'unknown' | 'limit_reached' | 'already_used' | 'customer_required' };

const inTransaction = <T>(em: EntityManager, fn: (tx: EntityManager) => Promise<T>): Promise<T> =>
  em.isInTransaction() ? fn(em) : em.transactional(fn);

/** Records one use of a promotion by an order; runs in the caller's transaction when there is one. */
export function redeem(em: EntityManager, input: RedeemInput): Promise<RedeemOutcome> {
  return inTransaction(em, async (tx) => {
    const [promo] = await tx.execute<{ once_per_customer: boolean }[]>(
      'select once_per_customer from pricing.promotions where id = ?',
      [input.promotionId],
    );
    if (!promo) return { ok: false, reason: 'unknown' };
    const done = await tx.execute<{ id: string }[]>(
      'select id from pricing.promotion_redemptions where promotion_id = ? and order_id = ?',
      [input.promotionId, input.orderId],
    );
    if (done.length) return { ok: true, redemptionId: done[0].id, repeated: true };
    if (promo.once_per_customer && !input.customerId) return { ok: false, reason: 'customer_required' };

    // Per customer and per order first: a concurrent insert of the same key waits for the other
    // transaction, then conflicts (nothing inserted) if that one committed.
    const inserted = await tx.execute<{ id: string }[]>(
      `insert into pricing.promotion_redemptions (id, promotion_id, order_id, customer_id, once_key, currency, amount, created_at)
       values (?, ?, ?, ?, ?, ?, ?, now()) on conflict do nothing returning id`,
      [
        uuidv7(),
        input.promotionId,
        input.orderId,
        input.customerId,
        promo.once_per_customer ? input.customerId : null,
        input.currency,
        input.amount,
      ],
    );
    if (!inserted.length) {
      const again = await tx.execute<{ id: string }[]>(
        'select id from pricing.promotion_redemptions where promotion_id = ? and order_id = ?',
        [input.promotionId, input.orderId],
      );
      return again.length
        ? { ok: true, redemptionId: again[0].id, repeated: true }
        : { ok: false, reason: 'already_used' };
    }
    // Then the total: only a redemption that fits under the limit counts.
    const counted = await tx.execute(
      `update pricing.promotions set usage_count = usage_count + 1
        where id = ? and (usage_limit is null or usage_count < usage_limit) returning id`,
      [input.promotionId],
    );
    if (!counted.length) {
      await tx.execute('delete from pricing.promotion_redemptions where id = ?', [inserted[0].id]);
      return { ok: false, reason: 'limit_reached' };
    }
    return { ok: true, redemptionId: inserted[0].id, repeated: false };
  });
}

/** Gives back every promotion use of an order (it was canceled); returns how many. Idempotent. */
export function releaseRedemptions(em: EntityManager, orderId: string): Promise<number> {
  return inTransaction(em, async (tx) => {
    const gone = await tx.execute<{ promotion_id: string }[]>(
      'delete from pricing.promotion_redemptions where order_id = ? returning promotion_id',
      [orderId],
    );
    for (const g of gone) {
      await tx.execute('update pricing.promotions set usage_count = greatest(usage_count - 1, 0) where id = ?', [
        g.promotion_id,
      ]);
    }
    return gone.length;
  });
}
