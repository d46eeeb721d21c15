import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderCanceled } from '../../order/contract.ts';
import { withdrawOrder } from '../use-cases/withdraw-order.ts';

export const onOrderCanceled: Handler<PayloadOf<typeof OrderCanceled>> = ({ em }, { payload }) =>
  withdrawOrder(em, payload.orderId);
