// Reads and writes of payments and refunds (hand-written SQL, like the other modules' hot paths).
import type { EntityManager } from '../../platform/db/index.ts';
import { query } from '../../platform/db/index.ts';
import type { PaymentStatus, ProviderName, RefundStatus } from './entities.ts';

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
  releaseRequired: 'void' | 'refund' | null;
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

export interface RefundRow {
  id: string;
  paymentId: string;
  amount: number;
  currency: string;
  status: RefundStatus;
  origin: 'request' | 'cancel' | 'provider';
  reason: string | null;
  failureReason: string | null;
  providerRef: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

const paymentColumns: Record<keyof PaymentRow, string> = {
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
const refundColumns: Record<keyof RefundRow, string> = {
  id: 'id',
  paymentId: 'payment_id',
  amount: 'amount',
  currency: 'currency',
  status: 'status',
  origin: 'origin',
  reason: 'reason',
  failureReason: 'failure_reason',
  providerRef: 'provider_ref',
  createdAt: 'created_at',
  completedAt: 'completed_at',
};
const select = (columns: Record<string, string>) =>
  Object.entries(columns)
    .map(([k, c]) => `${c} as "${k}"`)
    .join(', ');
const PAYMENT = select(paymentColumns);
const REFUND = select(refundColumns);

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A payment by id; `lock` takes its row lock until the transaction ends (every state change does). */
export async function findPayment(em: EntityManager, id: string, lock = false): Promise<PaymentRow | null> {
  const [row] = await query<PaymentRow>(
    em,
    `select ${PAYMENT} from payment.payments where id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  return row ?? null;
}

/** The order's live payment (not failed or voided), or else its latest one. */
export async function paymentOfOrder(em: EntityManager, orderId: string, lock = false): Promise<PaymentRow | null> {
  const [row] = await query<PaymentRow>(
    em,
    `select ${PAYMENT} from payment.payments where order_id = $1
     order by (status in ('failed', 'voided')), id desc limit 1${lock ? ' for update' : ''}`,
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
    `select ${PAYMENT} from payment.payments where provider = $1 and provider_ref = $2${lock ? ' for update' : ''}`,
    [provider, ref],
  );
  return row ?? null;
}

export async function listPayments(
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

/** Writes the given fields (and updated_at) of one payment. */
export async function updatePayment(
  em: EntityManager,
  id: string,
  changes: Partial<Omit<PaymentRow, 'id' | 'updatedAt'>>,
): Promise<void> {
  const entries = Object.entries(changes) as [keyof PaymentRow, unknown][];
  if (!entries.length) return;
  const sets = entries.map(([k], i) => `${paymentColumns[k]} = $${i + 2}`);
  await query(em, `update payment.payments set ${sets.join(', ')}, updated_at = now() where id = $1`, [
    id,
    ...entries.map(([, v]) => v),
  ]);
}

export async function refundsOf(em: EntityManager, paymentIds: string[]): Promise<RefundRow[]> {
  if (!paymentIds.length) return [];
  return query<RefundRow>(em, `select ${REFUND} from payment.refunds where payment_id = any($1::uuid[]) order by id`, [
    paymentIds,
  ]);
}

export async function pendingRefunds(em: EntityManager, paymentId: string): Promise<RefundRow[]> {
  return query<RefundRow>(
    em,
    `select ${REFUND} from payment.refunds where payment_id = $1 and status = 'pending' order by id`,
    [paymentId],
  );
}

export async function findRefund(em: EntityManager, id: string, lock = false): Promise<RefundRow | null> {
  const [row] = await query<RefundRow>(
    em,
    `select ${REFUND} from payment.refunds where id = $1${lock ? ' for update' : ''}`,
    [id],
  );
  return row ?? null;
}

export async function insertRefund(
  em: EntityManager,
  refund: {
    id: string;
    paymentId: string;
    amount: number;
    currency: string;
    status: RefundStatus;
    origin: RefundRow['origin'];
    reason?: string | null;
    failureReason?: string | null;
    providerRef?: string | null;
    requestEventId?: string | null;
  },
): Promise<void> {
  const done = refund.status !== 'pending';
  await query(
    em,
    `insert into payment.refunds (id, payment_id, amount, currency, status, origin, reason, failure_reason, provider_ref, request_event_id, completed_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ${done ? 'now()' : 'null'})`,
    [
      refund.id,
      refund.paymentId,
      refund.amount,
      refund.currency,
      refund.status,
      refund.origin,
      refund.reason ?? null,
      refund.failureReason ?? null,
      refund.providerRef ?? null,
      refund.requestEventId ?? null,
    ],
  );
}

export async function completeRefund(
  em: EntityManager,
  id: string,
  status: 'succeeded' | 'failed',
  fields: { providerRef?: string | null; failureReason?: string | null },
): Promise<void> {
  await query(
    em,
    `update payment.refunds set status = $2, provider_ref = coalesce($3, provider_ref), failure_reason = $4, completed_at = now() where id = $1`,
    [id, status, fields.providerRef ?? null, fields.failureReason ?? null],
  );
}
