import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Sales per local day, for every UTC offset in use (domain/offsets.ts), and currency: a day of a
 * zone is one row whatever the zone, unless its offset changes that day (then facts are summed).
 */
export const SalesDay = defineEntity({
  name: 'SalesDay',
  schema: 'analytics',
  tableName: 'sales_daily',
  properties: {
    offsetMinutes: p.smallint().primary(),
    day: p.date().primary(),
    currency: p.string().length(3).primary(),
    orders: p.integer().default(0),
    revenue: p.bigint('number'),
    refunds: p.integer().default(0),
    refunded: p.bigint('number'),
    cancellations: p.integer().default(0),
    captured: p.bigint('number'),
  },
});
export type SalesDay = InferEntity<typeof SalesDay>;

/** The funnel's steps per UTC hour: product views, carts opened, adds, checkouts, confirmations. */
export const FunnelHour = defineEntity({
  name: 'FunnelHour',
  schema: 'analytics',
  tableName: 'funnel_hourly',
  properties: {
    hour: p.datetime().primary(),
    views: p.integer().default(0),
    carts: p.integer().default(0),
    adds: p.integer().default(0),
    checkouts: p.integer().default(0),
    orders: p.integer().default(0),
  },
});
export type FunnelHour = InferEntity<typeof FunnelHour>;

/** Units and revenue of confirmed order lines per UTC hour, currency and variant. */
export const ProductSalesHour = defineEntity({
  name: 'ProductSalesHour',
  schema: 'analytics',
  tableName: 'product_sales_hourly',
  properties: {
    hour: p.datetime().primary(),
    currency: p.string().length(3).primary(),
    variantId: p.uuid().primary(),
    units: p.integer().default(0),
    revenue: p.bigint('number'),
  },
});
export type ProductSalesHour = InferEntity<typeof ProductSalesHour>;

/** Store searches that found nothing, per UTC hour and normalised text. */
export const SearchMissHour = defineEntity({
  name: 'SearchMissHour',
  schema: 'analytics',
  tableName: 'search_misses_hourly',
  properties: {
    hour: p.datetime().primary(),
    query: p.string().length(100).primary(),
    searches: p.integer().default(0),
    lastSeen: p.datetime(),
  },
});
export type SearchMissHour = InferEntity<typeof SearchMissHour>;
