import type { EntityManager } from '../../../platform/db/index.ts';
import { Conflict, NotFound } from '../../../platform/http/errors.ts';
import { Collection } from '../entities/collection.entity.ts';
import { ProductCollection } from '../entities/product-collection.entity.ts';
import { productRuntime } from '../runtime.ts';

/** Deletes a collection no product is in. */
export async function deleteCollection(em: EntityManager, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    if (!(await tx.count(Collection, { id }))) throw new NotFound('Collection');
    if (await tx.findOne(ProductCollection, { collectionId: id }))
      throw new Conflict('products are in this collection; take them out first');
    await tx.nativeDelete(Collection, { id });
  });
  await productRuntime().refreshCacheAndSearch([], { kind: 'taxonomy' });
}
