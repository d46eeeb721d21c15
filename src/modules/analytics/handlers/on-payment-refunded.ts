import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PaymentRefunded } from '../../payment/contract.ts';
import { recordFact } from '../use-cases/record-fact.ts';

/**
 * Money given back counts as a refund in the hour the event was written. A voided authorization
 * moved no money (it never counted as revenue captured), so it is not a refund.
 */
export const onPaymentRefunded: Handler<PayloadOf<typeof PaymentRefunded>> = async (
  { em },
  { id, occurredAt, payload: r },
) => {
  if (r.voided || r.amount === 0) return;
  await recordFact(em, {
    eventId: id,
    kind: 'payment_refunded',
    occurredAt,
    orderId: r.orderId,
    currency: r.currency,
    amount: r.amount,
  });
};
