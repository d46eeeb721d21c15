import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The module's event log: one row per event it heard (its envelope id), the fact it drew from it.
 * Rollups are a function of these rows alone, so a rebuild recomputes them from here.
 */
export const Fact = defineEntity({
  name: 'Fact',
  schema: 'analytics',
  tableName: 'facts',
  properties: {
    eventId: p.uuid().primary(),
    kind: p.string(),
    occurredAt: p.datetime(),
    orderId: p.uuid().nullable(),
    currency: p.string().length(3).nullable(),
    amount: p.bigint('number'),
  },
});
export type Fact = InferEntity<typeof Fact>;

/** Sales per UTC hour and currency: hours sum into any whole-hour-offset local day exactly. */
export const SalesHour = defineEntity({
  name: 'SalesHour',
  schema: 'analytics',
  tableName: 'sales_hourly',
  properties: {
    hour: p.datetime().primary(),
    currency: p.string().length(3).primary(),
    orders: p.integer().default(0),
    revenue: p.bigint('number'),
    refunds: p.integer().default(0),
    refunded: p.bigint('number'),
  },
});
export type SalesHour = InferEntity<typeof SalesHour>;
