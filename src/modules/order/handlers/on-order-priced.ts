import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderPriced } from '../../pricing/contract.ts';
import { noteEvent } from '../use-cases/note-timeline.ts';
import { lockOrder } from '../entities/order-store.ts';
import { recordPricing } from '../use-cases/record-pricing.ts';

export const onOrderPriced: Handler<PayloadOf<typeof OrderPriced>> = async (ctx, env) => {
  const p = env.payload;
  const o = await lockOrder(ctx.em, p.orderId);
  if (!o) return;
  await noteEvent(ctx.em, o.id, 'priced', env, {
    currency: p.currency,
    total: p.totals.total,
    discount: p.totals.discount,
  });
  await recordPricing(ctx, o, p);
};
