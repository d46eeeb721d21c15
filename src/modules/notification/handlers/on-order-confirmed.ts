import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderConfirmed } from '../../order/contract.ts';
import { OrderContact } from '../entities/order-contact.entity.ts';
import { enqueueMessage } from '../use-cases/enqueue-message.ts';
import { sendNow } from '../use-cases/deliver-message.ts';
import { notification } from '../runtime.ts';
import { orderConfirmation } from '../domain/templates/index.ts';

/** order.confirmed: keeps how to reach the shopper about this order (shipment.shipped does not say), and mails the confirmation. */
export const onOrderConfirmed: Handler<PayloadOf<typeof OrderConfirmed>> = async (ctx, event) => {
  const { em } = ctx;
  const o = event.payload;
  await em.upsert(OrderContact, {
    orderId: o.orderId,
    displayId: o.displayId,
    customerId: o.customerId,
    email: o.email,
    phone: o.shippingAddress.phone ?? null,
    firstName: o.shippingAddress.firstName || null,
    confirmedAt: new Date(o.confirmedAt),
    updatedAt: new Date(),
  });
  await enqueueMessage(
    em,
    {
      channel: 'email',
      template: 'order_confirmation',
      to: o.email,
      subjectId: o.orderId,
      content: orderConfirmation(notification().templates, o),
    },
    sendNow(ctx, event),
  );
};
