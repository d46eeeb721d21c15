import { uuidv7 } from '../../../platform/ids.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Platform } from '../../../platform/host/platform.ts';
import type { AccountPrincipal } from '../domain/principal.ts';
import { formatRefreshToken, hashSecret, newSecret } from '../domain/refresh-token.ts';
import { RefreshToken } from '../entities/refresh-token.entity.ts';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** Issues an access token and a refresh token (a new family unless one is given) for a customer or a staff member. */
export async function issueTokens(
  platform: Platform,
  em: EntityManager,
  principal: AccountPrincipal,
  familyId = uuidv7(),
): Promise<IssuedTokens> {
  const id = uuidv7();
  const secret = newSecret();
  em.create(RefreshToken, {
    id,
    userId: principal.sub,
    accountKind: principal.kind,
    familyId,
    tokenHash: hashSecret(secret),
    expiresAt: new Date(Date.now() + platform.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
  });
  await em.flush();
  const accessToken = await platform.tokens.sign(principal);
  return {
    accessToken,
    refreshToken: formatRefreshToken(id, secret),
    tokenType: 'Bearer',
    expiresIn: platform.tokens.ttlSeconds,
  };
}
