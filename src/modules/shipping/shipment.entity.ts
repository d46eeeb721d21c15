import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Address } from '../order/contract.ts';
import { SHIPMENT_STATUSES } from './shipment-status.ts';

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
    orderId: p.uuid(),
    displayId: p.string(),
    customerId: p.uuid().nullable(),
    email: p.string(),
    status: p.enum(SHIPMENT_STATUSES),
    optionId: p.uuid(),
    /** A copy of the option's code and name when the shipment was made (null: the option was unknown here). */
    optionCode: p.string().nullable(),
    optionName: p.string().nullable(),
    address: p.json<Address>(),
    lines: p.json<ShipmentLine[]>(),
    carrier: p.string().nullable(),
    trackingNumber: p.string().nullable(),
    trackingUrl: p.string().nullable(),
    cancelReason: p.string().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    shippedAt: p.datetime().nullable(),
    deliveredAt: p.datetime().nullable(),
    canceledAt: p.datetime().nullable(),
  },
});
export type Shipment = InferEntity<typeof Shipment>;
