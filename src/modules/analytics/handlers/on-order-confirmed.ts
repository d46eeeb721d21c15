import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderConfirmed } from '../../order/contract.ts';
import { recordFacts } from '../use-cases/record-fact.ts';

/**
 * A confirmed order is a sale: its total counts as revenue when it was confirmed, its lines as
 * units and revenue of their variants, and it is the funnel's last step.
 */
export const onOrderConfirmed = handleMany<PayloadOf<typeof OrderConfirmed>>(({ em }, events) =>
  recordFacts(
    em,
    events.map(({ id, payload: o }) => ({
      eventId: id,
      kind: 'order_confirmed',
      occurredAt: o.confirmedAt,
      orderId: o.orderId,
      currency: o.currency,
      amount: o.totals.total,
      detail: { lines: o.lines.map(({ variantId, quantity, total }) => ({ variantId, quantity, total })) },
    })),
  ),
);
