import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { ProductViewed } from '../contract.ts';
import { recordFacts } from '../use-cases/record-fact.ts';

/**
 * The funnel's first step. The storefront's report (POST /store/events) is published as an event
 * and counted here, in the background: the request itself writes one row per subscribed queue.
 */
export const onProductViewed = handleMany<PayloadOf<typeof ProductViewed>>(({ em }, events) =>
  recordFacts(
    em,
    events.map(({ id, payload: v }) => ({
      eventId: id,
      kind: 'product_viewed',
      occurredAt: v.viewedAt,
      orderId: null,
      currency: null,
      amount: 0,
      detail: { productId: v.productId },
    })),
  ),
);
