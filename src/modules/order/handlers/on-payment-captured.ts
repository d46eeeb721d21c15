import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PaymentCaptured } from '../../payment/contract.ts';
import { findOrder } from '../entities/order-store.ts';
import { noteEvent } from '../use-cases/note-timeline.ts';

/** Money taken: a line on the order's timeline (the order's state does not change). */
export const onPaymentCaptured: Handler<PayloadOf<typeof PaymentCaptured>> = async (ctx, env) => {
  const { orderId, paymentId, amount, currency } = env.payload;
  if (await findOrder(ctx.em, orderId))
    await noteEvent(ctx.em, orderId, 'payment_captured', env, { paymentId, amount, currency });
};
