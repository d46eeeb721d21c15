import { query } from '../../platform/db/index.ts';
import { kick } from './drive.ts';
import type { ProviderName } from './entities.ts';
import type { ProviderEvent } from './providers/provider.ts';
import type { PaymentRuntime } from './runtime.ts';
import { findPayment, paymentByRef, updatePayment, UUID, type PaymentRow } from './store.ts';
import {
  markAuthorized,
  markCaptured,
  markFailed,
  markVoided,
  recordProviderRefunds,
  requireRelease,
  txFor,
  type Tx,
} from './transitions.ts';

export interface WebhookOutcome {
  duplicate: boolean;
  paymentId: string | null;
  applied: boolean;
}

/**
 * Applies a verified provider event, once: its id goes into `payment.provider_events` in the same
 * transaction as the payment's change and the events that change publishes. A duplicate id does
 * nothing; an event that would move the payment backwards (failed after succeeded, authorized
 * after captured) is recorded as `ignored`.
 */
export async function applyProviderEvent(
  rt: PaymentRuntime,
  provider: ProviderName,
  event: ProviderEvent,
): Promise<WebhookOutcome> {
  const outcome = await rt.transaction(async (em): Promise<WebhookOutcome> => {
    const fresh = await query(
      em,
      `insert into payment.provider_events (provider, event_id, type, outcome) values ($1, $2, $3, 'ignored')
       on conflict do nothing returning event_id`,
      [provider, event.id, event.type],
    );
    if (!fresh.length) return { duplicate: true, paymentId: null, applied: false };
    if (event.kind === 'other') return { duplicate: false, paymentId: null, applied: false };

    // By the provider's reference; by the id we put in its metadata when the webhook beat our own
    // record of the provider's answer.
    let p = event.ref ? await paymentByRef(em, provider, event.ref, true) : null;
    if (!p && event.paymentId && UUID.test(event.paymentId)) {
      p = await findPayment(em, event.paymentId, true);
      if (p && (p.provider !== provider || (p.providerRef && event.ref && p.providerRef !== event.ref))) p = null;
    }
    if (!p) {
      await query(
        em,
        `update payment.provider_events set outcome = 'unknown_payment' where provider = $1 and event_id = $2`,
        [provider, event.id],
      );
      return { duplicate: false, paymentId: null, applied: false };
    }
    if (!p.providerRef && event.ref) {
      await updatePayment(em, p.id, { providerRef: event.ref });
      p = { ...p, providerRef: event.ref };
    }
    const applied = await apply(txFor(em, rt, p), p, event);
    await query(
      em,
      `update payment.provider_events set payment_id = $3, outcome = $4 where provider = $1 and event_id = $2`,
      [provider, event.id, p.id, applied ? 'applied' : 'ignored'],
    );
    return { duplicate: false, paymentId: p.id, applied };
  });
  // A change may leave a provider call owed (a capture, a release): make it now.
  if (outcome.applied && outcome.paymentId) kick(rt, outcome.paymentId);
  return outcome;
}

async function apply(tx: Tx, p: PaymentRow, event: ProviderEvent): Promise<boolean> {
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
