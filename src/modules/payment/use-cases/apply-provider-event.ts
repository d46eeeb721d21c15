import type { ProviderEvent } from '../adapters/payment-provider.ts';
import type { ProviderName } from '../domain/payment-state.ts';
import { findPayment, paymentByRef, updatePayment, type PaymentRow } from '../entities/payments.ts';
import { recordProviderEvent, setProviderEventOutcome } from '../entities/provider-events.ts';
import type { PaymentRuntime } from '../runtime.ts';
import { startProviderCalls } from './make-provider-calls.ts';
import {
  markAuthorized,
  markCaptured,
  markFailed,
  markVoided,
  paymentTx,
  requireRelease,
  type PaymentTx,
} from './payment-transitions.ts';
import { recordProviderRefunds } from './record-refund-outcome.ts';

export interface ProviderEventOutcome {
  duplicate: boolean;
  paymentId: string | null;
  applied: boolean;
}

/**
 * Applies a verified provider event, once: its id goes into the provider-event inbox in the same
 * transaction as the payment's change and the events that change publishes. A duplicate id does
 * nothing; an event that would move the payment backwards (failed after succeeded, authorized
 * after captured) is recorded as `ignored`.
 */
export async function applyProviderEvent(
  rt: PaymentRuntime,
  provider: ProviderName,
  event: ProviderEvent,
): Promise<ProviderEventOutcome> {
  const key = { provider, eventId: event.id };
  const outcome = await rt.transaction(async (em): Promise<ProviderEventOutcome> => {
    if (!(await recordProviderEvent(em, { ...key, type: event.type })))
      return { duplicate: true, paymentId: null, applied: false };
    if (event.kind === 'other') return { duplicate: false, paymentId: null, applied: false };

    // By the provider's reference; by the id we put in its metadata when the webhook beat our own
    // record of the provider's answer.
    let p = event.ref ? await paymentByRef(em, provider, event.ref, true) : null;
    if (!p && event.paymentId) {
      p = await findPayment(em, event.paymentId, true);
      if (p && (p.provider !== provider || (p.providerRef && event.ref && p.providerRef !== event.ref))) p = null;
    }
    if (!p) {
      await setProviderEventOutcome(em, key, 'unknown_payment');
      return { duplicate: false, paymentId: null, applied: false };
    }
    if (!p.providerRef && event.ref) {
      await updatePayment(em, p.id, { providerRef: event.ref });
      p = { ...p, providerRef: event.ref };
    }
    const applied = await applyToPayment(paymentTx(em, rt, p), p, event);
    await setProviderEventOutcome(em, key, applied ? 'applied' : 'ignored', p.id);
    return { duplicate: false, paymentId: p.id, applied };
  });
  // A change may leave a provider call owed (a capture, a release): make it now.
  if (outcome.applied && outcome.paymentId) startProviderCalls(rt, outcome.paymentId);
  return outcome;
}

/** What the event means for the payment; false when it changes nothing (late, repeated, backwards). */
async function applyToPayment(tx: PaymentTx, p: PaymentRow, event: ProviderEvent): Promise<boolean> {
  switch (event.kind) {
    case 'authorized':
      if (p.status === 'pending') return !!(await markAuthorized(tx, p, event.ref));
      return requireRelease(tx, p, 'void', event.ref); // only acts on a failed or voided payment
    case 'captured':
      if (p.status === 'pending' || p.status === 'authorized') return markCaptured(tx, p, event.ref);
      return requireRelease(tx, p, 'refund', event.ref);
    case 'failed':
      return p.status === 'pending' ? markFailed(tx, p, event.reason ?? 'payment_failed', event.ref) : false;
    case 'canceled':
      if (p.status === 'pending') return markFailed(tx, p, `canceled: ${event.reason ?? 'canceled'}`, event.ref);
      if (p.status === 'authorized') return markVoided(tx, p); // ours, or an authorization that expired
      if (p.releaseRequired === 'void') {
        await updatePayment(tx.em, p.id, { releaseRequired: null }); // the release we asked for
        return true;
      }
      return false;
    case 'refunded':
      return event.amountRefunded === undefined ? false : recordProviderRefunds(tx, p, event.amountRefunded);
    default:
      return false;
  }
}
