// Every change of a payment's status, each with the event it causes, written in the caller's
// transaction on a row the caller has locked. Each one checks the status it starts from, so a late
// or repeated answer (a webhook after our own call, a re-driven call) changes nothing.
import { uuidv7 } from '../../platform/ids.ts';
import type { EventDef, PayloadOf } from '../../platform/bus/index.ts';
import type { EntityManager } from '../../platform/db/index.ts';
import {
  PaymentActionRequired,
  PaymentAuthorized,
  PaymentCaptured,
  PaymentFailed,
  PaymentRefunded,
  PaymentRefundFailed,
} from './contract.ts';
import type { Currency } from '../pricing/contract.ts';
import type { AuthorizationResult } from './providers/provider.ts';
import type { PaymentRuntime } from './runtime.ts';
import { nextAction, refundable, statusAfterRefund } from './state.ts';
import {
  insertRefund,
  pendingRefunds,
  updatePayment,
  completeRefund,
  type PaymentRow,
  type RefundRow,
} from './store.ts';

export type Publish = <E extends EventDef>(event: E, payload: PayloadOf<E>) => Promise<unknown>;

export interface Tx {
  em: EntityManager;
  rt: PaymentRuntime;
  publish: Publish;
}

/** A transaction of our own on a payment, publishing in the checkout's trace. */
export const txFor = (em: EntityManager, rt: PaymentRuntime, p: Pick<PaymentRow, 'correlationId'>): Tx => ({
  em,
  rt,
  publish: (event, payload) => rt.publish(em, event, payload, p.correlationId),
});

const currency = (p: PaymentRow) => p.currency as Currency;
const now = () => new Date();

/** From pending; answers the payment as it now stands (null when it was not pending). */
export async function markAuthorized(
  { em, rt, publish }: Tx,
  p: PaymentRow,
  ref: string | null,
): Promise<PaymentRow | null> {
  if (p.status !== 'pending') return null;
  const immediate = rt.platform.config.PAYMENT_CAPTURE === 'immediate';
  const changes = {
    status: 'authorized' as const,
    providerRef: p.providerRef ?? ref,
    authorizedAt: now(),
    ...(immediate && !p.captureRequestedAt ? { captureRequestedAt: now() } : {}),
  };
  await updatePayment(em, p.id, changes);
  await publish(PaymentAuthorized, {
    orderId: p.orderId,
    paymentId: p.id,
    provider: p.provider,
    amount: p.amount,
    currency: currency(p),
  });
  return { ...p, ...changes };
}

/** Money taken: from pending (the provider captured at once) or from authorized. */
export async function markCaptured(tx: Tx, p: PaymentRow, ref: string | null): Promise<boolean> {
  if (p.status === 'pending') await markAuthorized(tx, p, ref);
  else if (p.status !== 'authorized') return false;
  const { em, publish } = tx;
  await updatePayment(em, p.id, {
    status: 'captured',
    capturedAmount: p.amount,
    capturedAt: now(),
    providerRef: p.providerRef ?? ref,
  });
  await publish(PaymentCaptured, { orderId: p.orderId, paymentId: p.id, amount: p.amount, currency: currency(p) });
  // The order was canceled while the capture was under way: give it all back.
  if (p.cancelRequestedAt && p.amount > 0) {
    await insertRefund(em, {
      id: uuidv7(),
      paymentId: p.id,
      amount: p.amount,
      currency: p.currency,
      status: 'pending',
      origin: 'cancel',
      reason: 'order canceled during capture',
    });
  }
  return true;
}

export async function markFailed(
  { em, publish }: Tx,
  p: PaymentRow,
  reason: string,
  ref: string | null = null,
): Promise<boolean> {
  if (p.status !== 'pending' && p.status !== 'authorized') return false;
  await updatePayment(em, p.id, {
    status: 'failed',
    failureReason: reason,
    failedAt: now(),
    providerRef: p.providerRef ?? ref,
  });
  await publish(PaymentFailed, { orderId: p.orderId, paymentId: p.id, provider: p.provider, reason });
  return true;
}

/** An authorization let go (or a pending payment given up): money never moved, so amount 0. */
export async function markVoided({ em, publish }: Tx, p: PaymentRow): Promise<boolean> {
  if (p.status !== 'pending' && p.status !== 'authorized') return false;
  await updatePayment(em, p.id, {
    status: 'voided',
    canceledAt: now(),
    cancelRequestedAt: p.cancelRequestedAt ?? now(),
  });
  await publish(PaymentRefunded, {
    orderId: p.orderId,
    paymentId: p.id,
    amount: 0,
    currency: currency(p),
    voided: true,
  });
  return true;
}

