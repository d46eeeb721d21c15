// Recording that an order used a promotion: a step of the order saga (its order.placed handler),
// not something a client asks for. The total limit is one conditional UPDATE, so concurrent
// redemptions queue on the row and only those that fit succeed; once-per-customer is the unique
// (promotion_id, once_key); one order redeems a promotion once (unique (promotion_id, order_id)),
// so a redelivered saga event is answered with the first result.
import { query, type EntityManager } from '../../../platform/db/index.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import type { Currency } from '../contract.ts';
import { PromotionRedemption } from '../entities/promotion.entity.ts';
import { pricingDb } from '../entities/pricing-db.ts';

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

export const inTransaction = <T>(em: EntityManager, fn: (tx: EntityManager) => Promise<T>): Promise<T> =>
  em.isInTransaction() ? fn(em) : em.transactional(fn);

const redemptionOf = async (tx: EntityManager, input: RedeemInput) =>
  (
    await query<{ id: string }>(
      tx,
      'select id from pricing.promotion_redemptions where promotion_id = $1 and order_id = $2',
      [input.promotionId, input.orderId],
    )
  )[0];

/** Records one use of a promotion by an order; runs in the caller's transaction when there is one. */
export function redeem(em: EntityManager, input: RedeemInput): Promise<RedeemOutcome> {
  return inTransaction(em, async (tx) => {
    const [promo] = await query<{ once_per_customer: boolean }>(
      tx,
      'select once_per_customer from pricing.promotions where id = $1',
      [input.promotionId],
    );
    if (!promo) return { ok: false, reason: 'unknown' };
    const done = await redemptionOf(tx, input);
    if (done) return { ok: true, redemptionId: done.id, repeated: true };
    if (promo.once_per_customer && !input.customerId) return { ok: false, reason: 'customer_required' };

    // Per customer and per order first: a concurrent insert of the same key waits for the other
    // transaction, then conflicts (nothing inserted) if that one committed.
    const inserted = await pricingDb(tx)
      .insertInto('promotion_redemptions')
      .values({
        id: uuidv7(),
        promotion_id: input.promotionId,
        order_id: input.orderId,
        customer_id: input.customerId,
        once_key: promo.once_per_customer ? input.customerId : null,
        currency: input.currency,
        amount: input.amount,
        created_at: new Date(),
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const again = await redemptionOf(tx, input);
      return again ? { ok: true, redemptionId: again.id, repeated: true } : { ok: false, reason: 'already_used' };
    }
    // Then the total: only a redemption that fits under the limit counts.
    const counted = await pricingDb(tx)
      .updateTable('promotions')
      .set((eb) => ({ usage_count: eb('usage_count', '+', 1) }))
      .where('id', '=', input.promotionId)
      .where((eb) => eb.or([eb('usage_limit', 'is', null), eb('usage_count', '<', eb.ref('usage_limit'))]))
      .executeTakeFirst();
    if (!counted.numUpdatedRows) {
      await tx.nativeDelete(PromotionRedemption, { id: inserted.id });
      return { ok: false, reason: 'limit_reached' };
    }
    return { ok: true, redemptionId: inserted.id, repeated: false };
  });
}
