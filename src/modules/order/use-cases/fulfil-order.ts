import type { HandlerContext } from '../../../platform/bus/index.ts';
import { nextStatus } from '../domain/order-state.ts';
import type { OrderRow } from '../entities/rows.ts';
import { recordOrderStep } from './record-order-step.ts';

/** Shipped: the order is fulfilled (a late or repeated shipment changes nothing). */
export async function fulfilOrder(ctx: HandlerContext, o: OrderRow | undefined) {
  const to = o && nextStatus(o.status, 'shipped');
  if (o && to) await recordOrderStep(ctx, o, { fulfilled_at: new Date() }, to);
}
