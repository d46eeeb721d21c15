import type { StaffPrincipal } from '../../../platform/auth/principal.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import { Role, StaffRole } from '../entities/role.entity.ts';
import { assertGrantable, customRole } from './custom-role.ts';

/** Deletes a custom role; its members lose it (and what it gave them) from their next token. */
export async function deleteRole(em: EntityManager, actor: StaffPrincipal, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const role = await customRole(tx, id);
    assertGrantable(actor, role.permissions);
    await tx.nativeDelete(StaffRole, { roleId: id });
    await tx.nativeDelete(Role, { id });
  });
}
