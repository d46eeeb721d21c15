import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { OrderStatus } from '../domain/order-state.ts';
import type { OrderRow } from '../entities/rows.ts';

export interface OrderFilter {
  status?: OrderStatus;
  customerId?: string;
  email?: string;
  /** The last id of the previous page (newest first). */
  cursor?: string;
  limit: number;
}

/** A page of orders, newest first, and the cursor of the next page. */
export async function listOrders(em: EntityManager, f: OrderFilter) {
  const rows = await query<OrderRow>(
    em,
    `select * from "order".orders
    where ($1::text is null or status = $1) and ($2::uuid is null or customer_id = $2) and ($3::text is null or lower(email) = lower($3))
      and ($4::uuid is null or id < $4) order by id desc limit $5`,
    [f.status ?? null, f.customerId ?? null, f.email ?? null, f.cursor ?? null, f.limit + 1],
  );
  const page = rows.slice(0, f.limit);
  return { page, nextCursor: rows.length > f.limit ? page[page.length - 1].id : null };
}
