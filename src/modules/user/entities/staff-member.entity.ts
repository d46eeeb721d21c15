import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7Id } from '../../../platform/db/index.ts';

export const STAFF_STATUSES = ['invited', 'active', 'deactivated'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

/**
 * Someone who runs the shop. Apart from customers: another table, another login, permissions from
 * roles. An invited member has no password until the invite is accepted.
 */
export const StaffMember = defineEntity({
  name: 'StaffMember',
  schema: 'user',
  tableName: 'staff_members',
  properties: {
    id: uuidv7Id(),
    email: p.string().length(320).unique('staff_members_email_key'),
    passwordHash: p.text().hidden().nullable(),
    firstName: p.string().nullable(),
    lastName: p.string().nullable(),
    status: p.enum(STAFF_STATUSES).default('invited'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type StaffMember = InferEntity<typeof StaffMember>;
