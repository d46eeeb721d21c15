import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { Role, StaffRole } from '../entities/role.entity.ts';
import { assertGrantable, customRole, roleAudit } from './custom-role.ts';

/** Deletes a custom role; its members lose it (and what it gave them) from their next token. */
export async function deleteRole(platform: Platform, em: EntityManager, actor: Actor, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const role = await customRole(tx, id);
    assertGrantable(actor, role.permissions);
    const before = roleAudit(role);
    await tx.nativeDelete(StaffRole, { roleId: id });
    await tx.nativeDelete(Role, { id });
    await recordAudit(publisherFor(platform, 'user'), tx, actor, {
      action: 'role.delete',
      resourceType: 'role',
      resourceId: id,
      before,
      after: null,
    });
  });
}
