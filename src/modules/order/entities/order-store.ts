import { sql } from 'kysely';
import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { OrderStatus } from '../domain/order-state.ts';
import { jsonb, orderDb } from './db.ts';
import type { OrderLineRecord, OrderTotalsRecord } from './order.entity.ts';
import type { OrderRow } from './rows.ts';
import { insertTimelineEntries, type TimelineEntryIn } from './timeline-store.ts';

export async function findOrder(em: EntityManager, id: string): Promise<OrderRow | undefined> {
  return (await query<OrderRow>(em, 'select * from "order".orders where id = $1', [id]))[0];
}

/** The order row, locked until the transaction ends, so steps of one order never interleave. */
export async function lockOrder(em: EntityManager, id: string): Promise<OrderRow | undefined> {
  return (await query<OrderRow>(em, 'select * from "order".orders where id = $1 for update', [id]))[0];
}

/**
 * Orders past their deadline, locked (skipping any a saga step holds now: the next sweep sees them):
 * pending since before `pendingBefore`, or awaiting payment unchanged since before `unpaidBefore`.
 * Only open orders are read (the status index), oldest first.
 */
export async function lockOverdueOrders(
  em: EntityManager,
  pendingBefore: Date,
  unpaidBefore: Date,
  limit: number,
): Promise<OrderRow[]> {
  return query<OrderRow>(
    em,
    `select * from "order".orders
      where (status = 'pending' and created_at < $1) or (status = 'awaiting_payment' and updated_at < $2)
      order by id limit $3 for update skip locked`,
    [pendingBefore, unpaidBefore, limit],
  );
}

/** What a saga step or staff may change on an order besides its status. */
export interface OrderChanges {
  priced?: boolean;
  lines?: OrderLineRecord[];
  totals?: OrderTotalsRecord;
  reservation_id?: string;
  payment_id?: string;
  cancel_reason?: string;
  confirmed_at?: Date;
  canceled_at?: Date;
  fulfilled_at?: Date;
}

/**
 * Writes a step's changes, the new status if it has one, and the step's timeline entries, in one
 * statement (the entries' insert a CTE of the update: one round trip per step, not one per entry).
 */
export async function updateOrder(
  em: EntityManager,
  id: string,
  changes: OrderChanges,
  at: Date,
  status?: OrderStatus,
  notes: TimelineEntryIn[] = [],
): Promise<void> {
  const { lines, totals, ...plain } = changes;
  const db = notes.length
    ? orderDb(em).with('noted', () => insertTimelineEntries(em, notes).returning('id'))
    : orderDb(em);
  await db
    .updateTable('order.orders')
    .set({
      ...plain,
      ...(lines ? { lines: jsonb(lines) } : {}),
      ...(totals ? { totals: jsonb(totals) } : {}),
      ...(status ? { status } : {}),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

/** The shopper must confirm the payment (Stripe): the client secret they confirm it with. */
export async function setClientSecret(em: EntityManager, id: string, clientSecret: string, paymentId: string) {
  await orderDb(em)
    .updateTable('order.orders')
    .set({ client_secret: clientSecret, payment_id: paymentId, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Adds a refund to what the order has had back (one statement: refunds of one order may cross). */
export async function addRefunded(em: EntityManager, id: string, amount: number) {
  await orderDb(em)
    .updateTable('order.orders')
    .set((eb) => ({ refunded_amount: eb('refunded_amount', '+', amount), updated_at: sql<Date>`now()` }))
    .where('id', '=', id)
    .execute();
}
