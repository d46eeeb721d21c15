import type { EntityManager } from '../../../platform/db/index.ts';
import type { PaymentStatus } from '../domain/payment-state.ts';
import { findPayments, type PaymentRow } from '../entities/payments.ts';
import { refundsOf, type RefundRow } from '../entities/refunds.ts';

/** Payments newest first, a keyset page at a time, each with its refunds. */
export async function listPayments(
  em: EntityManager,
  q: { orderId?: string; status?: PaymentStatus; limit: number; cursor?: string },
): Promise<{ payments: PaymentRow[]; refunds: RefundRow[]; nextCursor: string | null }> {
  const rows = await findPayments(em, q);
  const payments = rows.slice(0, q.limit);
  const refunds = await refundsOf(
    em,
    payments.map((p) => p.id),
  );
  return { payments, refunds, nextCursor: rows.length > q.limit ? payments[payments.length - 1].id : null };
}
