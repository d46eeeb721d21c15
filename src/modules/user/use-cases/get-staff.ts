import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import type { Role } from '../entities/role.entity.ts';
import { StaffMember } from '../entities/staff-member.entity.ts';
import { rolesOfStaff } from './load-staff-roles.ts';

export interface StaffWithRoles {
  staff: StaffMember;
  roles: Role[];
}

/** One staff member with their roles; a 404 when there is none. */
export async function getStaff(em: EntityManager, id: string): Promise<StaffWithRoles> {
  const staff = await em.findOne(StaffMember, { id });
  if (!staff) throw new NotFound('Staff member');
  return { staff, roles: (await rolesOfStaff(em, [id])).get(id) ?? [] };
}
