import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7Id } from '../../../platform/db/index.ts';

/** A customer (staff are StaffMember). `emailVerifiedAt` is set once the mailed link is used. */
export const User = defineEntity({
  name: 'User',
  schema: 'user',
  tableName: 'users',
  properties: {
    id: uuidv7Id(),
    email: p.string().length(320).unique('users_email_key'),
    passwordHash: p.text().hidden(),
    firstName: p.string().nullable(),
    lastName: p.string().nullable(),
    phone: p.string().length(64).nullable(),
    emailVerifiedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type User = InferEntity<typeof User>;
