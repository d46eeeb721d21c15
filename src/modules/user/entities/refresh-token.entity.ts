import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A refresh token, stored as a SHA-256 hash. Every rotation adds a row to the same family; using a
 * token twice (a stolen copy) revokes the whole family.
 */
export const RefreshToken = defineEntity({
  name: 'RefreshToken',
  schema: 'user',
  tableName: 'refresh_tokens',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index('refresh_tokens_user_idx'),
    familyId: p.uuid().index('refresh_tokens_family_idx'),
    tokenHash: p.string().length(64),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type RefreshToken = InferEntity<typeof RefreshToken>;
