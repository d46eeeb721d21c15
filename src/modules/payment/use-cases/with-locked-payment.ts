import { findPayment, updatePayment, type PaymentRow } from '../entities/payments.ts';
import type { PaymentRuntime } from '../runtime.ts';
import { paymentTx, type PaymentTx } from './payment-transitions.ts';

/** Runs `fn` in a new transaction on the freshly locked payment. */
export async function withLockedPayment(
  rt: PaymentRuntime,
  id: string,
  fn: (tx: PaymentTx, p: PaymentRow) => Promise<boolean>,
): Promise<boolean> {
  return rt.transaction(async (em) => {
    const p = await findPayment(em, id, true);
    return p ? fn(paymentTx(em, rt, p), p) : false;
  });
}

/** A refusal we cannot settle alone: no automatic step runs for the payment until staff look. */
export async function flagForStaff(rt: PaymentRuntime, id: string, reason: string): Promise<void> {
  rt.log.error({ paymentId: id, reason }, 'payment needs attention');
  await withLockedPayment(rt, id, async (tx, p) => {
    await updatePayment(tx.em, p.id, { needsAttention: reason });
    return true;
  });
}
