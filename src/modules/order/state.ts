import type { Platform } from '../../platform/host/platform.ts';
import { SettleWaiters } from './settle-wait.ts';

let state: { platform: Platform; waiters: SettleWaiters } | undefined;

/** Set at start, before handlers and routes run (saga steps schedule tasks and read settings). */
export function initOrderModule(p: Platform): void {
  state = { platform: p, waiters: new SettleWaiters(p) };
}

export function orderModule(): { platform: Platform; waiters: SettleWaiters } {
  if (!state) throw new Error('order module used before its setup ran');
  return state;
}
