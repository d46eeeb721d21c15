import type { Platform } from '../../platform/host/platform.ts';

let platform: Platform | undefined;

/** Set at start, before handlers and routes run (saga steps schedule tasks and read settings). */
export function initOrderModule(p: Platform): void { platform = p; }

export function orderModule(): { platform: Platform } {
  if (!platform) throw new Error('order module used before its setup ran');
  return { platform };
}
