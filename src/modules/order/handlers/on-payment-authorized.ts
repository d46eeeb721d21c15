import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PaymentAuthorized } from '../../payment/contract.ts';
import { timelineNote } from '../use-cases/note-timeline.ts';
import { lockOrder } from '../entities/order-store.ts';
import { confirmOrder } from '../use-cases/confirm-order.ts';

export const onPaymentAuthorized: Handler<PayloadOf<typeof PaymentAuthorized>> = async (ctx, env) => {
  const p = env.payload;
  const o = await lockOrder(ctx.em, p.orderId);
  if (!o) return;
  const { paymentId, provider, amount, currency } = p;
  const noted = timelineNote(o.id, 'payment_authorized', env, { paymentId, provider, amount, currency });
  await confirmOrder(ctx, o, p.paymentId, noted);
};
