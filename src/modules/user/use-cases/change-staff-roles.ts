import type { EntityManager } from '../../../platform/db/index.ts';
import { recordAudit, type Actor } from '../../../platform/auth/audit.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { OWNER_ROLE } from '../domain/principal.ts';
import { StaffRole } from '../entities/role.entity.ts';
import { getStaff, type StaffWithRoles } from './get-staff.ts';
import { assertAnotherOwnerRemains } from './owner-guard.ts';
import { rolesToGrant } from './resolve-roles.ts';

/**
 * Replaces a member's roles. The new permissions show in their next token (a refresh or a login);
 * taking the owner role from the last active owner is a 409.
 */
export function changeStaffRoles(
  platform: Platform,
  em: EntityManager,
  actor: Actor,
  id: string,
  names: string[],
): Promise<StaffWithRoles> {
  return em.transactional(async (tx) => {
    const current = await getStaff(tx, id);
    const roles = await rolesToGrant(tx, actor, names);
    const wasOwner = current.roles.some((r) => r.name === OWNER_ROLE);
    if (wasOwner && current.staff.status === 'active' && !roles.some((r) => r.name === OWNER_ROLE))
      await assertAnotherOwnerRemains(tx, id);
    // Only the links that change: a kept role's link is already in this unit of work (read by
    // getStaff), so deleting it natively and creating it again would leave it out of the flush.
    const wanted = new Set(roles.map((r) => r.id));
    const held = new Set(current.roles.map((r) => r.id));
    const dropped = [...held].filter((roleId) => !wanted.has(roleId));
    if (dropped.length) await tx.nativeDelete(StaffRole, { staffId: id, roleId: { $in: dropped } });
    for (const role of roles) if (!held.has(role.id)) tx.create(StaffRole, { staffId: id, roleId: role.id });
    await tx.flush();
    await recordAudit(publisherFor(platform, 'user'), tx, actor, {
      action: 'staff.roles',
      resourceType: 'staff',
      resourceId: id,
      before: { roles: current.roles.map((r) => r.name) },
      after: { roles: roles.map((r) => r.name) },
    });
    return { staff: current.staff, roles };
  });
}
