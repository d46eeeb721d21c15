import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import { Conflict, NotFound } from '../../../platform/http/errors.ts';
import { CustomerGroup } from '../entities/customer-group.entity.ts';

export interface GroupView {
  id: string;
  name: string;
  description: string | null;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

async function view(em: EntityManager, g: CustomerGroup): Promise<GroupView> {
  const [{ n }] = await em.execute<{ n: number }[]>(
    'select count(*)::int as n from pricing.customer_group_members where group_id = ?',
    [g.id],
  );
  return {
    id: g.id,
    name: g.name,
    description: g.description ?? null,
    memberCount: n,
    createdAt: g.createdAt.toISOString(),
    updatedAt: g.updatedAt.toISOString(),
  };
}

const nameTaken = (name: string) => new Conflict(`A customer group named "${name}" already exists`);

async function flushUnique(em: EntityManager, name: string): Promise<void> {
  try {
    await em.flush();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw nameTaken(name);
    throw err;
  }
}

export async function createGroup(
  em: EntityManager,
  input: { name: string; description?: string | null },
): Promise<GroupView> {
  const g = em.create(CustomerGroup, { name: input.name.trim(), description: input.description ?? null });
  await flushUnique(em, g.name);
  return view(em, g);
}

export async function getGroup(em: EntityManager, id: string): Promise<GroupView> {
  const g = await em.findOne(CustomerGroup, { id });
  if (!g) throw new NotFound('Customer group');
  return view(em, g);
}

export async function listGroups(
  em: EntityManager,
  limit: number,
  cursor?: string,
): Promise<{ items: GroupView[]; nextCursor: string | null }> {
  const rows = await em.find(CustomerGroup, cursor ? { id: { $lt: cursor } } : {}, {
    orderBy: { id: 'desc' },
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const items = [];
  for (const g of page) items.push(await view(em, g));
  return { items, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}

export async function updateGroup(
  em: EntityManager,
  id: string,
  patch: { name?: string; description?: string | null },
): Promise<GroupView> {
  const g = await em.findOne(CustomerGroup, { id });
  if (!g) throw new NotFound('Customer group');
  if (patch.name !== undefined) g.name = patch.name.trim();
  if (patch.description !== undefined) g.description = patch.description;
  await flushUnique(em, g.name);
  return view(em, g);
}

/** A group that price lists are limited to cannot go: deleting it would turn their prices public. */
export async function deleteGroup(em: EntityManager, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    const [g] = await tx.execute('select id from pricing.customer_groups where id = ? for update', [id]);
    if (!g) throw new NotFound('Customer group');
    const [{ n }] = await tx.execute<{ n: number }[]>(
      'select count(*)::int as n from pricing.price_lists where customer_group_id = ?',
      [id],
    );
    if (n > 0)
      throw new Conflict(
        `The customer group is used by ${n} price list(s); delete them or move them to another group first`,
      );
    await tx.execute('delete from pricing.customer_groups where id = ?', [id]);
  });
}

async function mustExist(em: EntityManager, id: string): Promise<void> {
  const [g] = await em.execute('select id from pricing.customer_groups where id = ?', [id]);
  if (!g) throw new NotFound('Customer group');
}

/** Adds customers (ids of the user module) to a group; adding one twice is a no-op. */
export async function addMembers(
  em: EntityManager,
  id: string,
  customerIds: readonly string[],
): Promise<{ added: number }> {
  return em.transactional(async (tx) => {
    const [g] = await tx.execute('select id from pricing.customer_groups where id = ? for share', [id]);
    if (!g) throw new NotFound('Customer group');
    const rows = await tx.execute(
      `insert into pricing.customer_group_members (group_id, customer_id, added_at)
       select ?::uuid, c::uuid, now() from jsonb_array_elements_text(?::jsonb) as c
       on conflict do nothing returning customer_id`,
      [id, JSON.stringify([...new Set(customerIds)])],
    );
    return { added: rows.length };
  });
}

export async function removeMember(em: EntityManager, id: string, customerId: string): Promise<void> {
  await mustExist(em, id);
  const rows = await em.execute(
    'delete from pricing.customer_group_members where group_id = ? and customer_id = ? returning customer_id',
    [id, customerId],
  );
  if (rows.length === 0) throw new NotFound('Customer in this group');
}

export async function listMembers(
  em: EntityManager,
  id: string,
  limit: number,
  cursor?: string,
): Promise<{ items: { customerId: string; addedAt: string }[]; nextCursor: string | null }> {
  await mustExist(em, id);
  const rows = await em.execute<{ customer_id: string; added_at: string }[]>(
    `select customer_id, added_at from pricing.customer_group_members
      where group_id = ? and (?::uuid is null or customer_id > ?::uuid) order by customer_id limit ?`,
    [id, cursor ?? null, cursor ?? null, limit + 1],
  );
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({ customerId: r.customer_id, addedAt: new Date(r.added_at).toISOString() })),
    nextCursor: rows.length > limit ? page[page.length - 1].customer_id : null,
  };
}
