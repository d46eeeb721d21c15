import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { ShipmentShipped } from '../../shipping/contract.ts';
import { smsNumber } from '../adapters/sms.ts';
import { OrderContact } from '../entities/order-contact.entity.ts';
import { enqueueMessage } from '../use-cases/enqueue-message.ts';
import { sendNow } from '../use-cases/deliver-message.ts';
import { notification } from '../runtime.ts';
import { orderShipped, orderShippedSms } from '../domain/templates/index.ts';

/**
 * shipment.shipped: the tracking mail (one per shipment), and an SMS when the order gave a phone
 * number. The address comes from our copy of the confirmed order; if order.confirmed has not
 * reached us yet, failing lets the bus retry this event with backoff until it has.
 */
export const onShipmentShipped: Handler<PayloadOf<typeof ShipmentShipped>> = async (ctx, event) => {
  const { em } = ctx;
  const s = event.payload;
  const order = await em.findOne(OrderContact, { orderId: s.orderId });
  if (!order) throw new Error(`order ${s.orderId} is not known yet (its order.confirmed was not handled); retrying`);
  const { templates } = notification();
  const data = {
    displayId: order.displayId,
    firstName: order.firstName ?? null,
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
