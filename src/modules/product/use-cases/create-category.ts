import type { Static } from 'typebox';
import type { EntityManager } from '../../../platform/db/index.ts';
import { BadRequest } from '../../../platform/http/errors.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import { childPath } from '../domain/category-path.ts';
import { Category } from '../entities/category.entity.ts';
import type { CategoryIn } from '../routes/schemas.ts';
import { productRuntime } from '../runtime.ts';
import { freeHandle } from './catalog-checks.ts';

/** The path a category placed under this parent starts with ('/' at the top); an unknown parent is a 400. */
export async function parentPath(em: EntityManager, parentId: string | null | undefined): Promise<string> {
  if (!parentId) return '/';
  const parent = await em.findOne(Category, { id: parentId });
  if (!parent)
    throw new BadRequest(`unknown parent category ${parentId}`, {
      errors: [{ field: 'parentId', message: 'unknown category' }],
    });
  return parent.path;
}

export async function createCategory(em: EntityManager, input: Static<typeof CategoryIn>): Promise<Category> {
  const category = await em.transactional(async (tx) => {
    const id = uuidv7();
    return tx.create(Category, {
      id,
      path: childPath(await parentPath(tx, input.parentId), id),
      name: input.name,
      handle: await freeHandle(tx, 'categories', input.handle, input.name),
      description: input.description ?? null,
      parentId: input.parentId ?? null,
      position: input.position ?? 0,
    });
  });
  await productRuntime().refreshCacheAndSearch([], { kind: 'taxonomy' });
  return category;
}
