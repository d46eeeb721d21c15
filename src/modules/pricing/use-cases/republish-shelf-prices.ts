import type { EntityManager } from '../../../platform/db/index.ts';
import type { EventDef, HandlerContext, PayloadOf } from '../../../platform/bus/index.ts';
import { PriceChanged } from '../contract.ts';
import { distinctSortedPairs, needsPublishing, type VariantCurrency } from '../domain/shelf-price.ts';
import {
  lastPublished,
  lockShelfPrices,
  recordPublished,
  shelfPrices,
  taxModes,
} from '../entities/shelf-price.data.ts';

/**
 * Publishes one of pricing's events inside the given transaction: `publisherFor(platform, 'pricing')`
 * in routes, `handlerPublisher(ctx)` in event and task handlers (which keeps the event's trace).
 */
export type Publish = <E extends EventDef>(em: EntityManager, event: E, payload: PayloadOf<E>) => Promise<unknown>;

export const handlerPublisher =
  (ctx: HandlerContext): Publish =>
  (_em, event, payload) =>
    ctx.publish(event, payload);

/**
 * Recomputes the public shelf price of the given pairs and publishes pricing.price_changed for
 * each one that differs from what was last published (amount, base or tax mode), with the next
 * sequence number. Runs inside the caller's transaction, after its writes.
 *
 * Each pair is locked BEFORE it is recomputed: a concurrent change of the same pair waits until
 * this transaction commits and then computes from the committed state, so the event with the
 * highest sequence always carries the price that is true after both.
 */
export async function republishShelfPrices(
  em: EntityManager,
  publish: Publish,
  pairs: readonly VariantCurrency[],
  at = new Date(),
): Promise<number> {
  const unique = distinctSortedPairs(pairs);
  if (unique.length === 0) return 0;
  await lockShelfPrices(em, unique);
  const now = await shelfPrices(em, unique, at, null);
  const last = await lastPublished(em, unique);
  const inclusive = await taxModes(em);
  let count = 0;
  for (const price of now) {
    const taxInclusive = inclusive.get(price.currency) ?? false;
    if (!needsPublishing(last.get(`${price.variantId}:${price.currency}`), price, taxInclusive)) continue;
    const sequence = await recordPublished(em, price, taxInclusive);
    await publish(em, PriceChanged, {
      variantId: price.variantId,
      currency: price.currency,
      amount: price.amount,
      originalAmount: price.originalAmount,
      taxInclusive,
      sequence,
    });
    count++;
  }
  return count;
}
