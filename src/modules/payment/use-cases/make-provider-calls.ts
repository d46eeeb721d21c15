// Makes the provider calls a payment still owes (domain `nextAction`), one at a time, in the
// background: read the payment, call the provider with NO transaction open, then record the answer
// (and its events) in a new transaction that re-reads the row under a lock. A crash anywhere in
// between leaves the owed call visible in the database, and the ProviderCallDue task makes it again;
// the provider's idempotency keys turn a repeated call into the first one's answer.
import { nextAction } from '../domain/payment-state.ts';
import { findPayment, updatePayment } from '../entities/payments.ts';
import { pendingRefunds } from '../entities/refunds.ts';
import type { PaymentRuntime } from '../runtime.ts';
import { makeProviderCall } from './make-provider-call.ts';
import { markFailed } from './payment-transitions.ts';
import { unscheduleAuthorizationCheck } from './schedule-provider-call-due.ts';
import { withLockedPayment } from './with-locked-payment.ts';

/** At most this many calls in one go; a payment never owes more (authorize, capture, refunds...). */
const MAX_CALLS = 20;

/** Makes the owed calls in the background (one run per payment at a time; asking again runs it once more after). */
export function startProviderCalls(rt: PaymentRuntime, paymentId: string): void {
  rt.runInBackground(paymentId, () => makeOwedProviderCalls(rt, paymentId));
}

export async function makeOwedProviderCalls(rt: PaymentRuntime, paymentId: string): Promise<void> {
  let authorized = false;
  for (let call = 0; call < MAX_CALLS; call++) {
    const em = rt.platform.orm.em.fork();
    const p = await findPayment(em, paymentId);
    if (!p) return;
    // Only a captured payment can owe a refund: the authorization path skips that read.
    const refunds =
      p.status === 'captured' || p.status === 'partially_refunded' ? await pendingRefunds(em, paymentId) : [];
    const action = nextAction(p, refunds);
    if (!action) {
      // The authorization's safety net has nothing left to do: drop it rather than let it fire for nothing.
      if (authorized) await unscheduleAuthorizationCheck(rt, paymentId);
      return;
    }
    if (action.kind === 'authorize') authorized = true;
    const provider = rt.providers.providerFor(p.provider);
    if ('unavailable' in provider) {
      await withLockedPayment(rt, p.id, async (tx, fresh) => {
        if (action.kind === 'authorize') return markFailed(tx, fresh, 'provider_unavailable');
        await updatePayment(tx.em, fresh.id, { needsAttention: `cannot ${action.kind}: ${provider.unavailable}` });
        return true;
      });
      continue;
    }
    if (await makeProviderCall(rt, provider, p, action)) return;
  }
  rt.log.error({ paymentId }, 'payment still owes provider calls after many calls; stopping');
}
