import type { EntityManager } from '../../../platform/db/index.ts';
import type { Config } from '../../../platform/config/schema.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { tokenTtlSeconds } from '../domain/account-settings.ts';
import { formatRefreshToken, hashSecret, newSecret } from '../domain/refresh-token.ts';
import { AccountToken, type AccountKind, type TokenPurpose } from '../entities/account-token.entity.ts';

/**
 * A new single-use token for an account, `<id>.<secret>` like a refresh token; only the secret's
 * hash is stored. The caller mails it (through an event in the same transaction).
 */
export function issueAccountToken(
  config: Config,
  em: EntityManager,
  purpose: TokenPurpose,
  account: { kind: AccountKind; id: string },
): { token: string; expiresAt: Date } {
  const id = uuidv7();
  const secret = newSecret();
  const expiresAt = new Date(Date.now() + tokenTtlSeconds(config, purpose) * 1000);
  em.create(AccountToken, {
    id,
    purpose,
    accountKind: account.kind,
    accountId: account.id,
    tokenHash: hashSecret(secret),
    expiresAt,
  });
  return { token: formatRefreshToken(id, secret), expiresAt };
}
