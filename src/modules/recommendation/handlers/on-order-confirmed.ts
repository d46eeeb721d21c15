import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import type { OrderConfirmed } from '../../order/contract.ts';
import { recordOrder } from '../use-cases/record-order.ts';

export const onOrderConfirmed: Handler<PayloadOf<typeof OrderConfirmed>> = ({ em }, { payload: o }) =>
  recordOrder(em, {
    orderId: o.orderId,
    variantIds: o.lines.map((l) => l.variantId),
    confirmedAt: o.confirmedAt,
    total: o.totals.total,
  });
