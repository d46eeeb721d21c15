import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { PaymentRefunded } from '../../payment/contract.ts';
import { addRefunded } from '../entities/order-store.ts';

/** A refund of taken money counts against the order (a voided authorization took nothing). */
export const onPaymentRefunded: Handler<PayloadOf<typeof PaymentRefunded>> = async (ctx, { payload: p }) => {
  if (!p.voided) await addRefunded(ctx.em, p.orderId, p.amount);
};
