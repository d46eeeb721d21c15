import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderPriced } from '../../pricing/contract.ts';
import { timelineNote } from '../use-cases/note-timeline.ts';
import { lockOrder } from '../entities/order-store.ts';
import { recordPricing } from '../use-cases/record-pricing.ts';

export const onOrderPriced: Handler<PayloadOf<typeof OrderPriced>> = async (ctx, env) => {
  const p = env.payload;
  const o = await lockOrder(ctx.em, p.orderId);
  if (!o) return;
  const { currency, totals } = p;
  const noted = timelineNote(o.id, 'priced', env, { currency, total: totals.total, discount: totals.discount });
  await recordPricing(ctx, o, p, noted);
};
