import { defineEntity, p } from '@mikro-orm/core';

/**
 * One thing that happened to an order (a saga event or a staff action), written in the transaction
 * that handled or published it. `event_id` is the bus event's id: a redelivered event adds nothing.
 */
export const OrderTimelineEntry = defineEntity({
  name: 'OrderTimelineEntry',
  schema: 'order',
  tableName: 'timeline',
  indexes: [{ name: 'timeline_order_idx', properties: ['orderId', 'occurredAt', 'id'] }],
  uniques: [{ name: 'timeline_event_key', properties: ['orderId', 'eventId', 'kind'] }],
  properties: {
    id: p.uuid().primary(),
    orderId: p.uuid(),
    eventId: p.uuid(),
    kind: p.string().length(40),
    /** The staff member whose request it was; null for the saga's own steps. */
    actorId: p.uuid().nullable(),
    details: p.json<Record<string, unknown>>().defaultRaw(`'{}'`),
    occurredAt: p.datetime(),
  },
});
