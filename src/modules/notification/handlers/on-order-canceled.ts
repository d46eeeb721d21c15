import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderCanceled } from '../../order/contract.ts';
import { enqueueMessage } from '../use-cases/enqueue-message.ts';
import { sendNow } from '../use-cases/deliver-message.ts';
import { notification } from '../runtime.ts';
import { orderCanceled } from '../domain/templates/index.ts';

/** order.canceled: tells the shopper, with the reason in shopper words. */
export const onOrderCanceled: Handler<PayloadOf<typeof OrderCanceled>> = async (ctx, event) => {
  const { em } = ctx;
  const o = event.payload;
  await enqueueMessage(
    em,
    {
      channel: 'email',
      template: 'order_canceled',
      to: o.email,
      subjectId: o.orderId,
      content: orderCanceled(notification().templates, {
        displayId: o.displayId,
        reason: o.reason,
        reasonCode: o.reasonCode,
      }),
    },
    sendNow(ctx, event),
  );
};
