import type { Handler } from '../../../platform/bus/index.ts';
import type { PayloadOf } from '../../../platform/bus/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { OrderConfirmed } from '../../order/contract.ts';
import { enqueueMessage } from '../messages/enqueue.ts';
import { sendNow } from '../messages/send-task.ts';
import { notification } from '../state.ts';
import { orderConfirmation } from '../templates/index.ts';

/** order.confirmed: keeps how to reach the shopper about this order (shipment.shipped does not say), and mails the confirmation. */
export const onOrderConfirmed: Handler<PayloadOf<typeof OrderConfirmed>> = async (ctx, event) => {
  const { em } = ctx;
  const o = event.payload;
  await query(
    em,
    `insert into notification.orders (order_id, display_id, customer_id, email, phone, first_name, confirmed_at)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (order_id) do update set display_id = excluded.display_id, customer_id = excluded.customer_id, email = excluded.email,
       phone = excluded.phone, first_name = excluded.first_name, confirmed_at = excluded.confirmed_at, updated_at = now()`,
    [
      o.orderId,
      o.displayId,
      o.customerId,
      o.email,
      o.shippingAddress.phone ?? null,
      o.shippingAddress.firstName || null,
      o.confirmedAt,
    ],
  );
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
