import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PaymentRefundFailed } from '../../payment/contract.ts';
import { findOrder } from '../entities/order-store.ts';
import { noteEvent } from '../use-cases/note-timeline.ts';

/** A refund staff asked for was refused: staff see why on the order's timeline. */
export const onPaymentRefundFailed: Handler<PayloadOf<typeof PaymentRefundFailed>> = async (ctx, env) => {
  const { orderId, paymentId, amount, currency, reason, detail } = env.payload;
  if (await findOrder(ctx.em, orderId))
    await noteEvent(ctx.em, orderId, 'refund_failed', env, { paymentId, amount, currency, reason, detail });
};
