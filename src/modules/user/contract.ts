import { Type } from 'typebox';
import { defineEvent } from '../../platform/bus/index.ts';

/** A shopper created an account. Welcome mail, CRM sync and the like start here. */
export const UserRegistered = defineEvent(
  'user.registered.v1',
  Type.Object({
    userId: Type.String({ format: 'uuid' }),
    email: Type.String({ format: 'email' }),
    firstName: Type.Union([Type.String(), Type.Null()]),
    lastName: Type.Union([Type.String(), Type.Null()]),
    registeredAt: Type.String({ format: 'date-time' }),
  }),
  'A customer account was created',
);

export const userEvents = [UserRegistered];
