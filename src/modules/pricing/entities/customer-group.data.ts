import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { countPer } from './count-per.data.ts';
import { Conflict, NotFound } from '../../../platform/http/errors.ts';
import { CustomerGroup, CustomerGroupMember } from './customer-group.entity.ts';

export interface GroupView {
  id: string;
  name: string;
  description: string | null;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

const viewOf = (g: CustomerGroup, memberCount: number): GroupView => ({
  id: g.id,
  name: g.name,
  description: g.description ?? null,
  memberCount,
  createdAt: g.createdAt.toISOString(),
  updatedAt: g.updatedAt.toISOString(),
});

export async function groupView(em: EntityManager, g: CustomerGroup): Promise<GroupView> {
  return viewOf(g, await em.count(CustomerGroupMember, { groupId: g.id }));
}

/** Several groups with their member counts, in one query for all. */
export async function groupViews(em: EntityManager, groups: readonly CustomerGroup[]): Promise<GroupView[]> {
  const counts = await countPer(
    em,
    { table: 'customer_group_members', column: 'group_id' },
    groups.map((g) => g.id),
  );
  return groups.map((g) => viewOf(g, counts.get(g.id) ?? 0));
}

/** Flushes a new or renamed group; a name taken (case-insensitively) is a 409. */
export async function flushGroup(em: EntityManager, name: string): Promise<void> {
  try {
    await em.flush();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException)
      throw new Conflict(`A customer group named "${name}" already exists`);
    throw err;
  }
}

/** Finds a group or fails with 404; `lock` keeps it from being deleted (share) or changed (update) until commit. */
export async function findGroup(em: EntityManager, id: string, lock?: 'share' | 'update'): Promise<CustomerGroup> {
  const lockMode =
    lock === 'share' ? LockMode.PESSIMISTIC_READ : lock === 'update' ? LockMode.PESSIMISTIC_WRITE : undefined;
  const g = await em.findOne(CustomerGroup, { id }, lockMode ? { lockMode } : {});
  if (!g) throw new NotFound('Customer group');
  return g;
}
