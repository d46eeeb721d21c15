import { query } from '../../../platform/db/index.ts';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { bearer, requireAdmin } from '../../../platform/http/auth.ts';
import { catalog } from '../state.ts';
import {
  addVariant,
  createProduct,
  deleteProduct,
  removeVariant,
  updateProduct,
  updateVariant,
} from '../catalog/products.ts';
import { adminProductView } from '../views.ts';
import { IdParam, ProductIn, ProductPatch, VariantIn, VariantParams, VariantPatch } from '../schemas.ts';

const problems = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
  404: Type.Ref('Problem'),
  409: Type.Ref('Problem'),
};
const tags = ['admin: products'];

export const AdminProduct = Type.Object(
  {
    id: Type.String(),
    handle: Type.String(),
    title: Type.String(),
    subtitle: Type.Union([Type.String(), Type.Null()]),
    description: Type.Union([Type.String(), Type.Null()]),
    status: Type.String(),
    thumbnail: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer(),
    categoryIds: Type.Array(Type.String()),
    collectionIds: Type.Array(Type.String()),
    images: Type.Array(Type.Object({ url: Type.String(), alt: Type.String() })),
    options: Type.Array(Type.Object({ name: Type.String(), values: Type.Array(Type.String()) })),
    variants: Type.Array(
      Type.Object({
        id: Type.String(),
        sku: Type.String(),
        title: Type.String(),
        options: Type.Record(Type.String(), Type.String()),
        weightGrams: Type.Union([Type.Integer(), Type.Null()]),
      }),
    ),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  },
  { $id: 'AdminProduct' },
);

const AdminListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')])),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

/** Staff manage the catalog; every write publishes a product event and invalidates the store cache. */
export async function adminProductRoutes(app: FastifyInstance) {
  const { platform } = app;
  const em = () => platform.orm.em.fork();
  const changed = (id: string) => catalog().changed([id]);
  app.addHook('preHandler', requireAdmin);

  app.get(
    '/admin/products',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'List products (drafts included), newest first',
        querystring: AdminListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                handle: Type.String(),
                title: Type.String(),
                status: Type.String(),
                variantCount: Type.Integer(),
              }),
            ),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problems,
        },
      },
    },
    async (req) => {
      const { q, status, limit, cursor } = req.query as Static<typeof AdminListQuery>;
      const rows = await query<any>(
        em(),
        `select p.id, p.handle, p.title, p.status, (select count(*)::int from product.variants v where v.product_id = p.id) as variant_count
       from product.products p
       where ($1::text is null or p.status = $2) and ($3::uuid is null or p.id < $4)
         and ($5::text is null or p.title ilike '%' || $6 || '%' or exists (select 1 from product.variants v where v.product_id = p.id and v.sku = $7))
       order by p.id desc limit $8`,
        [
          status ?? null,
          status ?? null,
          cursor ?? null,
          cursor ?? null,
          q ?? null,
          q?.replace(/[\\%_]/g, (c) => '\\' + c) ?? null,
          q ?? null,
          limit + 1,
        ],
      );
      const page = rows.slice(0, limit);
      return {
        items: page.map((r) => ({
          id: r.id,
          handle: r.handle,
          title: r.title,
          status: r.status,
          variantCount: r.variant_count,
        })),
        nextCursor: rows.length > limit ? page[page.length - 1].id : null,
      };
    },
  );

  app.get(
    '/admin/products/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'One product',
        params: IdParam,
        response: { 200: Type.Ref('AdminProduct'), ...problems },
      },
    },
    async (req) => adminProductView(em(), (req.params as Static<typeof IdParam>).id),
  );

  app.post(
    '/admin/products',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Create a product with its options, variants, images, categories',
        body: ProductIn,
        response: { 201: Type.Ref('AdminProduct'), ...problems },
      },
    },
    async (req, reply) => {
      const id = await createProduct(platform, em(), req.body as Static<typeof ProductIn>);
      await changed(id);
      return reply.code(201).send(await adminProductView(em(), id));
    },
  );

  app.post(
    '/admin/products/batch',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Create up to 100 products at once (imports); all or none',
        body: Type.Object(
          { products: Type.Array(ProductIn, { minItems: 1, maxItems: 100 }) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            products: Type.Array(
              Type.Object({
                id: Type.String(),
                variants: Type.Array(Type.Object({ id: Type.String(), sku: Type.String() })),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (req, reply) => {
      const { products } = req.body as { products: Static<typeof ProductIn>[] };
      const ids = await em().transactional(async (tx) => {
        const out: string[] = [];
        for (const p of products) out.push(await createProduct(platform, tx, p));
        return out;
      });
      await catalog().changed(ids);
      const variants = await query<{ id: string; sku: string; product_id: string }>(
        em(),
        'select id, sku, product_id from product.variants where product_id = any($1) order by position',
        [ids],
      );
      return reply.code(201).send({
        products: ids.map((id) => ({
          id,
          variants: variants.filter((v) => v.product_id === id).map(({ id: vid, sku }) => ({ id: vid, sku })),
        })),
      });
    },
  );

  app.patch(
    '/admin/products/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Change a product (publish, unpublish, retitle, recategorise)',
        params: IdParam,
        body: ProductPatch,
        response: { 200: Type.Ref('AdminProduct'), ...problems },
      },
    },
    async (req) => {
      const { id } = req.params as Static<typeof IdParam>;
      await updateProduct(platform, em(), id, req.body as Static<typeof ProductPatch>);
      await changed(id);
      return adminProductView(em(), id);
    },
  );

  app.delete(
    '/admin/products/:id',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Delete a product and its variants',
        params: IdParam,
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParam>;
      await deleteProduct(platform, em(), id);
      await changed(id);
      return reply.code(204).send();
    },
  );

  app.post(
    '/admin/products/:id/variants',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Add a variant',
        params: IdParam,
        body: VariantIn,
        response: { 201: Type.Ref('AdminProduct'), ...problems },
      },
    },
    async (req, reply) => {
      const { id } = req.params as Static<typeof IdParam>;
      await addVariant(platform, em(), id, req.body as Static<typeof VariantIn>);
      await changed(id);
      return reply.code(201).send(await adminProductView(em(), id));
    },
  );

  app.patch(
    '/admin/products/:id/variants/:variantId',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Change a variant',
        params: VariantParams,
        body: VariantPatch,
        response: { 200: Type.Ref('AdminProduct'), ...problems },
      },
    },
    async (req) => {
      const { id, variantId } = req.params as Static<typeof VariantParams>;
      await updateVariant(platform, em(), id, variantId, req.body as Static<typeof VariantPatch>);
      await changed(id);
      return adminProductView(em(), id);
    },
  );

  app.delete(
    '/admin/products/:id/variants/:variantId',
    {
      schema: {
        tags,
        security: bearer,
        summary: 'Remove a variant',
        params: VariantParams,
        response: { 200: Type.Ref('AdminProduct'), ...problems },
      },
    },
    async (req) => {
      const { id, variantId } = req.params as Static<typeof VariantParams>;
      await removeVariant(platform, em(), id, variantId);
      await changed(id);
      return adminProductView(em(), id);
    },
  );
}
