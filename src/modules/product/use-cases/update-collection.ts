import type { Static } from 'typebox';
import type { EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { Collection } from '../entities/collection.entity.ts';
import type { CollectionPatch } from '../routes/schemas.ts';
import { productRuntime } from '../runtime.ts';
import { freeHandle } from './catalog-checks.ts';

/** Retitles a collection or changes its handle. */
export async function updateCollection(
  em: EntityManager,
  id: string,
  patch: Static<typeof CollectionPatch>,
): Promise<Collection> {
  const collection = await em.transactional(async (tx) => {
    const c = await tx.findOne(Collection, { id });
    if (!c) throw new NotFound('Collection');
    if (patch.handle !== undefined && patch.handle !== c.handle)
      c.handle = await freeHandle(tx, 'collections', patch.handle, c.title, id);
    if (patch.title !== undefined) c.title = patch.title;
    return c;
  });
  await productRuntime().refreshCacheAndSearch([], { kind: 'taxonomy' });
  return collection;
}
