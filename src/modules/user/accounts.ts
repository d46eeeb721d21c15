import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../platform/host/platform.ts';
import { BadRequest, Conflict, Unauthorized } from '../../platform/http/errors.ts';
import { dummyHash, hashPassword, passwordWeakness, verifyPassword } from '../../platform/auth/passwords.ts';
import { UserRegistered } from './contract.ts';
import { User } from './user.entity.ts';

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export interface NewAccount {
  email: string;
  password: string;
  firstName?: string;
  lastName?: string;
}

/** Creates a customer and publishes user.registered in the same transaction. */
export async function register(platform: Platform, em: EntityManager, input: NewAccount): Promise<User> {
  const email = normaliseEmail(input.email);
  const weak = passwordWeakness(input.password, email);
  if (weak) throw new BadRequest(`password ${weak}`, { errors: [{ field: 'password', message: weak }] });
  const passwordHash = await hashPassword(input.password);
  const publish = publisherFor(platform, 'user');
  try {
    return await em.transactional(async (tx) => {
      if (await tx.count(User, { email })) throw new Conflict('An account with this email already exists');
      const user = tx.create(User, {
        email,
        passwordHash,
        role: 'customer',
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        phone: null,
      });
      await tx.flush();
      await publish(tx, UserRegistered, {
        userId: user.id,
        email,
        firstName: user.firstName ?? null,
        lastName: user.lastName ?? null,
        registeredAt: user.createdAt.toISOString(),
      });
      return user;
    });
  } catch (err) {
    // Two registrations of one email at once: the unique index decides, the loser gets the same 409.
    if (err instanceof UniqueConstraintViolationException)
      throw new Conflict('An account with this email already exists');
    throw err;
  }
}

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
