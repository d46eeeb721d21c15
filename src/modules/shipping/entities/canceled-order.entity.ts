import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * An order canceled before its order.confirmed was handled here (the two travel on separate
 * queues): a late confirmation must not create a shipment for it.
 */
export const CanceledOrder = defineEntity({
  name: 'CanceledOrder',
  schema: 'shipping',
  tableName: 'canceled_orders',
  properties: {
    orderId: p.uuid().primary(),
    reason: p.text(),
    canceledAt: p.datetime().defaultRaw('now()'),
  },
});
export type CanceledOrder = InferEntity<typeof CanceledOrder>;
