import type { Platform } from '../../platform/host/platform.ts';
import { OrderStatusWaiters } from './use-cases/wait-for-settled-order.ts';

interface OrderRuntime {
  platform: Platform;
  /** Checkout requests waiting for their order to settle (Prefer: wait). */
  waiters: OrderStatusWaiters;
}

let runtime: OrderRuntime | undefined;

/** Set at start, before handlers and routes run (saga steps schedule tasks and read settings). */
export function initOrderModule(p: Platform): void {
  runtime = { platform: p, waiters: new OrderStatusWaiters(p) };
}

export function orderModule(): OrderRuntime {
  if (!runtime) throw new Error('order module used before its setup ran');
  return runtime;
}
