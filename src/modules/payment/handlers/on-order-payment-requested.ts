import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderPaymentRequested } from '../../order/contract.ts';
import { requestAuthorization } from '../use-cases/request-authorization.ts';

/** order.payment_requested: get the order's money (a redelivered event stops at the inbox). */
export const onOrderPaymentRequested: Handler<PayloadOf<typeof OrderPaymentRequested>> = (ctx, event) =>
  requestAuthorization(ctx, event);
