import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { BadRequest, Conflict } from '../../../platform/http/errors.ts';
import { hashPassword, passwordWeakness } from '../../../platform/auth/passwords.ts';
import { UserRegistered } from '../contract.ts';
import { normaliseEmail } from '../domain/email.ts';
import { User } from '../entities/user.entity.ts';

export interface NewAccount {
  email: string;
  password: string;
  firstName?: string;
  lastName?: string;
}

const taken = () => new Conflict('An account with this email already exists');

/** Creates a customer and publishes user.registered in the same transaction. */
export async function registerCustomer(platform: Platform, em: EntityManager, input: NewAccount): Promise<User> {
  const email = normaliseEmail(input.email);
  const weak = passwordWeakness(input.password, email);
  if (weak) throw new BadRequest(`password ${weak}`, { errors: [{ field: 'password', message: weak }] });
  const passwordHash = await hashPassword(input.password);
  const publish = publisherFor(platform, 'user');
  try {
    return await em.transactional(async (tx) => {
      if (await tx.count(User, { email })) throw taken();
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
    if (err instanceof UniqueConstraintViolationException) throw taken();
    throw err;
  }
}
