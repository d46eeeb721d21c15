import { Type } from 'typebox';
import { defineEvent } from '../../../platform/bus/index.ts';

/** The order's own timer: an order still awaiting payment at this point is canceled. */
export const PaymentTimeoutDue = defineEvent(
  'order.payment_timeout_due.v1',
  Type.Object({ orderId: Type.String({ format: 'uuid' }) }),
  'Time is up for an order awaiting payment',
);
