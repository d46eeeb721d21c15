import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PaymentAuthorized } from '../../payment/contract.ts';
import { lockOrder } from '../entities/order-store.ts';
import { confirmOrder } from '../use-cases/confirm-order.ts';

export const onPaymentAuthorized: Handler<PayloadOf<typeof PaymentAuthorized>> = async (ctx, { payload: p }) => {
  const o = await lockOrder(ctx.em, p.orderId);
  if (o) await confirmOrder(ctx, o, p.paymentId);
};
