import { Type } from 'typebox';
import { defineEvent } from '../../platform/bus/index.ts';

const Id = Type.String({ format: 'uuid' });
const Email = Type.String({ format: 'email' });
const Name = Type.Union([Type.String(), Type.Null()]);
const At = Type.String({ format: 'date-time' });
const Audience = Type.Union([Type.Literal('customer'), Type.Literal('staff')]);

/** A shopper created an account. Welcome mail, CRM sync and the like start here. */
export const UserRegistered = defineEvent(
  'user.registered.v1',
  Type.Object({ userId: Id, email: Email, firstName: Name, lastName: Name, registeredAt: At }),
  'A customer account was created',
);

/**
 * Somebody asked to reset the password of an existing account. `token` is the single-use secret
 * to mail (only its hash is kept by user); it stops working at `expiresAt` or once used.
 */
export const PasswordResetRequested = defineEvent(
  'user.password_reset_requested.v1',
  Type.Object({
    audience: Audience,
    accountId: Id,
    email: Email,
    firstName: Name,
    token: Type.String(),
    expiresAt: At,
  }),
  'A password reset link is to be mailed',
);

/** A customer's email address is to be confirmed (at registration, or asked again). */
export const EmailVerificationRequested = defineEvent(
  'user.email_verification_requested.v1',
  Type.Object({ customerId: Id, email: Email, firstName: Name, token: Type.String(), expiresAt: At }),
  'An email verification link is to be mailed',
);

/** A staff member was invited; the invitee accepts with `token` (single use, until `expiresAt`). */
export const StaffInvited = defineEvent(
  'user.staff_invited.v1',
  Type.Object({
    staffId: Id,
    email: Email,
    invitedBy: Type.String(),
    roles: Type.Array(Type.String()),
    token: Type.String(),
    expiresAt: At,
  }),
  'A staff invite link is to be mailed',
);

/**
 * Somebody tried to register with the email of an existing customer. The answer to them was the
 * same as for a new account; the owner of the address is told instead.
 */
export const RegistrationAttempted = defineEvent(
  'user.registration_attempted.v1',
  Type.Object({ customerId: Id, email: Email, firstName: Name, attemptedAt: At }),
  'A registration with a known email was refused quietly',
);

/**
 * A customer deleted their account: user erased what it held. Every module that keeps personal
 * data about this customer (orders' addresses, mails sent) erases or anonymises its copy; records
 * the business must keep (orders) stay, without the person.
 */
export const CustomerErased = defineEvent(
  'user.customer_erased.v1',
  Type.Object({ customerId: Id, erasedAt: At }),
  "A customer's personal data is to be erased everywhere",
);

export const userEvents = [
  UserRegistered,
  PasswordResetRequested,
  EmailVerificationRequested,
  StaffInvited,
  RegistrationAttempted,
  CustomerErased,
];
