import { setTimeout as sleep } from 'node:timers/promises';
import type { Platform } from '../host/platform.ts';

/** Resolves once no event is waiting or being handled in any module's queue (delayed tasks aside). */
export async function waitForQuietBus(platform: Platform, timeoutMs = 30 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let calm = 0; calm < 3;) {
    if (Date.now() > deadline) throw new Error('the bus did not drain in time');
    calm = (await platform.bus.hasRunnableWork()) ? 0 : calm + 1;
    await sleep(200);
  }
}
