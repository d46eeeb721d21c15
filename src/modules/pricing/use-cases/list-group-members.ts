import { query, type EntityManager } from '../../../platform/db/index.ts';
import { findGroup } from '../entities/customer-group.data.ts';

/** A group's members in id order, a page at a time (the cursor is the last customer id of the previous page). */
export async function listGroupMembers(
  em: EntityManager,
  id: string,
  limit: number,
  cursor?: string,
): Promise<{ items: { customerId: string; addedAt: string }[]; nextCursor: string | null }> {
  await findGroup(em, id);
  const rows = await query<{ customer_id: string; added_at: string }>(
    em,
    `select customer_id, added_at from pricing.customer_group_members
      where group_id = $1 and ($2::uuid is null or customer_id > $2::uuid) order by customer_id limit $3`,
    [id, cursor ?? null, limit + 1],
  );
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({ customerId: r.customer_id, addedAt: new Date(r.added_at).toISOString() })),
    nextCursor: rows.length > limit ? page[page.length - 1].customer_id : null,
  };
}
