import { defineEntity, p } from '@mikro-orm/core';

/**
 * Orders canceled here, so a payment request that arrives after the cancellation (the two travel
 * on different queues) charges nothing.
 */
export const CanceledOrder = defineEntity({
  name: 'PaymentCanceledOrder',
  schema: 'payment',
  tableName: 'canceled_orders',
  properties: {
    orderId: p.uuid().primary(),
    canceledAt: p.datetime().defaultRaw('now()'),
  },
});
