import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7 } from '../../platform/ids.ts';
import type { ShippingOptionSnapshot } from './contract.ts';

export type ShippingRate = ShippingOptionSnapshot['rates'][number];

/**
 * A way to ship an order (standard, express): where it ships and what it costs per currency.
 * `version` grows with every change; `publishedVersion` is the last one put on the bus, so a
 * snapshot that could not be published when it was written (a seed) is published at start.
 */
export const ShippingOption = defineEntity({
  name: 'ShippingOption',
  schema: 'shipping',
  tableName: 'options',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => uuidv7()),
    code: p.string(),
    name: p.string(),
    active: p.boolean().default(true),
    /** ISO 3166-1 alpha-2, sorted. */
    countries: p.array(),
    /** One per currency, sorted by currency. */
    rates: p.json<ShippingRate[]>(),
    /** null: the module's default tracking page. */
    trackingUrlTemplate: p.string().nullable(),
    version: p.integer().default(1),
    publishedVersion: p.integer().default(0),
    /** Retired options are never offered again and cannot be changed; their code is free for reuse. */
    retiredAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export type ShippingOption = InferEntity<typeof ShippingOption>;
