import { query } from '../../../platform/db/index.ts';
import { publisherFor, type Platform } from '../../../platform/host/platform.ts';
import { ShippingOptionChanged } from '../contract.ts';
import { snapshotOf } from '../domain/option-snapshot.ts';
import { ShippingOption } from '../entities/shipping-option.entity.ts';

/**
 * At start: publishes every option whose latest version never went out (the seeded ones; a
 * migration cannot publish). Idempotent and safe with several processes starting at once: the
 * rows are locked, and a process that waited finds them published and skips them.
 */
export async function publishPendingOptions(platform: Platform): Promise<void> {
  const publish = publisherFor(platform, 'shipping');
  const count = await platform.orm.em.fork().transactional(async (em) => {
    const pending = await query<{ id: string }>(
      em,
      'select id from shipping.options where published_version < version order by id for update',
    );
    if (!pending.length) return 0;
    const options = await em.find(
      ShippingOption,
      { id: { $in: pending.map((r) => r.id) } },
      { orderBy: { id: 'asc' } },
    );
    for (const o of options) {
      await publish(em, ShippingOptionChanged, snapshotOf(o));
      o.publishedVersion = o.version;
    }
    await em.flush();
    return options.length;
  });
  if (count) platform.log.info({ count }, 'published shipping option snapshots');
}
