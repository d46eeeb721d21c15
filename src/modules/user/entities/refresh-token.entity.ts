import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ACCOUNT_KINDS } from './account-token.entity.ts';

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
    /** A customer's or a staff member's id, as accountKind says. */
    userId: p.uuid().index('refresh_tokens_user_idx'),
    accountKind: p.enum(ACCOUNT_KINDS).default('customer'),
    familyId: p.uuid().index('refresh_tokens_family_idx'),
    tokenHash: p.string().length(64),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type RefreshToken = InferEntity<typeof RefreshToken>;
