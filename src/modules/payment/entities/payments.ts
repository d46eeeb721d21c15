// The payments' typed data access: reads in typed SQL, writes through the Payment entity.
import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { PaymentStatus, ProviderName, Release } from '../domain/payment-state.ts';
import { Payment } from './payment.entity.ts';

export interface PaymentRow {
  id: string;
  orderId: string;
  attempt: number;
  provider: ProviderName;
  amount: number;
  currency: string;
  status: PaymentStatus;
  token: string | null;
  providerRef: string | null;
  failureReason: string | null;
  capturedAmount: number;
  refundedAmount: number;
  captureRequestedAt: Date | null;
  cancelRequestedAt: Date | null;
  releaseRequired: Release | null;
  needsAttention: string | null;
  customerId: string | null;
  correlationId: string;
  createdAt: Date;
  updatedAt: Date;
  authorizedAt: Date | null;
  capturedAt: Date | null;
  canceledAt: Date | null;
  failedAt: Date | null;
}

const columns: Record<keyof PaymentRow, string> = {
  id: 'id',
  orderId: 'order_id',
  attempt: 'attempt',
  provider: 'provider',
  amount: 'amount',
  currency: 'currency',
  status: 'status',
  token: 'token',
  providerRef: 'provider_ref',
  failureReason: 'failure_reason',
  capturedAmount: 'captured_amount',
  refundedAmount: 'refunded_amount',
  captureRequestedAt: 'capture_requested_at',
  cancelRequestedAt: 'cancel_requested_at',
  releaseRequired: 'release_required',
  needsAttention: 'needs_attention',
  customerId: 'customer_id',
  correlationId: 'correlation_id',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  authorizedAt: 'authorized_at',
  capturedAt: 'captured_at',
  canceledAt: 'canceled_at',
  failedAt: 'failed_at',
};
export const selectList = (names: Record<string, string>) =>
  Object.entries(names)
    .map(([k, c]) => `${c} as "${k}"`)
    .join(', ');
const PAYMENT = selectList(columns);
const forUpdate = (lock: boolean) => (lock ? ' for update' : '');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A payment by id (none for an id that is no UUID, such as one echoed back by a provider); `lock`
 * takes its row lock until the transaction ends (every state change does).
 */
export async function findPayment(em: EntityManager, id: string, lock = false): Promise<PaymentRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await query<PaymentRow>(em, `select ${PAYMENT} from payment.payments where id = $1${forUpdate(lock)}`, [
    id,
  ]);
  return row ?? null;
}

/** The order's live payment (not failed or voided), or else its latest one. */
export async function paymentOfOrder(em: EntityManager, orderId: string, lock = false): Promise<PaymentRow | null> {
  const [row] = await query<PaymentRow>(
    em,
    `select ${PAYMENT} from payment.payments where order_id = $1
     order by (status in ('failed', 'voided')), id desc limit 1${forUpdate(lock)}`,
    [orderId],
  );
  return row ?? null;
}

export async function paymentByRef(
  em: EntityManager,
  provider: ProviderName,
  ref: string,
  lock = false,
): Promise<PaymentRow | null> {
  const [row] = await query<PaymentRow>(
    em,
    `select ${PAYMENT} from payment.payments where provider = $1 and provider_ref = $2${forUpdate(lock)}`,
    [provider, ref],
  );
  return row ?? null;
}

/** A page of payments, newest first, one more than `limit` (whether a next page exists). */
export async function findPayments(
  em: EntityManager,
  q: { orderId?: string; status?: PaymentStatus; limit: number; cursor?: string },
): Promise<PaymentRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.orderId) add('order_id = ?', q.orderId);
  if (q.status) add('status = ?', q.status);
  if (q.cursor) add('id < ?', q.cursor);
  params.push(q.limit + 1);
  return query<PaymentRow>(
    em,
    `select ${PAYMENT} from payment.payments ${where.length ? `where ${where.join(' and ')}` : ''} order by id desc limit $${params.length}`,
    params,
  );
}

export type PaymentChanges = Partial<Omit<PaymentRow, 'id' | 'updatedAt'>>;

/** Writes the given fields (and updatedAt) of one payment, in one statement. */
export async function updatePayment(em: EntityManager, id: string, changes: PaymentChanges): Promise<void> {
  if (!Object.keys(changes).length) return;
  await em.nativeUpdate(Payment, { id }, { ...changes, updatedAt: new Date() });
}

/**
 * Records a pending payment for an order unless the order was canceled here or has a live payment
 * (the partial unique index decides, also against a concurrent request in another process), in one
 * statement: the cancellation is read with the insert's own snapshot.
 */
export async function insertPendingPayment(
  em: EntityManager,
  p: Pick<
    PaymentRow,
    'id' | 'orderId' | 'provider' | 'amount' | 'currency' | 'token' | 'customerId' | 'correlationId'
  > & {
    requestEventId: string;
  },
): Promise<'recorded' | 'canceled' | 'live'> {
  const [row] = await query<{ canceled: boolean; recorded: boolean }>(
    em,
    `with canceled as (select exists(select 1 from payment.canceled_orders where order_id = $2::uuid) as yes),
     recorded as (
       insert into payment.payments
         (id, order_id, provider, amount, currency, token, customer_id, correlation_id, request_event_id, attempt, status)
       select $1::uuid, $2::uuid, $3::text, $4::int, $5::char(3), $6::text, $7::uuid, $8::text, $9::uuid,
              (select count(*) + 1 from payment.payments where order_id = $2::uuid), 'pending'
         from canceled where not canceled.yes
       on conflict (order_id) where status not in ('failed', 'voided') do nothing
       returning id)
     select (select yes from canceled) as canceled, exists(select 1 from recorded) as recorded`,
    [p.id, p.orderId, p.provider, p.amount, p.currency, p.token, p.customerId, p.correlationId, p.requestEventId],
  );
  return row.canceled ? 'canceled' : row.recorded ? 'recorded' : 'live';
}
