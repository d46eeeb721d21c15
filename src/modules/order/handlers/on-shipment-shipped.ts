import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ShipmentShipped } from '../../shipping/contract.ts';
import { noteEvent } from '../use-cases/note-timeline.ts';
import { lockOrder } from '../entities/order-store.ts';
import { fulfilOrder } from '../use-cases/fulfil-order.ts';

export const onShipmentShipped: Handler<PayloadOf<typeof ShipmentShipped>> = async (ctx, env) => {
  const p = env.payload;
  const o = await lockOrder(ctx.em, p.orderId);
  if (!o) return;
  const { shipmentId, carrier, trackingNumber, trackingUrl } = p;
  const details = { shipmentId, carrier, trackingNumber, trackingUrl };
  await noteEvent(ctx.em, o.id, 'shipped', env, details, p.staffId ?? null);
  await fulfilOrder(ctx, o);
};
