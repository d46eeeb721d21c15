import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { uuidv7 } from '../../platform/ids.ts';
import type { EntityManager } from '../../platform/db/index.ts';
import type { Platform } from '../../platform/host/platform.ts';
import { Unauthorized } from '../../platform/http/errors.ts';
import { RefreshToken } from './refresh-token.entity.ts';
import { User } from './user.entity.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface Issued {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Issues an access token and a refresh token (a new family unless one is given). */
export async function issueTokens(
  platform: Platform,
  em: EntityManager,
  user: User,
  familyId = uuidv7(),
): Promise<Issued> {
  const id = uuidv7();
  const secret = randomBytes(32).toString('base64url');
  em.create(RefreshToken, {
    id,
    userId: user.id,
    familyId,
    tokenHash: sha256(secret),
    expiresAt: new Date(Date.now() + platform.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
  });
  await em.flush();
  const accessToken = await platform.tokens.sign({ sub: user.id, role: user.role, email: user.email });
  return { accessToken, refreshToken: `${id}.${secret}`, tokenType: 'Bearer', expiresIn: platform.tokens.ttlSeconds };
}

function parse(token: string): { id: string; secret: string } {
  const [id, secret] = token.split('.');
  if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw new Unauthorized('Invalid refresh token');
  return { id, secret };
}

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Rotates a refresh token: marks it used and issues the next one of its family. The mark is one
 * conditional UPDATE, so two concurrent refreshes with one token cannot both win. A token that was
 * already used means it was copied: the whole family is revoked.
 */
export async function rotate(
  platform: Platform,
  em: EntityManager,
  token: string,
): Promise<{ user: User; issued: Issued }> {
  const { id, secret } = parse(token);
  const row = await em.findOne(RefreshToken, { id });
  if (!row || !sameHash(row.tokenHash, sha256(secret))) throw new Unauthorized('Invalid refresh token');
  if (row.revokedAt || row.expiresAt < new Date()) throw new Unauthorized('Refresh token expired or revoked');
  const claimed = await em.nativeUpdate(RefreshToken, { id, usedAt: null, revokedAt: null }, { usedAt: new Date() });
  if (claimed === 0) {
    await revokeFamily(em, row.familyId);
    throw new Unauthorized('Refresh token reuse detected; all sessions of this login were revoked');
  }
  const user = await em.findOneOrFail(User, { id: row.userId });
  return { user, issued: await issueTokens(platform, em, user, row.familyId) };
}

export async function revokeFamily(em: EntityManager, familyId: string): Promise<void> {
  await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: new Date() });
}

/** Logout: revokes the family of the given token; unknown tokens are ignored (idempotent). */
export async function revoke(em: EntityManager, token: string): Promise<void> {
  const { id, secret } = parse(token);
  const row = await em.findOne(RefreshToken, { id });
  if (row && sameHash(row.tokenHash, sha256(secret))) await revokeFamily(em, row.familyId);
}
