// The safety net under every provider call. Each use case that makes the payment owe a call
// schedules this task in its own transaction; if the background call did its work, the task finds
// nothing owed and stops. If the process died between commit and call (or the provider was down),
// the task makes the call again, then looks once more later, backing off.
import { Type } from 'typebox';
import type { Handler } from '../../platform/bus/index.ts';
import { defineEvent, type PayloadOf } from '../../platform/bus/index.ts';
import type { EntityManager } from '../../platform/db/index.ts';
import { kick } from './drive.ts';
import { runtimeOf, type PaymentRuntime } from './runtime.ts';
import { nextAction } from './state.ts';
import { findPayment, pendingRefunds, updatePayment } from './store.ts';

export const REDRIVE_FIRST_SECONDS = 30;
const REDRIVE_MAX_SECONDS = 3_600;
const REDRIVE_MAX_ATTEMPTS = 10;

/** A payment may still owe a provider call: look, and make it. */
export const ProviderCallDue = defineEvent(
  'payment.provider_call_due.v1',
  Type.Object({
    paymentId: Type.String({ format: 'uuid' }),
    /** What wanted the call (authorize, capture, cancel, refund:<id>): one task chain per reason. */
    reason: Type.String({ minLength: 1, maxLength: 100 }),
    attempt: Type.Integer({ minimum: 1 }),
  }),
  'Re-drive a payment whose provider call may not have happened',
);

/** Schedules the check in the caller's transaction; the key makes a repeated schedule a no-op. */
export const redriveKey = (paymentId: string, reason: string, attempt: number) => `${paymentId}:${reason}:${attempt}`;

export async function scheduleRedrive(
  em: EntityManager,
  rt: PaymentRuntime,
  paymentId: string,
  reason: string,
  attempt = 1,
): Promise<void> {
  const seconds = Math.min(REDRIVE_FIRST_SECONDS * 2 ** (attempt - 1), REDRIVE_MAX_SECONDS);
  await rt.platform.bus.schedule(
    em,
    ProviderCallDue,
    { paymentId, reason, attempt },
    {
      startAfter: new Date(Date.now() + seconds * 1000),
      key: redriveKey(paymentId, reason, attempt),
    },
  );
}

export const onProviderCallDue: Handler<PayloadOf<typeof ProviderCallDue>> = async (ctx, task) => {
  const rt = runtimeOf(ctx.em);
  const { paymentId, reason, attempt } = task.payload;
  const p = await findPayment(ctx.em, paymentId);
  if (!p || !nextAction(p, await pendingRefunds(ctx.em, paymentId))) return;
  if (attempt < REDRIVE_MAX_ATTEMPTS) {
    await scheduleRedrive(ctx.em, rt, paymentId, reason, attempt + 1);
  } else {
    ctx.log.error({ paymentId, reason, attempt }, 'payment still owes a provider call after every re-drive');
    await updatePayment(ctx.em, paymentId, {
      needsAttention: `provider call (${reason}) still failing after ${attempt} re-drives`,
    });
  }
  ctx.log.info({ paymentId, reason, attempt }, 're-driving a payment that still owes a provider call');
  ctx.afterCommit(async () => kick(rt, paymentId));
};
