import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PaymentRefunded } from '../../payment/contract.ts';
import { noteEvent } from '../use-cases/note-timeline.ts';
import { addRefunded, findOrder } from '../entities/order-store.ts';

/** A refund of taken money counts against the order (a voided authorization took nothing). */
export const onPaymentRefunded: Handler<PayloadOf<typeof PaymentRefunded>> = async (ctx, env) => {
  const p = env.payload;
  if (!(await findOrder(ctx.em, p.orderId))) return;
  if (!p.voided) await addRefunded(ctx.em, p.orderId, p.amount);
  const { paymentId, amount, currency, voided } = p;
  await noteEvent(ctx.em, p.orderId, 'payment_refunded', env, { paymentId, amount, currency, voided });
};
