import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { StaffPrincipal } from '../../../platform/auth/principal.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Role } from '../entities/role.entity.ts';
import { assertGrantable, customRole, roleNameTaken, type RoleFields } from './custom-role.ts';

/** Changes a custom role; its members' next tokens carry the new permissions. */
export async function updateRole(
  em: EntityManager,
  actor: StaffPrincipal,
  id: string,
  patch: Partial<RoleFields>,
): Promise<Role> {
  const role = await customRole(em, id);
  if (patch.permissions) assertGrantable(actor, [...role.permissions, ...patch.permissions]);
  if (patch.name !== undefined) role.name = patch.name;
  if (patch.description !== undefined) role.description = patch.description;
  if (patch.permissions) role.permissions = [...new Set(patch.permissions)].sort();
  try {
    await em.flush();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw roleNameTaken();
    throw err;
  }
  return role;
}