export async function markActionRequired(
  { em, publish }: Tx,
  p: PaymentRow,
  ref: string,
  clientSecret: string,
): Promise<boolean> {
  if (p.status !== 'pending' || p.providerRef !== null) return false;
  await updatePayment(em, p.id, { providerRef: ref });
  await publish(PaymentActionRequired, { orderId: p.orderId, paymentId: p.id, provider: p.provider, clientSecret });
  return true;
}

/** The provider holds money for a payment we gave up on: let it go (the next drive does). */
export async function requireRelease(
  { em }: Tx,
  p: PaymentRow,
  how: 'void' | 'refund',
  ref: string | null,
): Promise<boolean> {
  if (p.status !== 'failed' && p.status !== 'voided') return false;
  if (p.releaseRequired === 'refund' || p.releaseRequired === how) return false;
  await updatePayment(em, p.id, { releaseRequired: how, providerRef: p.providerRef ?? ref });
  return true;
}

/**
 * Records what an authorization call came to: whether that changed the payment, and whether the
 * payment now owes the provider nothing more (authorized, with no capture at once and no cancel
 * asked for meanwhile: the usual answer, on which the drive stops).
 */
export async function recordAuthorization(
  tx: Tx,
  p: PaymentRow,
  result: AuthorizationResult,
): Promise<{ changed: boolean; owesNothing: boolean }> {
  const changed = (yes: boolean) => ({ changed: yes, owesNothing: false });
  if (p.status === 'failed' || p.status === 'voided') {
    // Given up while the call was under way (the order was canceled): undo what the provider did.
    if (result.kind === 'captured') return changed(await requireRelease(tx, p, 'refund', result.ref));
    if (result.kind !== 'failed') return changed(await requireRelease(tx, p, 'void', result.ref));
    return changed(false);
  }
  switch (result.kind) {
    case 'authorized': {
      const after = await markAuthorized(tx, p, result.ref);
      return { changed: !!after, owesNothing: !!after && !nextAction(after, []) };
    }
    case 'captured':
      return changed(await markCaptured(tx, p, result.ref));
    case 'failed':
      return changed(p.status === 'pending' ? await markFailed(tx, p, result.reason, result.ref) : false);
    case 'action_required':
      return changed(await markActionRequired(tx, p, result.ref, result.clientSecret));
    case 'processing':
      if (p.status !== 'pending' || p.providerRef) return changed(false);
      await updatePayment(tx.em, p.id, { providerRef: result.ref });
      return changed(true);
  }
}

export async function refundSucceeded(
  { em, publish }: Tx,
  p: PaymentRow,
  refund: RefundRow,
  providerRef: string | null,
): Promise<boolean> {
  if (refund.status !== 'pending') return false;
  await completeRefund(em, refund.id, 'succeeded', { providerRef });
  await updatePayment(em, p.id, statusAfterRefund(p, refund.amount));
  await publish(PaymentRefunded, {
    orderId: p.orderId,
    paymentId: p.id,
    amount: refund.amount,
    currency: currency(p),
    voided: false,
  });
  return true;
}

export async function refundFailed(
  { em, publish }: Tx,
  p: PaymentRow,
  refund: RefundRow,
  code: string,
  detail: string,
): Promise<boolean> {
  if (refund.status !== 'pending') return false;
  await completeRefund(em, refund.id, 'failed', { failureReason: `${code}: ${detail}` });
  if (refund.origin === 'request') {
    await publish(PaymentRefundFailed, {
      orderId: p.orderId,
      paymentId: p.id,
      amount: refund.amount,
      currency: currency(p),
      reason: 'provider_refused',
      detail,
    });
  } else {
    // A cancellation's refund refused by the provider: money a canceled order still holds.
    await updatePayment(em, p.id, { needsAttention: `refund of ${refund.amount} refused: ${code}: ${detail}` });
  }
  return true;
}

/** The provider reports more refunded than we know of (a refund made in its dashboard): record it. */
export async function recordProviderRefunds(
  { em, publish }: Tx,
  p: PaymentRow,
  amountRefunded: number,
): Promise<boolean> {
  if (p.status !== 'captured' && p.status !== 'partially_refunded') return false;
  const known = p.capturedAmount - refundable(p, await pendingRefunds(em, p.id));
  const extra = Math.min(amountRefunded - known, p.capturedAmount - p.refundedAmount);
  if (extra <= 0) return false;
  await insertRefund(em, {
    id: uuidv7(),
    paymentId: p.id,
    amount: extra,
    currency: p.currency,
    status: 'succeeded',
    origin: 'provider',
    reason: 'refunded at the provider',
  });
  await updatePayment(em, p.id, statusAfterRefund(p, extra));
  await publish(PaymentRefunded, {
    orderId: p.orderId,
    paymentId: p.id,
    amount: extra,
    currency: currency(p),
    voided: false,
  });
  return true;
}
