import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { Role } from '../entities/role.entity.ts';
import { assertGrantable, roleAudit, roleNameTaken, type RoleFields } from './custom-role.ts';

/** Creates a custom role; its permissions must be ones the creator holds. */
export async function createRole(
  platform: Platform,
  em: EntityManager,
  actor: Actor,
  fields: RoleFields,
): Promise<Role> {
  assertGrantable(actor, fields.permissions);
  try {
    return await em.transactional(async (tx) => {
      const role = tx.create(Role, {
        name: fields.name,
        description: fields.description ?? null,
        permissions: [...new Set(fields.permissions)].sort(),
        builtIn: false,
      });
      await tx.flush();
      await recordAudit(publisherFor(platform, 'user'), tx, actor, {
        action: 'role.create',
        resourceType: 'role',
        resourceId: role.id,
        before: null,
        after: roleAudit(role),
      });
      return role;
    });
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw roleNameTaken();
    throw err;
  }
}
