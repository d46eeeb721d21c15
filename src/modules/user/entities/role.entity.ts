import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { uuidv7Id } from '../../../platform/db/index.ts';

/** A named set of permissions; built-in roles (owner, manager, fulfilment, support) take theirs from code. */
export const Role = defineEntity({
  name: 'Role',
  schema: 'user',
  tableName: 'roles',
  properties: {
    id: uuidv7Id(),
    name: p.string().length(64).unique('roles_name_key'),
    description: p.string().nullable(),
    permissions: p.array().columnType('text[]'),
    builtIn: p.boolean().default(false),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type Role = InferEntity<typeof Role>;

/** Which roles a staff member holds; their token's permissions are the union of these roles'. */
export const StaffRole = defineEntity({
  name: 'StaffRole',
  schema: 'user',
  tableName: 'staff_roles',
  properties: {
    staffId: p.uuid().primary(),
    roleId: p.uuid().primary().index('staff_roles_role_idx'),
  },
});
export type StaffRole = InferEntity<typeof StaffRole>;
