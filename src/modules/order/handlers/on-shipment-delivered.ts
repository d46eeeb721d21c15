import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ShipmentDelivered } from '../../shipping/contract.ts';
import { findOrder } from '../entities/order-store.ts';
import { noteEvent } from '../use-cases/note-timeline.ts';

/** The parcel arrived: a line on the order's timeline (a fulfilled order stays fulfilled). */
export const onShipmentDelivered: Handler<PayloadOf<typeof ShipmentDelivered>> = async (ctx, env) => {
  const { orderId, shipmentId, deliveredAt, staffId } = env.payload;
  if (await findOrder(ctx.em, orderId))
    await noteEvent(ctx.em, orderId, 'delivered', env, { shipmentId, deliveredAt }, staffId ?? null);
};
