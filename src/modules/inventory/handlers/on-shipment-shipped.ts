import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ShipmentShipped } from '../../shipping/contract.ts';
import { commitReservation } from '../use-cases/commit-reservation.ts';
import { getReservation } from '../use-cases/get-reservation.ts';
import { handlerContext } from '../use-cases/stock-context.ts';

/** The goods left: the reservation becomes a real stock movement. */
export const onShipmentShipped: Handler<PayloadOf<typeof ShipmentShipped>> = async (ctx, { payload }) => {
  if (!(await getReservation(ctx.em, { reference: payload.orderId }))) return;
  await commitReservation(handlerContext(ctx), { reference: payload.orderId });
};
