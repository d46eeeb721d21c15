import type { EntityManager } from '../../../platform/db/index.ts';
import type { Config } from '../../../platform/config/schema.ts';
import { Unauthorized } from '../../../platform/http/errors.ts';
import { dummyHash, verifyPassword } from '../../../platform/auth/passwords.ts';
import { hashParams } from '../domain/account-settings.ts';
import { normaliseEmail } from '../domain/email.ts';
import { User } from '../entities/user.entity.ts';

/** Checks a customer's credentials. Unknown email and wrong password answer alike and take alike long. */
export async function authenticate(config: Config, em: EntityManager, email: string, password: string): Promise<User> {
  const user = await em.findOne(User, { email: normaliseEmail(email) });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash(hashParams(config))), password);
  if (!user || !ok) throw new Unauthorized('Invalid email or password');
  return user;
}
