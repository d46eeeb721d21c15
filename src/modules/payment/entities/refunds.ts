// The refunds' typed data access: reads in typed SQL, writes through the Refund entity.
import type { EntityManager } from '../../../platform/db/index.ts';
import { query } from '../../../platform/db/index.ts';
import type { RefundOrigin, RefundStatus } from '../domain/payment-state.ts';
import { selectList } from './payments.ts';
import { Refund } from './refund.entity.ts';

export interface RefundRow {
  id: string;
  paymentId: string;
  amount: number;
  currency: string;
  status: RefundStatus;
  origin: RefundOrigin;
  reason: string | null;
  failureReason: string | null;
  providerRef: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

const REFUND = selectList({
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
} satisfies Record<keyof RefundRow, string>);

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

export type NewRefund = Pick<RefundRow, 'id' | 'paymentId' | 'amount' | 'currency' | 'status' | 'origin'> &
  Partial<Pick<RefundRow, 'reason' | 'failureReason' | 'providerRef'>> & { requestEventId?: string | null };

/** A refund that is not pending is complete as it is written. */
export async function insertRefund(em: EntityManager, { paymentId, ...refund }: NewRefund): Promise<void> {
  await em.insert(Refund, {
    ...refund,
    payment: paymentId,
    completedAt: refund.status === 'pending' ? null : new Date(),
  });
}

/** Completes a pending refund; a provider reference already known is kept when none is given. */
export async function completeRefund(
  em: EntityManager,
  id: string,
  status: 'succeeded' | 'failed',
  fields: { providerRef?: string | null; failureReason?: string | null },
): Promise<void> {
  await em.nativeUpdate(
    Refund,
    { id },
    {
      status,
      ...(fields.providerRef ? { providerRef: fields.providerRef } : {}),
      failureReason: fields.failureReason ?? null,
      completedAt: new Date(),
    },
  );
}
