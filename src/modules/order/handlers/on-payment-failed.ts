import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PaymentFailed } from '../../payment/contract.ts';
import { lockOrder } from '../entities/order-store.ts';
import { cancelUnpaidOrder } from '../use-cases/cancel-order.ts';

export const onPaymentFailed: Handler<PayloadOf<typeof PaymentFailed>> = async (ctx, { payload: p }) => {
  const o = await lockOrder(ctx.em, p.orderId);
  await cancelUnpaidOrder(ctx, o, 'payment_failed', `payment failed: ${p.reason}`, { payment_id: p.paymentId });
};
