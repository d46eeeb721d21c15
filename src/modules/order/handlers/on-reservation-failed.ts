import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ReservationFailed } from '../../inventory/contract.ts';
import { lockOrder } from '../entities/order-store.ts';
import { cancelOrder } from '../use-cases/cancel-order.ts';

export const onReservationFailed: Handler<PayloadOf<typeof ReservationFailed>> = async (ctx, { payload: p }) => {
  const o = await lockOrder(ctx.em, p.orderId);
  if (o) await cancelOrder(ctx, o, 'out_of_stock', `out of stock: ${p.reason}`);
};
