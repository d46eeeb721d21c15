import type { EntityManager } from '../../../platform/db/index.ts';
import type { publisherFor } from '../../../platform/host/platform.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import { ShippingOptionChanged } from '../contract.ts';
import { normaliseOptionPatch, type OptionInput } from '../domain/option-input.ts';
import { snapshotOf } from '../domain/option-snapshot.ts';
import { lockOption } from '../entities/locks.ts';
import type { ShippingOption } from '../entities/shipping-option.entity.ts';
import { withUniqueCode } from './create-option.ts';

type Publish = ReturnType<typeof publisherFor>;

/** Records the option's next version and publishes its snapshot, in the caller's transaction. */
export async function publishNextVersion(em: EntityManager, publish: Publish, o: ShippingOption): Promise<void> {
  o.version += 1;
  o.publishedVersion = o.version;
  o.updatedAt = new Date();
  await em.flush();
  await publish(em, ShippingOptionChanged, snapshotOf(o));
}

/** Changes some fields. A patch that changes nothing publishes nothing and keeps the version. */
export async function updateOption(
  em: EntityManager,
  publish: Publish,
  id: string,
  patch: Partial<OptionInput>,
): Promise<ShippingOption> {
  const { countries, rates, trackingUrlTemplate: template } = normaliseOptionPatch(patch);
  return withUniqueCode(patch.code, () =>
    em.transactional(async (tx) => {
      const o = await lockOption(tx, id);
      if (o.retiredAt)
        throw new Conflict('The shipping option is retired; a retired option cannot be changed (create a new one)');
      const state = () => JSON.stringify([snapshotOf(o), o.trackingUrlTemplate ?? null]);
      const before = state();
      if (patch.code !== undefined) o.code = patch.code;
      if (patch.name !== undefined) o.name = patch.name.trim();
      if (patch.active !== undefined) o.active = patch.active;
      if (countries) o.countries = countries;
      if (rates) o.rates = rates;
      if (template !== undefined) o.trackingUrlTemplate = template;
      if (state() !== before) await publishNextVersion(tx, publish, o);
      return o;
    }),
  );
}
