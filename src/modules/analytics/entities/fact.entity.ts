import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The module's event log: one row per event it heard (its envelope id), the fact it drew from it.
 * Rollups are a function of these rows alone, so a rebuild recomputes them from here. `detail`
 * holds what a kind needs beyond an amount: an order's lines, a cart add, a search text, a view.
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
    detail: p.json<Record<string, unknown>>().nullable(),
  },
  indexes: [{ name: 'facts_kind_time', properties: ['kind', 'occurredAt'] }],
});
export type Fact = InferEntity<typeof Fact>;
