import { sql } from 'kysely';
import type { Static } from 'typebox';
import { query, type EntityManager } from '../../../platform/db/index.ts';
import { NotFound } from '../../../platform/http/errors.ts';
import { checkMove, childPath } from '../domain/category-path.ts';
import { Category } from '../entities/category.entity.ts';
import { productDb } from '../entities/db.ts';
import { refreshReadModels } from '../entities/read-models.ts';
import type { CategoryPatch } from '../routes/schemas.ts';
import { productRuntime } from '../runtime.ts';
import { freeHandle } from './catalog-checks.ts';
import { parentPath } from './create-category.ts';

/** Renames or moves a category; a move rewrites the paths of its whole subtree and refuses cycles. */
export async function updateCategory(
  em: EntityManager,
  id: string,
  patch: Static<typeof CategoryPatch>,
): Promise<Category> {
  let touched: string[] = [];
  const updated = await em.transactional(async (tx) => {
    const category = await tx.findOne(Category, { id });
    if (!category) throw new NotFound('Category');
    if (patch.handle !== undefined && patch.handle !== category.handle)
      category.handle = await freeHandle(tx, 'categories', patch.handle, category.name, id);
    if (patch.parentId !== undefined && patch.parentId !== category.parentId) {
      const newPath = childPath(await parentPath(tx, patch.parentId), id);
      checkMove(category.path, newPath);
      // The subtree moves in one statement: every path under the old prefix gets the new one.
      await productDb(tx)
        .updateTable('categories')
        .set({ path: sql<string>`${newPath}::text || substr(path, ${category.path.length + 1}::int)` })
        .where('path', 'like', `${category.path}%`)
        .execute();
      category.parentId = patch.parentId;
      category.path = newPath;
    }
    const { name, description, position } = patch;
    tx.assign(category, { name, description, position }, { ignoreUndefined: true });
    await tx.flush();
    if (patch.name !== undefined || patch.parentId !== undefined) {
      // The names of a product's categories and of their parents are part of its search document.
      touched = (
        await query<{ product_id: string }>(
          tx,
          `select distinct pc.product_id from product.product_categories pc
           join product.categories c on c.id = pc.category_id where c.path like $1`,
          [`${category.path}%`],
        )
      ).map((r) => r.product_id);
      await refreshReadModels(tx, touched);
    }
    return category;
  });
  await productRuntime().refreshCacheAndSearch(touched, { kind: 'taxonomy' });
  return updated;
}
