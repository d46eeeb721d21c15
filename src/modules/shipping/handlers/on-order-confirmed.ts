import { uuidv7 } from '../../../platform/ids.ts';
import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderConfirmed } from '../../order/contract.ts';
import { ShipmentCreated } from '../contract.ts';
import { query } from '../../../platform/db/index.ts';
import { lockOrder } from '../entities/locks.ts';
import { Shipment } from '../entities/shipment.entity.ts';

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
  // (after the lock, in a statement of its own: it must see a cancellation that committed meanwhile)
  const [{ canceled, option }] = await query<{ canceled: boolean; option: { code: string; name: string } | null }>(
    em,
    `select exists(select 1 from shipping.canceled_orders where order_id = $1) as canceled,
       (select json_build_object('code', code, 'name', name) from shipping.options where id = $2) as option`,
    [o.orderId, o.shippingOptionId],
  );
  if (canceled) {
    log.info({ orderId: o.orderId }, 'order was canceled before its confirmation arrived; no shipment');
    return;
  }
  // The order was priced with this option, so we know it; if not (retired long ago, another
  // process's data), the goods were still paid for and must ship: staff see the id.
  if (!option)
    log.warn(
      { orderId: o.orderId, shippingOptionId: o.shippingOptionId },
      'confirmed order names an unknown shipping option',
    );
  const shipmentId = uuidv7();
  const inserted = await em
    .qb(Shipment)
    .insert({
      id: shipmentId,
      orderId: o.orderId,
      displayId: o.displayId,
      customerId: o.customerId,
      email: o.email,
      status: 'pending',
      optionId: o.shippingOptionId,
      optionCode: option?.code ?? null,
      optionName: option?.name ?? null,
      address: o.shippingAddress,
      lines: o.lines.map((l) => ({
        lineId: l.lineId,
        variantId: l.variantId,
        sku: l.sku,
        title: l.title,
        quantity: l.quantity,
      })),
    })
    .onConflict('orderId')
    .ignore()
    .execute('run');
  if (!inserted.affectedRows) return; // this order's shipment exists already
  await publish(ShipmentCreated, { shipmentId, orderId: o.orderId });
};
