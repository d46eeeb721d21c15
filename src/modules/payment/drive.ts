// Makes the provider calls a payment still owes (state.ts `nextAction`), one at a time, in the
// background: read the payment, call the provider with NO transaction open, then record the answer
// (and its events) in a new transaction that re-reads the row under a lock. A crash anywhere in
// between leaves the owed call visible in the database, and the re-drive task makes it again; the
// provider's idempotency keys turn a repeated call into the first one's answer.
import { findPayment, findRefund, pendingRefunds, updatePayment, type PaymentRow } from './store.ts';
import { keys, nextAction, type NextAction } from './state.ts';
import { ProviderRefused, type AuthorizationResult, type PaymentProvider } from './providers/provider.ts';
import type { PaymentRuntime } from './runtime.ts';
import { ProviderCallDue, redriveKey } from './redrive.ts';
import {
  markCaptured,
  markFailed,
  markVoided,
  recordAuthorization,
  refundFailed,
  refundSucceeded,
  txFor,
} from './transitions.ts';

/** At most this many calls per drive; a payment never owes more (authorize, capture, refunds...). */
const MAX_STEPS = 20;

/** Drives the payment in the background (once per payment at a time; a second kick runs it again after). */
export function kick(rt: PaymentRuntime, paymentId: string): void {
  rt.spawn(paymentId, () => drive(rt, paymentId));
}

export async function drive(rt: PaymentRuntime, paymentId: string): Promise<void> {
  let authorized = false;
  for (let step = 0; step < MAX_STEPS; step++) {
    const em = rt.platform.orm.em.fork();
    const p = await findPayment(em, paymentId);
    if (!p) return;
    // Only a captured payment can owe a refund: the authorization path skips that read.
    const refunds =
      p.status === 'captured' || p.status === 'partially_refunded' ? await pendingRefunds(em, paymentId) : [];
    const action = nextAction(p, refunds);
    if (!action) {
      // The authorization's safety net has nothing left to do: drop it rather than let it fire for nothing.
      if (authorized) await rt.platform.bus.unschedule(ProviderCallDue, redriveKey(paymentId, 'authorize', 1));
      return;
    }
    if (action.kind === 'authorize') authorized = true;
    const provider = rt.providerFor(p.provider);
    if ('unavailable' in provider) {
      await onLocked(rt, p.id, async (tx, fresh) => {
        if (action.kind === 'authorize') return markFailed(tx, fresh, 'provider_unavailable');
        await updatePayment(tx.em, fresh.id, { needsAttention: `cannot ${action.kind}: ${provider.unavailable}` });
        return true;
      });
      continue;
    }
    if (await perform(rt, provider, p, action)) return;
  }
  rt.log.error({ paymentId }, 'payment still owes provider calls after many steps; stopping');
}

/** Runs `fn` in a new transaction on the freshly locked payment. */
async function onLocked(
  rt: PaymentRuntime,
  id: string,
  fn: (tx: ReturnType<typeof txFor>, p: PaymentRow) => Promise<boolean>,
): Promise<boolean> {
  return rt.transaction(async (em) => {
    const p = await findPayment(em, id, true);
    return p ? fn(txFor(em, rt, p), p) : false;
  });
}

/**
 * One owed call. A `ProviderRefused` is recorded; any other error propagates (tried again later).
 * True when the payment is known to owe nothing more (the drive can stop without reading it again).
 */
async function perform(
  rt: PaymentRuntime,
  provider: PaymentProvider,
  p: PaymentRow,
  action: NextAction,
): Promise<boolean | void> {
  switch (action.kind) {
    case 'authorize': {
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
      let settled = false;
      const changed = await onLocked(rt, p.id, async (tx, fresh) => {
        const { changed, owesNothing } = await recordAuthorization(tx, fresh, result);
        // The usual answer: authorized, and nothing more owed. The authorization's safety net is
        // dropped in this same commit and the drive ends here, without reading the payment again.
        if (owesNothing) {
          await rt.platform.bus.unschedule(ProviderCallDue, redriveKey(p.id, 'authorize', 1), tx.em);
          settled = true;
        }
        return changed;
      });
      if (!changed) await settleUnchanged(rt, p.id);
      return settled;
    }
    case 'capture':
      try {
        if (p.amount > 0)
          await provider.capture({ ref: p.providerRef, amount: p.amount, idempotencyKey: keys.capture(p) });
      } catch (err) {
        if (!(err instanceof ProviderRefused)) throw err;
        await onLocked(rt, p.id, (tx, fresh) =>
          fresh.status === 'authorized'
            ? markFailed(tx, fresh, `capture_refused: ${err.code}`)
            : Promise.resolve(false),
        );
        return;
      }
      await onLocked(rt, p.id, (tx, fresh) => markCaptured(tx, fresh, null));
      return;
    case 'void':
      try {
        await provider.void({ ref: p.providerRef, idempotencyKey: keys.void(p) });
      } catch (err) {
        if (!(err instanceof ProviderRefused)) throw err;
        await attention(rt, p.id, `void refused: ${err.code}: ${err.message}`);
        return;
      }
      await onLocked(rt, p.id, (tx, fresh) => markVoided(tx, fresh));
      return;
    case 'refund': {
      const refund = action.refund;
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
        await onLocked(rt, p.id, async (tx, fresh) => {
          const current = await findRefund(tx.em, refund.id, true);
          return current ? refundFailed(tx, fresh, current, err.code, err.message) : false;
        });
        return;
      }
      await onLocked(rt, p.id, async (tx, fresh) => {
        const current = await findRefund(tx.em, refund.id, true);
        return current ? refundSucceeded(tx, fresh, current, ref) : false;
      });
      return;
    }
    case 'release':
      try {
        if (action.how === 'void') await provider.void({ ref: p.providerRef, idempotencyKey: keys.release(p) });
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
        await attention(rt, p.id, `release (${action.how}) refused: ${err.code}: ${err.message}`);
        return;
      }
      await onLocked(rt, p.id, async (tx, fresh) => {
        await updatePayment(tx.em, fresh.id, { releaseRequired: null });
        return true;
      });
      rt.log.info({ paymentId: p.id, how: action.how }, 'released money the provider held for a payment we gave up on');
  }
}

async function attention(rt: PaymentRuntime, id: string, reason: string): Promise<void> {
  rt.log.error({ paymentId: id, reason }, 'payment needs attention');
  await onLocked(rt, id, async (tx, p) => {
    await updatePayment(tx.em, p.id, { needsAttention: reason });
    return true;
  });
}

/**
 * An authorization answer that changed nothing (a webhook recorded it first) leaves the payment
 * pending without a provider reference only if the provider gave none, which it should not: mark it
 * for staff rather than ask again in a loop.
 */
async function settleUnchanged(rt: PaymentRuntime, id: string): Promise<void> {
  const p = await findPayment(rt.platform.orm.em.fork(), id);
  if (p && p.status === 'pending' && p.providerRef === null)
    await attention(rt, id, 'the provider answered without a reference');
}
