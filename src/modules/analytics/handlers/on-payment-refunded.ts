import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { PaymentRefunded } from '../../payment/contract.ts';
import { recordFacts } from '../use-cases/record-fact.ts';

/**
 * Money given back counts as a refund in the hour the event was written. A voided authorization
 * moved no money (it never counted as revenue captured), so it is not a refund.
 */
export const onPaymentRefunded = handleMany<PayloadOf<typeof PaymentRefunded>>(({ em }, events) =>
  recordFacts(
    em,
    events
      .filter(({ payload: r }) => !r.voided && r.amount > 0)
      .map(({ id, occurredAt, payload: r }) => ({
        eventId: id,
        kind: 'payment_refunded',
        occurredAt,
        orderId: r.orderId,
        currency: r.currency,
        amount: r.amount,
      })),
  ),
);
