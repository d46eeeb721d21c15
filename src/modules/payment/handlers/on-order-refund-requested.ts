import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderRefundRequested } from '../../order/contract.ts';
import { requestRefund } from '../use-cases/request-refund.ts';

/** order.refund_requested: refund that amount, or say why not (payment.refund_failed). */
export const onOrderRefundRequested: Handler<PayloadOf<typeof OrderRefundRequested>> = (ctx, event) =>
  requestRefund(ctx, event);
