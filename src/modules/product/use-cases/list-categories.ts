import type { EntityManager } from '../../../platform/db/index.ts';
import { Category } from '../entities/category.entity.ts';

/** The whole category tree, each category after its parent, siblings by position. */
export function listCategories(em: EntityManager): Promise<Category[]> {
  return em.find(Category, {}, { orderBy: { path: 'asc', position: 'asc' } });
}
