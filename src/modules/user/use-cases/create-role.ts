import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { StaffPrincipal } from '../../../platform/auth/principal.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { Role } from '../entities/role.entity.ts';
import { assertGrantable, roleNameTaken, type RoleFields } from './custom-role.ts';

/** Creates a custom role; its permissions must be ones the creator holds. */
export async function createRole(em: EntityManager, actor: StaffPrincipal, fields: RoleFields): Promise<Role> {
  assertGrantable(actor, fields.permissions);
  try {
    const role = em.create(Role, {
      name: fields.name,
      description: fields.description ?? null,
      permissions: [...new Set(fields.permissions)].sort(),
      builtIn: false,
    });
    await em.flush();
    return role;
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw roleNameTaken();
    throw err;
  }
}
