import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { nowOnCreate } from '../../../platform/db/index.ts';

/** What notification keeps of a confirmed order to address its shipment notices (shipment.shipped carries only the order id). */
export const OrderContact = defineEntity({
  name: 'NotificationOrder',
  schema: 'notification',
  tableName: 'orders',
  properties: {
    orderId: p.uuid().primary(),
    displayId: p.text(),
    customerId: p.uuid().nullable(),
    email: p.text(),
    phone: p.text().nullable(),
    firstName: p.text().nullable(),
    confirmedAt: p.datetime(),
    updatedAt: nowOnCreate(),
  },
});
export type OrderContact = InferEntity<typeof OrderContact>;
