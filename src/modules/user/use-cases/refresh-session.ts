import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { Unauthorized } from '../../../platform/http/errors.ts';
import { parseRefreshToken, secretMatches } from '../domain/refresh-token.ts';
import { RefreshToken } from '../entities/refresh-token.entity.ts';
import { User } from '../entities/user.entity.ts';
import { issueTokens, type IssuedTokens } from './issue-tokens.ts';
import { revokeTokenFamily } from './sign-out.ts';

/**
 * Trades a refresh token for the next one of its family. Marking it used is one conditional
 * UPDATE, so two concurrent refreshes with one token cannot both win. A token that was already
 * used means it was copied: the whole family is revoked.
 */
export async function refreshSession(
  platform: Platform,
  em: EntityManager,
  token: string,
): Promise<{ user: User; issued: IssuedTokens }> {
  const parsed = parseRefreshToken(token);
  if (!parsed) throw new Unauthorized('Invalid refresh token');
  const { id, secret } = parsed;
  const row = await em.findOne(RefreshToken, { id });
  if (!row || !secretMatches(row.tokenHash, secret)) throw new Unauthorized('Invalid refresh token');
  if (row.revokedAt || row.expiresAt < new Date()) throw new Unauthorized('Refresh token expired or revoked');
  const claimed = await em.nativeUpdate(RefreshToken, { id, usedAt: null, revokedAt: null }, { usedAt: new Date() });
  if (claimed === 0) {
    await revokeTokenFamily(em, row.familyId);
    throw new Unauthorized('Refresh token reuse detected; all sessions of this login were revoked');
  }
  const user = await em.findOneOrFail(User, { id: row.userId });
  return { user, issued: await issueTokens(platform, em, user, row.familyId) };
}
