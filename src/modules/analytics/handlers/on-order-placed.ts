import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderPlaced } from '../../order/contract.ts';
import { recordFacts } from '../use-cases/record-fact.ts';

/**
 * The funnel's checkout step: the shopper submitted the checkout (the order module's
 * order.placed.v1, written with the order in one transaction). The store API has no earlier
 * checkout step to announce, so no second event is written on the shopper's path for it.
 */
export const onOrderPlaced = handleMany<PayloadOf<typeof OrderPlaced>>(({ em }, events) =>
  recordFacts(
    em,
    events.map(({ id, payload: o }) => ({
      eventId: id,
      kind: 'checkout_started',
      occurredAt: o.placedAt,
      orderId: o.orderId,
      currency: o.currency,
      amount: 0,
    })),
  ),
);
