import { setTimeout as sleep } from 'node:timers/promises';
import type { Platform } from '../host/platform.ts';

/** Resolves once no event is waiting or running in any module's queue (delayed tasks aside). */
export async function waitForQuietBus(platform: Platform, timeoutMs = 30 * 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let calm = 0; calm < 3;) {
    if (Date.now() > deadline) throw new Error('the bus did not drain in time');
    const { rows } = await platform.bus.boss
      .getDb()
      .executeSql(
        `select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') and start_after <= now() and name not like 'dead/%'`,
      );
    calm = rows[0].n === 0 ? calm + 1 : 0;
    await sleep(200);
  }
}
