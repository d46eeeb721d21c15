import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { OrderStatus } from '../domain/order-state.ts';
import type { OrderRow } from '../entities/rows.ts';

export interface OrderFilter {
  status?: OrderStatus;
  customerId?: string;
  email?: string;
  /** An order number (T1042, or 1042) or a part of the email address. */
  q?: string;
  /** Placed at or after / before these instants. */
  placedFrom?: string;
  placedTo?: string;
  /** The last id of the previous page (newest first). */
  cursor?: string;
  limit: number;
}

/** `q` as an order number when it looks like one ("T1042", "1042"), else null. */
const displayIdOf = (q: string | undefined) =>
  q && /^t?\d{1,18}$/i.test(q.trim()) ? `T${q.trim().replace(/^t/i, '')}` : null;
/** `q` as a LIKE pattern on the email, its own wildcards escaped. */
const emailPattern = (q: string | undefined) =>
  q
    ? `%${q
        .trim()
        .toLowerCase()
        .replace(/[\\%_]/g, '\\$&')}%`
    : null;

/** A page of orders, newest first, and the cursor of the next page. */
export async function listOrders(em: EntityManager, f: OrderFilter) {
  const rows = await query<OrderRow>(
    em,
    `select * from "order".orders
    where ($1::text is null or status = $1) and ($2::uuid is null or customer_id = $2) and ($3::text is null or lower(email) = lower($3))
      and ($4::uuid is null or id < $4)
      and ($6::text is null or display_id = $7 or lower(email) like $6)
      and ($8::timestamptz is null or created_at >= $8) and ($9::timestamptz is null or created_at < $9)
    order by id desc limit $5`,
    [
      f.status ?? null,
      f.customerId ?? null,
      f.email ?? null,
      f.cursor ?? null,
      f.limit + 1,
      emailPattern(f.q),
      displayIdOf(f.q),
      f.placedFrom ?? null,
      f.placedTo ?? null,
    ],
  );
  const page = rows.slice(0, f.limit);
  return { page, nextCursor: rows.length > f.limit ? page[page.length - 1].id : null };
}
