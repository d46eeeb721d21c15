import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { EmailVerificationRequested, RegistrationAttempted, UserRegistered } from '../contract.ts';
import { hashParams } from '../domain/account-settings.ts';
import { normaliseEmail } from '../domain/email.ts';
import { atLeast } from '../domain/even-timing.ts';
import { User } from '../entities/user.entity.ts';
import { assertStrongPassword } from './change-password.ts';
import { issueAccountToken } from './issue-account-token.ts';

export interface NewAccount {
  email: string;
  password: string;
  firstName?: string;
  lastName?: string;
}

/** Both paths answer after at least this long: the hash dominates, a new account costs a few writes more. */
const REGISTER_FLOOR_MS = 100;

/**
 * Registration that does not tell whether an email has an account. A new email gets a customer,
 * user.registered (welcome mail) and a verification link, in one transaction; a known email gets
 * nothing but a mail to its owner (user.registration_attempted). Both do the same work (the
 * password is hashed either way) and the caller answers both alike.
 */
export function registerCustomer(platform: Platform, em: EntityManager, input: NewAccount): Promise<void> {
  return atLeast(REGISTER_FLOOR_MS, () => register(platform, em, input));
}

async function register(platform: Platform, em: EntityManager, input: NewAccount): Promise<void> {
  const email = normaliseEmail(input.email);
  assertStrongPassword(input.password, email);
  const passwordHash = await hashPassword(input.password, hashParams(platform.config));
  const publish = publisherFor(platform, 'user');
  const tellOwner = (tx: EntityManager, owner: User) =>
    publish(tx, RegistrationAttempted, {
      customerId: owner.id,
      email,
      firstName: owner.firstName ?? null,
      attemptedAt: new Date().toISOString(),
    });
  try {
    await em.transactional(async (tx) => {
      const existing = await tx.findOne(User, { email });
      if (existing) return tellOwner(tx, existing);
      const user = tx.create(User, {
        email,
        passwordHash,
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        phone: null,
        emailVerifiedAt: null,
      });
      const { token, expiresAt } = issueAccountToken(platform.config, tx, 'email_verification', {
        kind: 'customer',
        id: user.id,
      });
      await tx.flush();
      const names = { firstName: user.firstName ?? null };
      await publish(tx, UserRegistered, {
        userId: user.id,
        email,
        ...names,
        lastName: user.lastName ?? null,
        registeredAt: user.createdAt.toISOString(),
      });
      await publish(tx, EmailVerificationRequested, {
        customerId: user.id,
        email,
        ...names,
        token,
        expiresAt: expiresAt.toISOString(),
      });
    });
  } catch (err) {
    // Two registrations of one email at once: the unique index decides; the loser is a known email now.
    if (!(err instanceof UniqueConstraintViolationException)) throw err;
    await em.fork().transactional(async (tx) => {
      const owner = await tx.findOne(User, { email });
      if (owner) await tellOwner(tx, owner);
    });
  }
}
