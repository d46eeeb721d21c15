import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ShipmentShipped } from '../../shipping/contract.ts';
import { lockOrder } from '../entities/order-store.ts';
import { fulfilOrder } from '../use-cases/fulfil-order.ts';

export const onShipmentShipped: Handler<PayloadOf<typeof ShipmentShipped>> = async (ctx, { payload: p }) => {
  await fulfilOrder(ctx, await lockOrder(ctx.em, p.orderId));
};
