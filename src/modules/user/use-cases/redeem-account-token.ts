import type { EntityManager } from '../../../platform/db/index.ts';
import { BadRequest } from '../../../platform/http/errors.ts';
import { parseRefreshToken, secretMatches } from '../domain/refresh-token.ts';
import { AccountToken, type TokenPurpose } from '../entities/account-token.entity.ts';

export const invalidLink = () =>
  new BadRequest('This link is invalid, has expired or was already used', {
    errors: [{ field: 'token', message: 'is invalid, expired or already used' }],
  });

/**
 * Uses a mailed token once: one conditional UPDATE marks it used, so two concurrent uses cannot
 * both pass. Unknown, foreign-purpose, expired and used tokens get the same 400.
 */
export async function redeemAccountToken(em: EntityManager, token: string, purpose: TokenPurpose) {
  const parsed = parseRefreshToken(token);
  if (!parsed) throw invalidLink();
  const row = await em.findOne(AccountToken, { id: parsed.id, purpose });
  if (!row || !secretMatches(row.tokenHash, parsed.secret)) throw invalidLink();
  const now = new Date();
  const used = await em.nativeUpdate(
    AccountToken,
    { id: row.id, usedAt: null, expiresAt: { $gt: now } },
    { usedAt: now },
  );
  if (used === 0) throw invalidLink();
  return { kind: row.accountKind, accountId: row.accountId };
}

/** Voids the account's other unused tokens of a purpose (a reset done makes older reset links dead). */
export async function voidAccountTokens(em: EntityManager, accountId: string, purpose: TokenPurpose) {
  await em.nativeUpdate(AccountToken, { accountId, purpose, usedAt: null }, { usedAt: new Date() });
}
