import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PaymentFailed } from '../../payment/contract.ts';
import { noteEvent } from '../use-cases/note-timeline.ts';
import { lockOrder } from '../entities/order-store.ts';
import { cancelUnpaidOrder } from '../use-cases/cancel-order.ts';

export const onPaymentFailed: Handler<PayloadOf<typeof PaymentFailed>> = async (ctx, env) => {
  const p = env.payload;
  const o = await lockOrder(ctx.em, p.orderId);
  if (o) await noteEvent(ctx.em, o.id, 'payment_failed', env, { paymentId: p.paymentId, reason: p.reason });
  await cancelUnpaidOrder(ctx, o, 'payment_failed', `payment failed: ${p.reason}`, { payment_id: p.paymentId });
};
