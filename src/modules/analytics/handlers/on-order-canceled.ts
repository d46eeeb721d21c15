import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderCanceled } from '../../order/contract.ts';
import { recordFacts } from '../use-cases/record-fact.ts';

/**
 * A canceled order counts once, when it was canceled, in its currency. A `compensation` event
 * repeats an earlier cancellation for late participants: not a second one. An event written
 * before the currency was part of it cannot be put in a currency's row: stored, not counted.
 */
export const onOrderCanceled = handleMany<PayloadOf<typeof OrderCanceled>>(({ em }, events) =>
  recordFacts(
    em,
    events
      .filter(({ payload: c }) => c.reasonCode !== 'compensation')
      .map(({ id, payload: c }) => ({
        eventId: id,
        kind: 'order_canceled',
        occurredAt: c.canceledAt,
        orderId: c.orderId,
        currency: c.currency ?? null,
        amount: c.total ?? 0,
        detail: c.reasonCode ? { reasonCode: c.reasonCode } : undefined,
      })),
  ),
);
