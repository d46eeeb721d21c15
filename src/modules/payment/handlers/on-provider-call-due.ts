import type { Handler, PayloadOf } from '../../../platform/bus/index.ts';
import { retryProviderCalls } from '../use-cases/retry-provider-calls.ts';
import type { ProviderCallDue } from '../use-cases/schedule-provider-call-due.ts';

/** The safety net under every provider call: make it again if the payment still owes it. */
export const onProviderCallDue: Handler<PayloadOf<typeof ProviderCallDue>> = (ctx, task) =>
  retryProviderCalls(ctx, task.payload);
