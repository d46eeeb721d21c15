import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ReservationFailed } from '../../inventory/contract.ts';
import { noteEvent } from '../use-cases/note-timeline.ts';
import { lockOrder } from '../entities/order-store.ts';
import { cancelOrder } from '../use-cases/cancel-order.ts';

export const onReservationFailed: Handler<PayloadOf<typeof ReservationFailed>> = async (ctx, env) => {
  const p = env.payload;
  const o = await lockOrder(ctx.em, p.orderId);
  if (o) await noteEvent(ctx.em, o.id, 'reservation_failed', env, { reason: p.reason, variantIds: p.variantIds });
  if (o) await cancelOrder(ctx, o, 'out_of_stock', `out of stock: ${p.reason}`);
};
