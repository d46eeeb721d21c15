import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { StockReserved } from '../../inventory/contract.ts';
import { lockOrder } from '../entities/order-store.ts';
import { recordReservation } from '../use-cases/record-reservation.ts';

export const onStockReserved: Handler<PayloadOf<typeof StockReserved>> = async (ctx, { payload: p }) => {
  const o = await lockOrder(ctx.em, p.orderId);
  if (o) await recordReservation(ctx, o, p.reservationId);
};
