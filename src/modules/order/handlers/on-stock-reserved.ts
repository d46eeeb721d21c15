import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { StockReserved } from '../../inventory/contract.ts';
import { timelineNote } from '../use-cases/note-timeline.ts';
import { lockOrder } from '../entities/order-store.ts';
import { recordReservation } from '../use-cases/record-reservation.ts';

export const onStockReserved: Handler<PayloadOf<typeof StockReserved>> = async (ctx, env) => {
  const p = env.payload;
  const o = await lockOrder(ctx.em, p.orderId);
  if (!o) return;
  const noted = timelineNote(o.id, 'items_reserved', env, { reservationId: p.reservationId });
  await recordReservation(ctx, o, p.reservationId, noted);
};
