import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7Id } from '../../../platform/db/index.ts';
import type { ShippingOptionSnapshot } from '../contract.ts';

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
    id: uuidv7Id(),
    code: p.string().length(64),
    name: p.string().length(200),
    active: p.boolean().default(true),
    /** ISO 3166-1 alpha-2, sorted. */
    countries: p.array(),
    /** One per currency, sorted by currency. */
    rates: p.json<ShippingRate[]>(),
    /** null: the module's default tracking page. */
    trackingUrlTemplate: p.string().length(500).nullable(),
    version: p.integer().default(1),
    publishedVersion: p.integer().default(0),
    /** Retired options are never offered again and cannot be changed; their code is free for reuse. */
    retiredAt: p.datetime().nullable(),
    createdAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .defaultRaw('now()')
      .onCreate(() => new Date()),
  },
  // A retired option's code may be given to a new one; among live options it is unique.
  uniques: [{ name: 'options_code_key', properties: ['code'], where: 'retired_at is null' }],
  checks: [
    { name: 'options_countries_not_empty', expression: 'cardinality(countries) > 0' },
    { name: 'options_rates_is_array', expression: "jsonb_typeof(rates) = 'array'" },
    { name: 'options_version_check', expression: 'version >= 1' },
    { name: 'options_check', expression: 'published_version >= 0 and published_version <= version' },
    { name: 'options_retired_inactive', expression: 'retired_at is null or not active' },
  ],
});
export type ShippingOption = InferEntity<typeof ShippingOption>;
