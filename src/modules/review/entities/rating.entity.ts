import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A product's rating as last published. Its row is the lock that serializes the recounts of one
 * product, and its version orders the events that carry it.
 */
export const Rating = defineEntity({
  name: 'Rating',
  schema: 'review',
  tableName: 'ratings',
  properties: {
    productId: p.uuid().primary(),
    version: p.integer(),
    count: p.integer().default(0),
    sum: p.integer().default(0),
    distribution: p.json<number[]>(),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
});
export type Rating = InferEntity<typeof Rating>;
