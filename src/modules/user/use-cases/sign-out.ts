import type { EntityManager } from '../../../platform/db/index.ts';
import { Unauthorized } from '../../../platform/http/errors.ts';
import { parseRefreshToken, secretMatches } from '../domain/refresh-token.ts';
import type { AccountKind } from '../entities/account-token.entity.ts';
import { RefreshToken } from '../entities/refresh-token.entity.ts';

export async function revokeTokenFamily(em: EntityManager, familyId: string): Promise<void> {
  await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: new Date() });
}

/** Sign out everywhere: every refresh token of the account stops working (access tokens run out within their TTL). */
export async function revokeAllSessions(em: EntityManager, accountId: string): Promise<void> {
  await em.nativeUpdate(RefreshToken, { userId: accountId, revokedAt: null }, { revokedAt: new Date() });
}

/** Logout: revokes the family of the given token; unknown tokens (or another kind's) are ignored (idempotent). */
export async function signOut(em: EntityManager, token: string, kind: AccountKind): Promise<void> {
  const parsed = parseRefreshToken(token);
  if (!parsed) throw new Unauthorized('Invalid refresh token');
  const row = await em.findOne(RefreshToken, { id: parsed.id, accountKind: kind });
  if (row && secretMatches(row.tokenHash, parsed.secret)) await revokeTokenFamily(em, row.familyId);
}
