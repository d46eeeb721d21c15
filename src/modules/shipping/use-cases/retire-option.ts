import type { EntityManager } from '../../../platform/db/index.ts';
import type { publisherFor } from '../../../platform/host/platform.ts';
import { lockOption } from '../entities/locks.ts';
import { publishNextVersion } from './update-option.ts';

/**
 * Retires an option for good: it is no longer offered, its snapshot goes out inactive, and its
 * code is free again. Shipments already made with it keep their copy. Retiring twice is a no-op.
 */
export async function retireOption(
  em: EntityManager,
  publish: ReturnType<typeof publisherFor>,
  id: string,
): Promise<void> {
  await em.transactional(async (tx) => {
    const o = await lockOption(tx, id);
    if (o.retiredAt) return;
    o.active = false;
    o.retiredAt = new Date();
    await publishNextVersion(tx, publish, o);
  });
}
