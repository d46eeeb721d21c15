// Back from Stripe, the payment module knows the outcome at once, but the order hears of it one
// bus hop later. Without waiting for that hop the shopper who has just paid would be shown their
// order "awaiting payment"; so the return waits for it, bounded, before showing the order.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Ctx } from '../context.ts';

const STEP_MS = 150;
const MAX_WAIT_MS = 5_000;

/** Resolves once the order has left `awaiting_payment` (or is gone), or after MAX_WAIT_MS. */
export async function orderPastPayment(ctx: Ctx, orderId: string, token: string | undefined) {
  const deadline = Date.now() + MAX_WAIT_MS;
  for (;;) {
    const { data } = await ctx.api.GET('/store/orders/{id}', {
      params: { path: { id: orderId }, query: token ? { token } : {} },
    });
    if (data?.status !== 'awaiting_payment' || Date.now() + STEP_MS > deadline) return;
    await sleep(STEP_MS);
  }
}
