import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { findPayment, type PaymentRow } from '../entities/payments.ts';
import { refundsOf, type RefundRow } from '../entities/refunds.ts';

/** One payment with its refunds. */
export async function getPayment(
  em: EntityManager,
  id: string,
): Promise<{ payment: PaymentRow; refunds: RefundRow[] }> {
  const payment = await findPayment(em, id);
  if (!payment) throw new NotFound('Payment');
  return { payment, refunds: await refundsOf(em, [payment.id]) };
}
