import type { Static } from 'typebox';
import type { EntityManager } from '../../../platform/db/index.ts';
import { Collection } from '../entities/collection.entity.ts';
import type { CollectionIn } from '../routes/schemas.ts';
import { productRuntime } from '../runtime.ts';
import { freeHandle } from './catalog-checks.ts';

export async function createCollection(em: EntityManager, input: Static<typeof CollectionIn>): Promise<Collection> {
  const collection = await em.transactional(async (tx) =>
    tx.create(Collection, {
      title: input.title,
      handle: await freeHandle(tx, 'collections', input.handle, input.title),
    }),
  );
  await productRuntime().refreshCacheAndSearch([], { kind: 'taxonomy' });
  return collection;
}
