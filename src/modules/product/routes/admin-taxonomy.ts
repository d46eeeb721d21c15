import { query } from '../../../platform/db/index.ts';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearer, requireAdmin } from '../../../platform/http/auth.ts';
import { catalog } from '../state.ts';
import {
  createCategory,
  createCollection,
  deleteCategory,
  deleteCollection,
  updateCategory,
  updateCollection,
} from '../catalog/taxonomy.ts';
import { CategoryIn, CategoryPatch, CollectionIn, CollectionPatch, IdParam } from '../schemas.ts';
import type { Category } from '../category.entity.ts';
import type { Collection } from '../collection.entity.ts';

const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
};
const CategoryOut = Type.Object({
  id: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  name: Type.String(),
  handle: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  position: Type.Integer(),
});
const CollectionOut = Type.Object({ id: Type.String(), title: Type.String(), handle: Type.String() });
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
export async function adminTaxonomyRoutes(app: FastifyInstance) {
  const em = () => app.platform.orm.em.fork();
  const changed = () => catalog().changed([]);
  app.addHook('preHandler', requireAdmin);
  const c = { tags: ['admin: categories'], security: bearer };
  const k = { tags: ['admin: collections'], security: bearer };

  app.get(
    '/admin/categories',
    {
      schema: {
        ...c,
        summary: 'All categories',
        response: { 200: Type.Object({ items: Type.Array(CategoryOut) }), ...problems },
      },
    },
    async () => ({
      items: (await query<any>(em(), 'select * from product.categories order by path, position')).map((r) => ({
        id: r.id,
        parentId: r.parent_id,
        name: r.name,
        handle: r.handle,
        description: r.description,
        position: r.position,
      })),
    }),
  );
  app.post(
    '/admin/categories',
    { schema: { ...c, summary: 'Create a category', body: CategoryIn, response: { 201: CategoryOut, ...problems } } },
    async (req, reply) => {
      const cat = await createCategory(em(), req.body as Static<typeof CategoryIn>);
      await changed();
      return reply.code(201).send(categoryView(cat));
    },
  );
  app.patch(
    '/admin/categories/:id',
    {
      schema: {
        ...c,
        summary: 'Rename or move a category',
        params: IdParam,
        body: CategoryPatch,
        response: { 200: CategoryOut, ...problems },
      },
    },
    async (req) => {
      const cat = await updateCategory(
        em(),
        (req.params as Static<typeof IdParam>).id,
        req.body as Static<typeof CategoryPatch>,
      );
      await changed();
      return categoryView(cat);
    },
  );
  app.delete(
    '/admin/categories/:id',
    {
      schema: {
        ...c,
        summary: 'Delete an empty category',
        params: IdParam,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deleteCategory(em(), (req.params as Static<typeof IdParam>).id);
      await changed();
      return reply.code(204).send();
    },
  );

  app.get(
    '/admin/collections',
    {
      schema: {
        ...k,
        summary: 'All collections',
        response: { 200: Type.Object({ items: Type.Array(CollectionOut) }), ...problems },
      },
    },
    async () => ({ items: await query(em(), 'select id, title, handle from product.collections order by title') }),
  );
  app.post(
    '/admin/collections',
    {
      schema: {
        ...k,
        summary: 'Create a collection',
        body: CollectionIn,
        response: { 201: CollectionOut, ...problems },
      },
    },
    async (req, reply) => {
      const col = await createCollection(em(), req.body as Static<typeof CollectionIn>);
      await changed();
      return reply.code(201).send(collectionView(col));
    },
  );
  app.patch(
    '/admin/collections/:id',
    {
      schema: {
        ...k,
        summary: 'Change a collection',
        params: IdParam,
        body: CollectionPatch,
        response: { 200: CollectionOut, ...problems },
      },
    },
    async (req) => {
      const col = await updateCollection(
        em(),
        (req.params as Static<typeof IdParam>).id,
        req.body as Static<typeof CollectionPatch>,
      );
      await changed();
      return collectionView(col);
    },
  );
  app.delete(
    '/admin/collections/:id',
    {
      schema: {
        ...k,
        summary: 'Delete an unused collection',
        params: IdParam,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      await deleteCollection(em(), (req.params as Static<typeof IdParam>).id);
      await changed();
      return reply.code(204).send();
    },
  );
}
