import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { bearer } from '../../../platform/http/auth.ts';
import type { Category } from '../entities/category.entity.ts';
import type { Collection } from '../entities/collection.entity.ts';
import { createCategory } from '../use-cases/create-category.ts';
import { createCollection } from '../use-cases/create-collection.ts';
import { deleteCategory } from '../use-cases/delete-category.ts';
import { deleteCollection } from '../use-cases/delete-collection.ts';
import { listCategories } from '../use-cases/list-categories.ts';
import { listCollections } from '../use-cases/list-collections.ts';
import { updateCategory } from '../use-cases/update-category.ts';
import { updateCollection } from '../use-cases/update-collection.ts';
import { adminProblems as problems, CategoryList, CategoryOut } from './admin-schemas.ts';
import {
  CategoryIn,
  CategoryPatch,
  CollectionIn,
  CollectionList,
  CollectionOut,
  CollectionPatch,
  IdParam,
} from './schemas.ts';

const categoryView = (c: Category) => ({
  id: c.id,
  parentId: c.parentId ?? null,
  name: c.name,
  handle: c.handle,
  description: c.description ?? null,
  position: c.position,
});
const collectionView = (c: Collection) => ({ id: c.id, title: c.title, handle: c.handle });

/** The category tree and collections. */
export const adminTaxonomyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const em = () => app.platform.orm.em.fork();
  const c = { tags: ['admin: categories'], security: bearer };
  const k = { tags: ['admin: collections'], security: bearer };

  app.get(
    '/admin/categories',
    {
      config: { permission: 'catalog:read' },
      schema: { ...c, summary: 'All categories', response: { 200: CategoryList, ...problems } },
    },
    async () => ({ items: (await listCategories(em())).map(categoryView) }),
  );
  app.post(
    '/admin/categories',
    {
      config: { permission: 'catalog:write' },
      schema: { ...c, summary: 'Create a category', body: CategoryIn, response: { 201: CategoryOut, ...problems } },
    },
    async (req, reply) => reply.code(201).send(categoryView(await createCategory(em(), req.body))),
  );
  app.patch(
    '/admin/categories/:id',
    {
      config: { permission: 'catalog:write' },
      schema: {
        ...c,
        summary: 'Rename or move a category',
        params: IdParam,
        body: CategoryPatch,
        response: { 200: CategoryOut, ...problems },
      },
    },
    async (req) => categoryView(await updateCategory(em(), req.params.id, req.body)),
  );
  app.delete(
    '/admin/categories/:id',
    {
      config: { permission: 'catalog:write' },
      schema: {
        ...c,
        summary: 'Delete an empty category',
        params: IdParam,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deleteCategory(em(), req.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/collections',
    {
      config: { permission: 'catalog:read' },
      schema: { ...k, summary: 'All collections', response: { 200: CollectionList, ...problems } },
    },
    async () => ({ items: await listCollections(em()) }),
  );
  app.post(
    '/admin/collections',
    {
      config: { permission: 'catalog:write' },
      schema: {
        ...k,
        summary: 'Create a collection',
        body: CollectionIn,
        response: { 201: CollectionOut, ...problems },
      },
    },
    async (req, reply) => reply.code(201).send(collectionView(await createCollection(em(), req.body))),
  );
  app.patch(
    '/admin/collections/:id',
    {
      config: { permission: 'catalog:write' },
      schema: {
        ...k,
        summary: 'Change a collection',
        params: IdParam,
        body: CollectionPatch,
        response: { 200: CollectionOut, ...problems },
      },
    },
    async (req) => collectionView(await updateCollection(em(), req.params.id, req.body)),
  );
  app.delete(
    '/admin/collections/:id',
    {
      config: { permission: 'catalog:write' },
      schema: {
        ...k,
        summary: 'Delete an unused collection',
        params: IdParam,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deleteCollection(em(), req.params.id);
      return reply.code(204).send(null);
    },
  );
};
