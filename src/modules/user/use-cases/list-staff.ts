import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { StaffMember, type StaffStatus } from '../entities/staff-member.entity.ts';
import type { StaffWithRoles } from './get-staff.ts';
import { rolesOfStaff } from './load-staff-roles.ts';

/** Staff oldest first (UUIDv7 ids sort by creation), in keyset pages, optionally by status. */
export async function listStaff(
  em: EntityManager,
  { status, limit, cursor }: { status?: StaffStatus; limit: number; cursor?: string },
): Promise<{ items: StaffWithRoles[]; nextCursor: string | null }> {
  const where: FilterQuery<StaffMember> = {};
  if (status) where.status = status;
  if (cursor) where.id = { $gt: cursor };
  const rows = await em.find(StaffMember, where, { orderBy: { id: 'asc' }, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const roles = await rolesOfStaff(
    em,
    page.map((s) => s.id),
  );
  return {
    items: page.map((staff) => ({ staff, roles: roles.get(staff.id) ?? [] })),
    nextCursor: rows.length > limit ? page[page.length - 1].id : null,
  };
}
