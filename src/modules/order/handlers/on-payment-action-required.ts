import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PaymentActionRequired } from '../../payment/contract.ts';
import { setClientSecret } from '../entities/order-store.ts';

/** The shopper must confirm the payment: the order keeps the client secret they confirm it with. */
export const onPaymentActionRequired: Handler<PayloadOf<typeof PaymentActionRequired>> = async (
  ctx,
  { payload: p },
) => {
  await setClientSecret(ctx.em, p.orderId, p.clientSecret, p.paymentId);
};
