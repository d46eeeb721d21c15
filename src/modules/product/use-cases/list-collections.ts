import type { EntityManager } from '../../../platform/db/index.ts';
import { Collection } from '../entities/collection.entity.ts';

/** Every collection, by title. */
export async function listCollections(em: EntityManager) {
  const collections = await em.find(Collection, {}, { orderBy: { title: 'asc' }, fields: ['id', 'title', 'handle'] });
  return collections.map((c) => ({ id: c.id, title: c.title, handle: c.handle }));
}
