import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { PaymentCaptured } from '../../payment/contract.ts';
import { recordFacts } from '../use-cases/record-fact.ts';

/** Money actually taken (on shipment, or at once): the captured amount when the event was written. */
export const onPaymentCaptured = handleMany<PayloadOf<typeof PaymentCaptured>>(({ em }, events) =>
  recordFacts(
    em,
    events.map(({ id, occurredAt, payload: c }) => ({
      eventId: id,
      kind: 'payment_captured',
      occurredAt,
      orderId: c.orderId,
      currency: c.currency,
      amount: c.amount,
    })),
  ),
);
