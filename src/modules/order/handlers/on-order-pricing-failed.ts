import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderPricingFailed } from '../../pricing/contract.ts';
import { noteEvent } from '../use-cases/note-timeline.ts';
import { lockOrder } from '../entities/order-store.ts';
import { cancelOrder } from '../use-cases/cancel-order.ts';

export const onOrderPricingFailed: Handler<PayloadOf<typeof OrderPricingFailed>> = async (ctx, env) => {
  const p = env.payload;
  const o = await lockOrder(ctx.em, p.orderId);
  if (o) await noteEvent(ctx.em, o.id, 'pricing_failed', env, { reason: p.reason });
  if (o) await cancelOrder(ctx, o, 'pricing_failed', `could not be priced: ${p.reason}`);
};
