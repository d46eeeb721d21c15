// The safety net under every provider call. Each use case that makes the payment owe a call
// schedules this task in its own transaction; if the background call did its work, the task finds
// nothing owed and stops. If the process died between commit and call (or the provider was down),
// the task makes the call again, then looks once more later, backing off.
import { Type } from 'typebox';
import { defineEvent } from '../../../platform/bus/index.ts';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { PaymentRuntime } from '../runtime.ts';

export const RETRY_FIRST_SECONDS = 30;
const RETRY_MAX_SECONDS = 3_600;

/** A payment may still owe a provider call: look, and make it. */
export const ProviderCallDue = defineEvent(
  'payment.provider_call_due.v1',
  Type.Object({
    paymentId: Type.String({ format: 'uuid' }),
    /** What wanted the call (authorize, capture, cancel, refund:<id>): one task chain per reason. */
    reason: Type.String({ minLength: 1, maxLength: 100 }),
    attempt: Type.Integer({ minimum: 1 }),
  }),
  'Retry the provider call a payment may still owe',
);

/** The key makes a repeated schedule (a redelivered event) a no-op. */
const taskKey = (paymentId: string, reason: string, attempt: number) => `${paymentId}:${reason}:${attempt}`;

/** Schedules the check in the caller's transaction, later for each further attempt (30 s, 1 min, ... 1 h). */
export async function scheduleProviderCallDue(
  em: EntityManager,
  rt: PaymentRuntime,
  paymentId: string,
  reason: string,
  attempt = 1,
): Promise<void> {
  const seconds = Math.min(RETRY_FIRST_SECONDS * 2 ** (attempt - 1), RETRY_MAX_SECONDS);
  await rt.platform.bus.schedule(
    em,
    ProviderCallDue,
    { paymentId, reason, attempt },
    { startAfter: new Date(Date.now() + seconds * 1000), key: taskKey(paymentId, reason, attempt) },
  );
}

/** The authorization went through: its first check has nothing left to do, so it is dropped. */
export async function unscheduleAuthorizationCheck(
  rt: PaymentRuntime,
  paymentId: string,
  em?: EntityManager,
): Promise<void> {
  await rt.platform.bus.unschedule(ProviderCallDue, taskKey(paymentId, 'authorize', 1), em);
}
