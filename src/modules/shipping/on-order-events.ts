import { LockMode } from '@mikro-orm/core';
import { uuidv7 } from '../../platform/ids.ts';
import type { Handler } from '../../platform/bus/index.ts';
import type { PayloadOf } from '../../platform/bus/index.ts';
import type { EntityManager } from '../../platform/db/index.ts';
import { query } from '../../platform/db/index.ts';
import type { OrderCanceled, OrderConfirmed } from '../order/contract.ts';
import { ShipmentCreated } from './contract.ts';
import { ShippingOption } from './option.entity.ts';
import { Shipment, type ShipmentLine } from './shipment.entity.ts';
import { canTransition, transition } from './shipment-status.ts';

/**
 * order.confirmed and order.canceled of one order arrive on separate queues, so in either order:
 * both handlers take this lock first, and whichever runs second sees what the first did.
 */
const lockOrder = (em: EntityManager, orderId: string) =>
  query(em, 'select pg_advisory_xact_lock(hashtextextended($1, 0))', [`shipping.order:${orderId}`]);

/**
 * A paid order gets its shipment (pending), with the lines and address as confirmed. One per
 * order: the unique order id makes a redelivered or re-sent confirmation a no-op. An order canceled
 * before its confirmation reached us gets none.
 */
export const onOrderConfirmed: Handler<PayloadOf<typeof OrderConfirmed>> = async (
  { em, log, publish },
  { payload: o },
) => {
  await lockOrder(em, o.orderId);
  if ((await query(em, 'select 1 from shipping.canceled_orders where order_id = $1', [o.orderId])).length) {
    log.info({ orderId: o.orderId }, 'order was canceled before its confirmation arrived; no shipment');
    return;
  }
  // The order was priced with this option, so we know it; if not (retired long ago, another
  // process's data), the goods were still paid for and must ship: staff see the id.
  const [option] = await query<{ code: string; name: string }>(
    em,
    'select code, name from shipping.options where id = $1',
    [o.shippingOptionId],
  );
  if (!option)
    log.warn(
      { orderId: o.orderId, shippingOptionId: o.shippingOptionId },
      'confirmed order names an unknown shipping option',
    );
  const lines: ShipmentLine[] = o.lines.map((l) => ({
    lineId: l.lineId,
    variantId: l.variantId,
    sku: l.sku,
    title: l.title,
    quantity: l.quantity,
  }));
  const created = await query<{ id: string }>(
    em,
    `insert into shipping.shipments (id, order_id, display_id, customer_id, email, status, option_id, option_code, option_name, address, lines)
     values ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9::jsonb, $10::jsonb)
     on conflict (order_id) do nothing returning id`,
    [
      uuidv7(),
      o.orderId,
      o.displayId,
      o.customerId,
      o.email,
      o.shippingOptionId,
      option?.code ?? null,
      option?.name ?? null,
      JSON.stringify(o.shippingAddress),
      JSON.stringify(lines),
    ],
  );
  if (!created.length) return; // this order's shipment exists already
  await publish(ShipmentCreated, { shipmentId: created[0].id, orderId: o.orderId });
};

/**
 * A canceled order's pending shipment is canceled. One that has left stays as it is (the goods are
 * on their way: a return, not a cancellation), which staff must know about.
 */
export const onOrderCanceled: Handler<PayloadOf<typeof OrderCanceled>> = async ({ em, log }, { payload: o }) => {
  await lockOrder(em, o.orderId);
  const s = await em.findOne(Shipment, { orderId: o.orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!s) {
    await query(em, 'insert into shipping.canceled_orders (order_id, reason) values ($1, $2) on conflict do nothing', [
      o.orderId,
      o.reason,
    ]);
    return;
  }
  if (s.status === 'canceled') return;
  if (!canTransition(s.status, 'cancel')) {
    log.warn(
      { orderId: o.orderId, shipmentId: s.id, status: s.status, reason: o.reason },
      'order canceled after its shipment left; the shipment stays',
    );
    return;
  }
  const now = new Date();
  s.status = transition(s.status, 'cancel');
  s.cancelReason = o.reason;
  s.canceledAt = now;
  s.updatedAt = now;
  await em.flush();
};
