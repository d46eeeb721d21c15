import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderPlaced } from '../../order/contract.ts';
import { OrderPriced, OrderPricingFailed } from '../contract.ts';
import { priceOrder } from '../use-cases/price-order.ts';

/** Saga step: price the order; a refusal is reported to the saga, not retried. */
export const onOrderPlaced: Handler<PayloadOf<typeof OrderPlaced>> = async ({ em, publish }, { payload }) => {
  const outcome = await priceOrder(em, payload);
  if ('priced' in outcome) await publish(OrderPriced, outcome.priced);
  else await publish(OrderPricingFailed, { orderId: payload.orderId, reason: outcome.refused });
};
