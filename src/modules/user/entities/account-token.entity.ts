import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const TOKEN_PURPOSES = ['invite', 'password_reset', 'email_verification'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];
export const ACCOUNT_KINDS = ['customer', 'staff'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/**
 * A single-use, expiring token mailed to an account (staff invite, password reset, email check).
 * Only the secret's SHA-256 is kept; using it is one conditional UPDATE, so it works once.
 */
export const AccountToken = defineEntity({
  name: 'AccountToken',
  schema: 'user',
  tableName: 'account_tokens',
  properties: {
    id: p.uuid().primary(),
    purpose: p.enum(TOKEN_PURPOSES),
    accountKind: p.enum(ACCOUNT_KINDS),
    accountId: p.uuid().index('account_tokens_account_idx'),
    tokenHash: p.string().length(64),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type AccountToken = InferEntity<typeof AccountToken>;
