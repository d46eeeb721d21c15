import type { HandlerContext, PayloadOf } from '../../../platform/bus/index.ts';
import { nextAction } from '../domain/payment-state.ts';
import { findPayment, updatePayment } from '../entities/payments.ts';
import { pendingRefunds } from '../entities/refunds.ts';
import { runtimeOf } from '../runtime.ts';
import { startProviderCalls } from './make-provider-calls.ts';
import { scheduleProviderCallDue, type ProviderCallDue } from './schedule-provider-call-due.ts';

const MAX_ATTEMPTS = 10;

/**
 * A ProviderCallDue check: when the payment still owes a call, make it again and look once more
 * later; after the last attempt, leave it to staff.
 */
export async function retryProviderCalls(
  ctx: HandlerContext,
  { paymentId, reason, attempt }: PayloadOf<typeof ProviderCallDue>,
): Promise<void> {
  const rt = runtimeOf(ctx.em);
  const p = await findPayment(ctx.em, paymentId);
  if (!p || !nextAction(p, await pendingRefunds(ctx.em, paymentId))) return;
  if (attempt < MAX_ATTEMPTS) {
    await scheduleProviderCallDue(ctx.em, rt, paymentId, reason, attempt + 1);
  } else {
    ctx.log.error({ paymentId, reason, attempt }, 'payment still owes a provider call after every retry');
    await updatePayment(ctx.em, paymentId, {
      needsAttention: `provider call (${reason}) still failing after ${attempt} retries`,
    });
  }
  ctx.log.info({ paymentId, reason, attempt }, 'retrying a provider call the payment still owes');
  ctx.afterCommit(async () => startProviderCalls(rt, paymentId));
}
