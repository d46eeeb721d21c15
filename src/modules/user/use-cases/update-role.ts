import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import type { Role } from '../entities/role.entity.ts';
import { assertGrantable, customRole, roleAudit, roleNameTaken, type RoleFields } from './custom-role.ts';

/** Changes a custom role; its members' next tokens carry the new permissions. */
export async function updateRole(
  platform: Platform,
  em: EntityManager,
  actor: Actor,
  id: string,
  patch: Partial<RoleFields>,
): Promise<Role> {
  try {
    return await em.transactional(async (tx) => {
      const role = await customRole(tx, id);
      if (patch.permissions) assertGrantable(actor, [...role.permissions, ...patch.permissions]);
      const before = roleAudit(role);
      if (patch.name !== undefined) role.name = patch.name;
      if (patch.description !== undefined) role.description = patch.description;
      if (patch.permissions) role.permissions = [...new Set(patch.permissions)].sort();
      await tx.flush();
      await recordAudit(publisherFor(platform, 'user'), tx, actor, {
        action: 'role.update',
        resourceType: 'role',
        resourceId: id,
        before,
        after: roleAudit(role),
      });
      return role;
    });
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw roleNameTaken();
    throw err;
  }
}
