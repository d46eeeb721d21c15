// Every change of a payment's status, each with the event it causes, written in the caller's
// transaction on a row the caller has locked. Each one checks the status it starts from, so a late
// or repeated answer (a webhook after our own call, a retried call) changes nothing.
import { uuidv7 } from '../../../platform/ids.ts';
import type { EventDef, PayloadOf } from '../../../platform/bus/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { Currency } from '../../pricing/contract.ts';
import {
  PaymentActionRequired,
  PaymentAuthorized,
  PaymentCaptured,
  PaymentFailed,
  PaymentRefunded,
} from '../contract.ts';
import type { Release } from '../domain/payment-state.ts';
import { updatePayment, type PaymentRow } from '../entities/payments.ts';
import { insertRefund } from '../entities/refunds.ts';
import type { PaymentRuntime } from '../runtime.ts';
import { businessMetrics } from '../../../platform/observability/business-metrics.ts';

export type Publish = <E extends EventDef>(event: E, payload: PayloadOf<E>) => Promise<unknown>;

/** A transaction working on one payment: its entity manager and how it publishes. */
export interface PaymentTx {
  em: EntityManager;
  rt: PaymentRuntime;
  publish: Publish;
}

/** A transaction of our own on a payment, publishing in the checkout's trace. */
export const paymentTx = (em: EntityManager, rt: PaymentRuntime, p: Pick<PaymentRow, 'correlationId'>): PaymentTx => ({
  em,
  rt,
  publish: (event, payload) => rt.publish(em, event, payload, p.correlationId),
});

export const currencyOf = (p: PaymentRow) => p.currency as Currency;
const now = () => new Date();

/** From pending; answers the payment as it now stands (null when it was not pending). */
export async function markAuthorized(
  { em, rt, publish }: PaymentTx,
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
    currency: currencyOf(p),
  });
  return { ...p, ...changes };
}

/** Money taken: from pending (the provider captured at once) or from authorized. */
export async function markCaptured(tx: PaymentTx, p: PaymentRow, ref: string | null): Promise<boolean> {
  if (p.status === 'pending') await markAuthorized(tx, p, ref);
  else if (p.status !== 'authorized') return false;
  const { em, publish } = tx;
  await updatePayment(em, p.id, {
    status: 'captured',
    capturedAmount: p.amount,
    capturedAt: now(),
    providerRef: p.providerRef ?? ref,
  });
  await publish(PaymentCaptured, { orderId: p.orderId, paymentId: p.id, amount: p.amount, currency: currencyOf(p) });
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
  { em, publish }: PaymentTx,
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
  businessMetrics.paymentFailed(p.provider);
  return true;
}

/** An authorization let go (or a pending payment given up): money never moved, so amount 0. */
export async function markVoided({ em, publish }: PaymentTx, p: PaymentRow): Promise<boolean> {
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
    currency: currencyOf(p),
    voided: true,
  });
  return true;
}

export async function markActionRequired(
  { em, publish }: PaymentTx,
  p: PaymentRow,
  ref: string,
  clientSecret: string,
): Promise<boolean> {
  if (p.status !== 'pending' || p.providerRef !== null) return false;
  await updatePayment(em, p.id, { providerRef: ref });
  await publish(PaymentActionRequired, { orderId: p.orderId, paymentId: p.id, provider: p.provider, clientSecret });
  return true;
}

/** The provider holds money for a payment we gave up on: let it go (the next provider call does). */
export async function requireRelease(
  { em }: PaymentTx,
  p: PaymentRow,
  how: Release,
  ref: string | null,
): Promise<boolean> {
  if (p.status !== 'failed' && p.status !== 'voided') return false;
  if (p.releaseRequired === 'refund' || p.releaseRequired === how) return false;
  await updatePayment(em, p.id, { releaseRequired: how, providerRef: p.providerRef ?? ref });
  return true;
}
