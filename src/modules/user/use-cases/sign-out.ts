import type { EntityManager } from '../../../platform/db/index.ts';
import { Unauthorized } from '../../../platform/http/errors.ts';
import { parseRefreshToken, secretMatches } from '../domain/refresh-token.ts';
import { RefreshToken } from '../entities/refresh-token.entity.ts';

export async function revokeTokenFamily(em: EntityManager, familyId: string): Promise<void> {
  await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: new Date() });
}

/** Logout: revokes the family of the given token; unknown tokens are ignored (idempotent). */
export async function signOut(em: EntityManager, token: string): Promise<void> {
  const parsed = parseRefreshToken(token);
  if (!parsed) throw new Unauthorized('Invalid refresh token');
  const row = await em.findOne(RefreshToken, { id: parsed.id });
  if (row && secretMatches(row.tokenHash, parsed.secret)) await revokeTokenFamily(em, row.familyId);
}
