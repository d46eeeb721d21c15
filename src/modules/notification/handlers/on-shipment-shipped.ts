import type { Handler } from '../../../platform/bus/index.ts';
import type { PayloadOf } from '../../../platform/bus/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { ShipmentShipped } from '../../shipping/contract.ts';
import { smsNumber } from '../channels/sms.ts';
import { enqueueMessage } from '../messages/enqueue.ts';
import { sendNow } from '../messages/send-task.ts';
import { notification } from '../state.ts';
import { orderShipped, orderShippedSms } from '../templates/index.ts';

interface OrderRow {
  order_id: string;
  display_id: string;
  email: string;
  phone: string | null;
  first_name: string | null;
}

/**
 * shipment.shipped: the tracking mail (one per shipment), and an SMS when the order gave a phone
 * number. The address comes from our copy of the confirmed order; if order.confirmed has not
 * reached us yet, failing lets the bus retry this event with backoff until it has.
 */
export const onShipmentShipped: Handler<PayloadOf<typeof ShipmentShipped>> = async (ctx, event) => {
  const { em } = ctx;
  const s = event.payload;
  const [order] = await query<OrderRow>(em, 'select * from notification.orders where order_id = $1', [s.orderId]);
  if (!order) throw new Error(`order ${s.orderId} is not known yet (its order.confirmed was not handled); retrying`);
  const { templates } = notification();
  const data = {
    displayId: order.display_id,
    firstName: order.first_name,
    carrier: s.carrier,
    trackingNumber: s.trackingNumber,
    trackingUrl: s.trackingUrl,
  };
  await enqueueMessage(
    em,
    {
      channel: 'email',
      template: 'order_shipped',
      to: order.email,
      subjectId: s.orderId,
      occurrence: s.shipmentId,
      content: orderShipped(templates, data),
    },
    sendNow(ctx, event),
  );
  const phone = smsNumber(order.phone);
  if (phone) {
    await enqueueMessage(
      em,
      {
        channel: 'sms',
        template: 'order_shipped_sms',
        to: phone,
        subjectId: s.orderId,
        occurrence: s.shipmentId,
        content: orderShippedSms(templates, data),
      },
      sendNow(ctx, event),
    );
  }
};
