import { uuidv7 } from '../../../platform/ids.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import { formatRefreshToken, hashSecret, newSecret } from '../domain/refresh-token.ts';
import { RefreshToken } from '../entities/refresh-token.entity.ts';
import type { User } from '../entities/user.entity.ts';
import { permissions } from '../../../platform/auth/permissions.ts';
import type { CustomerPrincipal, StaffPrincipal } from '../../../platform/auth/principal.ts';

/**
 * Until staff accounts with roles exist, today's `admin` users are staff holding every permission
 * (the owner role). To be replaced by the staff member's roles when staff accounts land.
 */
const principalOf = (user: User): CustomerPrincipal | StaffPrincipal =>
  user.role === 'admin'
    ? { kind: 'staff', sub: user.id, email: user.email, permissions: [...permissions] }
    : { kind: 'customer', sub: user.id, email: user.email };

export interface IssuedTokens {
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
): Promise<IssuedTokens> {
  const id = uuidv7();
  const secret = newSecret();
  em.create(RefreshToken, {
    id,
    userId: user.id,
    familyId,
    tokenHash: hashSecret(secret),
    expiresAt: new Date(Date.now() + platform.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
  });
  await em.flush();
  const accessToken = await platform.tokens.sign(principalOf(user));
  return {
    accessToken,
    refreshToken: formatRefreshToken(id, secret),
    tokenType: 'Bearer',
    expiresIn: platform.tokens.ttlSeconds,
  };
}
