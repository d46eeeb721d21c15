import type { HashParams } from '../../../platform/auth/passwords.ts';
import type { Config } from '../../../platform/config/schema.ts';
import type { TokenPurpose } from '../entities/account-token.entity.ts';

/** The argon2id cost of new hashes, from PASSWORD_HASH_*. */
export const hashParams = (c: Config): HashParams => ({
  memoryCost: c.PASSWORD_HASH_MEMORY_KIB,
  timeCost: c.PASSWORD_HASH_ITERATIONS,
  parallelism: c.PASSWORD_HASH_PARALLELISM,
});

/** How long a mailed token of this purpose stays valid, in seconds. */
export function tokenTtlSeconds(c: Config, purpose: TokenPurpose): number {
  if (purpose === 'invite') return c.STAFF_INVITE_TTL_SECONDS;
  if (purpose === 'password_reset') return c.PASSWORD_RESET_TTL_SECONDS;
  return c.EMAIL_VERIFICATION_TTL_SECONDS;
}
