import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs `work` and answers no sooner than `floorMs` after the start, so a path that does less (an
 * unknown email: no row, no event) cannot be told from one that does more by the clock. The floor
 * sits above both paths' usual cost; measured figures are in docs/adr/0051-staff-accounts-and-account-flows.md.
 */
export async function atLeast<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    const left = floorMs - (performance.now() - started);
    if (left > 0) await sleep(left);
  }
}
