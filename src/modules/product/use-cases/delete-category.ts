import type { EntityManager } from '../../../platform/db/index.ts';
import { Conflict, NotFound } from '../../../platform/http/errors.ts';
import { Category } from '../entities/category.entity.ts';
import { ProductCategory } from '../entities/product-category.entity.ts';
import { productRuntime } from '../runtime.ts';

/** Deletes a category that has neither subcategories nor products. */
export async function deleteCategory(em: EntityManager, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    if (!(await tx.count(Category, { id }))) throw new NotFound('Category');
    if (await tx.count(Category, { parentId: id }))
      throw new Conflict('the category has subcategories; move or delete them first');
    if (await tx.findOne(ProductCategory, { categoryId: id }))
      throw new Conflict('products are in this category; take them out first');
    await tx.nativeDelete(Category, { id });
  });
  await productRuntime().refreshCacheAndSearch([], { kind: 'taxonomy' });
}
