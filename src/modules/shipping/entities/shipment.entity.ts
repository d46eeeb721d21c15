import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Address } from '../../order/contract.ts';
import { SHIPMENT_STATUSES } from '../domain/shipment-status.ts';

/** What a shipment carries: the order's lines as they were confirmed (no money: that is the order's). */
export interface ShipmentLine {
  lineId: string;
  variantId: string;
  sku: string;
  title: string;
  quantity: number;
}

/** The parcel of one confirmed order: created pending, then shipped and delivered (or canceled with the order). */
export const Shipment = defineEntity({
  name: 'Shipment',
  schema: 'shipping',
  tableName: 'shipments',
  properties: {
    id: p.uuid().primary(),
    // One shipment per order: a redelivered (or re-sent) order.confirmed finds it and makes no second one.
    orderId: p.uuid().unique('shipments_order_key'),
    displayId: p.string().length(64),
    customerId: p.uuid().nullable(),
    email: p.text(),
    status: p.enum(SHIPMENT_STATUSES),
    optionId: p.uuid(),
    /** A copy of the option's code and name when the shipment was made (null: the option was unknown here). */
    optionCode: p.string().length(64).nullable(),
    optionName: p.string().length(200).nullable(),
    address: p.json<Address>(),
    lines: p.json<ShipmentLine[]>(),
    carrier: p.string().length(32).nullable(),
    trackingNumber: p.string().length(64).nullable(),
    trackingUrl: p.text().nullable(),
    cancelReason: p.text().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
    shippedAt: p.datetime().nullable(),
    deliveredAt: p.datetime().nullable(),
    canceledAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'shipments_status_idx', columns: [{ name: 'status' }, { name: 'id', sort: 'desc' }] }],
  checks: [
    {
      name: 'shipments_tracked_once_shipped',
      // `not in` as Postgres stores it (`<> all`), so the schema comparison sees the same expression.
      expression:
        "status <> all (array['shipped', 'delivered']) or (carrier is not null and tracking_number is not null and tracking_url is not null and shipped_at is not null)",
    },
    { name: 'shipments_delivered_at', expression: "(status = 'delivered') = (delivered_at is not null)" },
    { name: 'shipments_canceled_at', expression: "(status = 'canceled') = (canceled_at is not null)" },
  ],
});
export type Shipment = InferEntity<typeof Shipment>;
