import { ProviderRefused, type AuthorizationResult, type PaymentProvider } from '../adapters/payment-provider.ts';
import type { NextAction } from '../domain/payment-state.ts';
import { providerCallKeys as keys } from '../domain/provider-call-keys.ts';
import { findPayment, updatePayment, type PaymentRow } from '../entities/payments.ts';
import { findRefund, type RefundRow } from '../entities/refunds.ts';
import type { PaymentRuntime } from '../runtime.ts';
import { markCaptured, markFailed, markVoided } from './payment-transitions.ts';
import { recordAuthorization } from './record-authorization.ts';
import { refundFailed, refundSucceeded } from './record-refund-outcome.ts';
import { unscheduleAuthorizationCheck } from './schedule-provider-call-due.ts';
import { flagForStaff, withLockedPayment } from './with-locked-payment.ts';

/**
 * One owed call, then its answer recorded. A `ProviderRefused` is recorded; any other error
 * propagates (the call is made again later). True when the payment is known to owe nothing more
 * (the caller can stop without reading it again).
 */
export async function makeProviderCall(
  rt: PaymentRuntime,
  provider: PaymentProvider,
  p: PaymentRow,
  action: NextAction<RefundRow>,
): Promise<boolean> {
  switch (action.kind) {
    case 'authorize':
      return authorize(rt, provider, p);
    case 'capture':
      try {
        if (p.amount > 0)
          await provider.capture({ ref: p.providerRef, amount: p.amount, idempotencyKey: keys.capture(p) });
      } catch (err) {
        if (!(err instanceof ProviderRefused)) throw err;
        await withLockedPayment(rt, p.id, (tx, fresh) =>
          fresh.status === 'authorized'
            ? markFailed(tx, fresh, `capture_refused: ${err.code}`)
            : Promise.resolve(false),
        );
        return false;
      }
      await withLockedPayment(rt, p.id, (tx, fresh) => markCaptured(tx, fresh, null));
      return false;
    case 'void':
      try {
        await provider.void({ ref: p.providerRef, idempotencyKey: keys.void(p) });
      } catch (err) {
        if (!(err instanceof ProviderRefused)) throw err;
        await flagForStaff(rt, p.id, `void refused: ${err.code}: ${err.message}`);
        return false;
      }
      await withLockedPayment(rt, p.id, (tx, fresh) => markVoided(tx, fresh));
      return false;
    case 'refund':
      await refund(rt, provider, p, action.refund);
      return false;
    case 'release':
      await release(rt, provider, p, action.how);
      return false;
  }
}

async function authorize(rt: PaymentRuntime, provider: PaymentProvider, p: PaymentRow): Promise<boolean> {
  const result: AuthorizationResult =
    p.amount === 0
      ? { kind: 'authorized', ref: null } // nothing to charge (a free order): no provider call
      : await provider.authorize({
          paymentId: p.id,
          orderId: p.orderId,
          idempotencyKey: keys.authorize(p),
          amount: p.amount,
          currency: p.currency,
          token: p.token,
          captureMethod: rt.platform.config.PAYMENT_CAPTURE === 'immediate' ? 'automatic' : 'manual',
        });
  let owesNothing = false;
  const changed = await withLockedPayment(rt, p.id, async (tx, fresh) => {
    const recorded = await recordAuthorization(tx, fresh, result);
    // The usual answer: authorized, and nothing more owed. The authorization's safety net is
    // dropped in this same commit and the calls end here, without reading the payment again.
    if (recorded.owesNothing) {
      await unscheduleAuthorizationCheck(rt, p.id, tx.em);
      owesNothing = true;
    }
    return recorded.changed;
  });
  if (!changed) await flagAnswerWithoutReference(rt, p.id);
  return owesNothing;
}

async function refund(rt: PaymentRuntime, provider: PaymentProvider, p: PaymentRow, refund: RefundRow) {
  let ref: string | null;
  try {
    ({ ref } = await provider.refund({
      ref: p.providerRef,
      amount: refund.amount,
      idempotencyKey: keys.refund(refund),
      paymentId: p.id,
      refundId: refund.id,
    }));
  } catch (err) {
    if (!(err instanceof ProviderRefused)) throw err;
    await withLockedPayment(rt, p.id, async (tx, fresh) => {
      const current = await findRefund(tx.em, refund.id, true);
      return current ? refundFailed(tx, fresh, current, err.code, err.message) : false;
    });
    return;
  }
  await withLockedPayment(rt, p.id, async (tx, fresh) => {
    const current = await findRefund(tx.em, refund.id, true);
    return current ? refundSucceeded(tx, fresh, current, ref) : false;
  });
}

/** Lets go of money the provider holds for a payment we gave up on. */
async function release(rt: PaymentRuntime, provider: PaymentProvider, p: PaymentRow, how: 'void' | 'refund') {
  try {
    if (how === 'void') await provider.void({ ref: p.providerRef, idempotencyKey: keys.release(p) });
    else
      await provider.refund({
        ref: p.providerRef,
        amount: p.amount,
        idempotencyKey: keys.release(p),
        paymentId: p.id,
        refundId: keys.release(p),
      });
  } catch (err) {
    if (!(err instanceof ProviderRefused)) throw err;
    await flagForStaff(rt, p.id, `release (${how}) refused: ${err.code}: ${err.message}`);
    return;
  }
  await withLockedPayment(rt, p.id, async (tx, fresh) => {
    await updatePayment(tx.em, fresh.id, { releaseRequired: null });
    return true;
  });
  rt.log.info({ paymentId: p.id, how }, 'released money the provider held for a payment we gave up on');
}

/**
 * An authorization answer that changed nothing (a webhook recorded it first) leaves the payment
 * pending without a provider reference only if the provider gave none, which it should not: mark it
 * for staff rather than ask again in a loop.
 */
async function flagAnswerWithoutReference(rt: PaymentRuntime, id: string): Promise<void> {
  const p = await findPayment(rt.platform.orm.em.fork(), id);
  if (p && p.status === 'pending' && p.providerRef === null)
    await flagForStaff(rt, id, 'the provider answered without a reference');
}
