import { query } from '../../../platform/db/index.ts';
import { uuidv7 } from '../../../platform/ids.ts';
import type { Static } from 'typebox';
import type { EntityManager } from '../../../platform/db/index.ts';
import { BadRequest, Conflict, NotFound } from '../../../platform/http/errors.ts';
import { Category } from '../category.entity.ts';
import { Collection } from '../collection.entity.ts';
import type { CategoryIn, CategoryPatch, CollectionIn, CollectionPatch } from '../schemas.ts';
import { refreshReadModels } from './read-models.ts';
import { freeHandle } from './validate.ts';

async function parentPath(em: EntityManager, parentId: string | null | undefined): Promise<string> {
  if (!parentId) return '/';
  const parent = await em.findOne(Category, { id: parentId });
  if (!parent)
    throw new BadRequest(`unknown parent category ${parentId}`, {
      errors: [{ field: 'parentId', message: 'unknown category' }],
    });
  return parent.path;
}

export async function createCategory(em: EntityManager, input: Static<typeof CategoryIn>): Promise<Category> {
  return em.transactional(async (tx) => {
    const id = uuidv7();
    const path = `${await parentPath(tx, input.parentId)}${id}/`;
    if (path.split('/').length > 12) throw new BadRequest('categories nest at most 10 levels deep');
    return tx.create(Category, {
      id,
      name: input.name,
      handle: await freeHandle(tx, 'categories', input.handle, input.name),
      description: input.description ?? null,
      parentId: input.parentId ?? null,
      position: input.position ?? 0,
      path,
    });
  });
}

/** Renames or moves a category; a move rewrites the paths of its whole subtree and refuses cycles. */
export async function updateCategory(
  em: EntityManager,
  id: string,
  patch: Static<typeof CategoryPatch>,
): Promise<Category> {
  return em.transactional(async (tx) => {
    const category = await tx.findOne(Category, { id });
    if (!category) throw new NotFound('Category');
    if (patch.handle !== undefined && patch.handle !== category.handle)
      category.handle = await freeHandle(tx, 'categories', patch.handle, category.name, id);
    if (patch.parentId !== undefined && patch.parentId !== category.parentId) {
      const newPrefix = `${await parentPath(tx, patch.parentId)}${id}/`;
      if (newPrefix.startsWith(category.path))
        throw new Conflict('a category cannot move under itself or its descendants');
      await query(tx, 'update product.categories set path = $1 || substr(path, $2) where path like $3', [
        newPrefix,
        category.path.length + 1,
        `${category.path}%`,
      ]);
      category.parentId = patch.parentId;
      category.path = newPrefix;
    }
    for (const key of ['name', 'description', 'position'] as const)
      if (patch[key] !== undefined) (category as any)[key] = patch[key];
    await tx.flush();
    if (patch.name !== undefined) {
      // Category names are part of the products' search documents.
      const ids = (
        await query<{ product_id: string }>(
          tx,
          'select product_id from product.product_categories where category_id = $1',
          [id],
        )
      ).map((r) => r.product_id);
      await refreshReadModels(tx, ids);
    }
    return category;
  });
}

export async function deleteCategory(em: EntityManager, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    if (!(await tx.count(Category, { id }))) throw new NotFound('Category');
    if (await tx.count(Category, { parentId: id }))
      throw new Conflict('the category has subcategories; move or delete them first');
    const used = await query(tx, 'select 1 from product.product_categories where category_id = $1 limit 1', [id]);
    if (used.length) throw new Conflict('products are in this category; take them out first');
    await tx.nativeDelete(Category, { id });
  });
}

export async function createCollection(em: EntityManager, input: Static<typeof CollectionIn>): Promise<Collection> {
  return em.transactional(async (tx) =>
    tx.create(Collection, {
      title: input.title,
      handle: await freeHandle(tx, 'collections', input.handle, input.title),
    }),
  );
}

export async function updateCollection(
  em: EntityManager,
  id: string,
  patch: Static<typeof CollectionPatch>,
): Promise<Collection> {
  return em.transactional(async (tx) => {
    const c = await tx.findOne(Collection, { id });
    if (!c) throw new NotFound('Collection');
    if (patch.handle !== undefined && patch.handle !== c.handle)
      c.handle = await freeHandle(tx, 'collections', patch.handle, c.title, id);
    if (patch.title !== undefined) c.title = patch.title;
    return c;
  });
}

export async function deleteCollection(em: EntityManager, id: string): Promise<void> {
  await em.transactional(async (tx) => {
    if (!(await tx.count(Collection, { id }))) throw new NotFound('Collection');
    const used = await query(tx, 'select 1 from product.product_collections where collection_id = $1 limit 1', [id]);
    if (used.length) throw new Conflict('products are in this collection; take them out first');
    await tx.nativeDelete(Collection, { id });
  });
}
