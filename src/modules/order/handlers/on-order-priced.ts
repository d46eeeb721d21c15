import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderPriced } from '../../pricing/contract.ts';
import { lockOrder } from '../entities/order-store.ts';
import { recordPricing } from '../use-cases/record-pricing.ts';

export const onOrderPriced: Handler<PayloadOf<typeof OrderPriced>> = async (ctx, { payload: p }) => {
  const o = await lockOrder(ctx.em, p.orderId);
  if (o) await recordPricing(ctx, o, p);
};
