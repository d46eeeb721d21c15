import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderConfirmed } from '../../order/contract.ts';
import { recordFact } from '../use-cases/record-fact.ts';

/** A confirmed order is a sale: its total counts as revenue in the hour it was confirmed. */
export const onOrderConfirmed: Handler<PayloadOf<typeof OrderConfirmed>> = async ({ em }, { id, payload: o }) =>
  recordFact(em, {
    eventId: id,
    kind: 'order_confirmed',
    occurredAt: o.confirmedAt,
    orderId: o.orderId,
    currency: o.currency,
    amount: o.totals.total,
  });
