import type { EntityManager } from '../../../platform/db/index.ts';
import { staffPrincipal, unionOfPermissions } from '../domain/principal.ts';
import { Role, StaffRole } from '../entities/role.entity.ts';
import type { StaffMember } from '../entities/staff-member.entity.ts';

/** The roles of some staff members, by member id, sorted by name. */
export async function rolesOfStaff(em: EntityManager, staffIds: string[]): Promise<Map<string, Role[]>> {
  const links = staffIds.length ? await em.find(StaffRole, { staffId: { $in: staffIds } }) : [];
  const roleIds = [...new Set(links.map((l) => l.roleId))];
  const roles = roleIds.length ? await em.find(Role, { id: { $in: roleIds } }, { orderBy: { name: 'asc' } }) : [];
  const byId = new Map(roles.map((r) => [r.id, r]));
  const out = new Map<string, Role[]>(staffIds.map((id) => [id, []]));
  for (const l of links) {
    const role = byId.get(l.roleId);
    if (role) out.get(l.staffId)?.push(role);
  }
  for (const list of out.values()) list.sort((a, b) => a.name.localeCompare(b.name));
  return out;
}

/** What a staff member's token says: their permissions are the union of their roles'. */
export async function principalOfStaff(em: EntityManager, staff: StaffMember) {
  const roles = (await rolesOfStaff(em, [staff.id])).get(staff.id) ?? [];
  return staffPrincipal(staff, unionOfPermissions(roles));
}
