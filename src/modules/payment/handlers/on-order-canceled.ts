import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderCanceled } from '../../order/contract.ts';
import { cancelPayment } from '../use-cases/cancel-payment.ts';

/** order.canceled: void or refund the order's payment. */
export const onOrderCanceled: Handler<PayloadOf<typeof OrderCanceled>> = (ctx, event) =>
  cancelPayment(ctx, event.payload.orderId, event.payload.reason);
