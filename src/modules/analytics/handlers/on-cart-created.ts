import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { CartCreated } from '../../order/contract.ts';
import { recordFacts } from '../use-cases/record-fact.ts';

/** A cart opened: counted beside the funnel (carts per period). */
export const onCartCreated = handleMany<PayloadOf<typeof CartCreated>>(({ em }, events) =>
  recordFacts(
    em,
    events.map(({ id, payload: c }) => ({
      eventId: id,
      kind: 'cart_created',
      occurredAt: c.createdAt,
      orderId: null,
      currency: c.currency,
      amount: 0,
      detail: { cartId: c.cartId },
    })),
  ),
);
