import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A "helpful" vote: one per account and review (the key makes a second one a no-op). */
export const HelpfulVote = defineEntity({
  name: 'HelpfulVote',
  schema: 'review',
  tableName: 'helpful_votes',
  properties: {
    reviewId: p.uuid().primary(),
    customerId: p.uuid().primary(),
    votedAt: p.datetime().defaultRaw('now()'),
  },
});
export type HelpfulVote = InferEntity<typeof HelpfulVote>;
