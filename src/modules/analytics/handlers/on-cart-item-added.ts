import { handleMany, type PayloadOf } from '../../../platform/bus/index.ts';
import type { CartItemAdded } from '../../order/contract.ts';
import { recordFacts } from '../use-cases/record-fact.ts';

/** The funnel's second step: a variant put in a cart. */
export const onCartItemAdded = handleMany<PayloadOf<typeof CartItemAdded>>(({ em }, events) =>
  recordFacts(
    em,
    events.map(({ id, payload: a }) => ({
      eventId: id,
      kind: 'cart_item_added',
      occurredAt: a.addedAt,
      orderId: null,
      currency: a.currency,
      amount: 0,
      detail: { cartId: a.cartId, productId: a.productId, variantId: a.variantId, quantity: a.quantity },
    })),
  ),
);
