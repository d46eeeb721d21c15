import type { EntityManager } from '../../../platform/db/index.ts';
import { Unauthorized } from '../../../platform/http/errors.ts';
import { dummyHash, verifyPassword } from '../../../platform/auth/passwords.ts';
import { normaliseEmail } from '../domain/email.ts';
import { User } from '../entities/user.entity.ts';

/** Checks credentials. Unknown email and wrong password answer alike and take alike long. */
export async function authenticate(
  em: EntityManager,
  email: string,
  password: string,
  role?: User['role'],
): Promise<User> {
  const user = await em.findOne(User, { email: normaliseEmail(email) });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), password);
  if (!user || !ok || (role && user.role !== role)) throw new Unauthorized('Invalid email or password');
  return user;
}
