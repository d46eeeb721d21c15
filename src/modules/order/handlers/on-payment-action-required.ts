import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PaymentActionRequired } from '../../payment/contract.ts';
import { noteEvent } from '../use-cases/note-timeline.ts';
import { findOrder, setClientSecret } from '../entities/order-store.ts';

/** The shopper must confirm the payment: the order keeps the client secret they confirm it with. */
export const onPaymentActionRequired: Handler<PayloadOf<typeof PaymentActionRequired>> = async (ctx, env) => {
  const p = env.payload;
  if (!(await findOrder(ctx.em, p.orderId))) return;
  await setClientSecret(ctx.em, p.orderId, p.clientSecret, p.paymentId);
  await noteEvent(ctx.em, p.orderId, 'payment_action_required', env, { paymentId: p.paymentId, provider: p.provider });
};
