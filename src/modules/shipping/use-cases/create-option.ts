import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '../../../platform/db/index.ts';
import type { publisherFor } from '../../../platform/host/platform.ts';
import { Conflict } from '../../../platform/http/errors.ts';
import { ShippingOptionChanged } from '../contract.ts';
import { normaliseOption, type OptionInput } from '../domain/option-input.ts';
import { snapshotOf } from '../domain/option-snapshot.ts';
import { ShippingOption } from '../entities/shipping-option.entity.ts';

type Publish = ReturnType<typeof publisherFor>;

/** Runs a write; the partial unique index on live codes decides duplicates, also between concurrent requests. */
export async function withUniqueCode<T>(code: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException)
      throw new Conflict(`A shipping option with the code "${code ?? ''}" already exists`);
    throw err;
  }
}

/** Creates an option (version 1) and publishes its snapshot in the same transaction. */
export async function createOption(em: EntityManager, publish: Publish, input: OptionInput): Promise<ShippingOption> {
  const { countries, rates, trackingUrlTemplate } = normaliseOption(input);
  return withUniqueCode(input.code, () =>
    em.transactional(async (tx) => {
      const o = tx.create(ShippingOption, {
        code: input.code,
        name: input.name.trim(),
        active: input.active ?? true,
        countries,
        rates,
        trackingUrlTemplate,
        version: 1,
        publishedVersion: 1,
        retiredAt: null,
      });
      await tx.flush();
      await publish(tx, ShippingOptionChanged, snapshotOf(o));
      return o;
    }),
  );
}
