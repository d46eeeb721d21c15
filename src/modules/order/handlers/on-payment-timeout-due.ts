import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import { lockOrder } from '../entities/order-store.ts';
import { cancelUnpaidOrder } from '../use-cases/cancel-order.ts';
import type { PaymentTimeoutDue } from '../use-cases/payment-timeout.ts';

export const onPaymentTimeoutDue: Handler<PayloadOf<typeof PaymentTimeoutDue>> = async (ctx, { payload: p }) => {
  const o = await lockOrder(ctx.em, p.orderId);
  await cancelUnpaidOrder(ctx, o, 'payment_timeout', 'payment was not completed in time');
};
