import { query } from '../../../platform/db/index.ts';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { Currency } from '../../pricing/contract.ts';
import { catalog } from '../state.ts';
import { facetCounts, listProducts, searchWithEngine } from '../store/list-products.ts';
import { getProduct } from '../store/get-product.ts';
import { ListQuery, ListResponse } from '../schemas.ts';

const problems = { 400: Type.Ref('Problem'), 404: Type.Ref('Problem') };
const tags = ['store: catalog'];
const CurrencyQuery = Type.Object(
  { currency: Type.Optional(ListQuery.properties.currency) },
  { additionalProperties: false },
);

/** What shoppers browse: published products only, prices in their currency, cached with ETags. */
export async function storeRoutes(app: FastifyInstance) {
  const { orm } = app.platform;

  app.get(
    '/store/products',
    {
      schema: {
        tags,
        summary: 'List, filter and search published products',
        description:
          'Filters by category (with subcategories), collection, price range (minor units) and stock; sorts by newest, price, title or relevance; pages with an opaque cursor. `q` is a typo-tolerant full-text search and adds facet counts.',
        querystring: ListQuery,
        response: { 200: ListResponse, ...problems },
      },
    },
    async (req, reply) => {
      const q = req.query as Static<typeof ListQuery>;
      const currency = (q.currency ?? 'EUR') as Currency;
      const key = `list:${JSON.stringify(Object.entries(q).sort())}`;
      return catalog().cache.serve(req, reply, key, async () => {
        const em = orm.em.fork();
        const { search } = catalog();
        if (q.q && search.kind !== 'postgres') return searchWithEngine(em, search, q, currency);
        const page = await listProducts(em, q, currency);
        return q.q || q.facets ? { ...page, facets: await facetCounts(em, q, currency) } : page;
      });
    },
  );

  app.get(
    '/store/products/:idOrHandle',
    {
      schema: {
        tags,
        summary: 'One published product by id or handle',
        params: Type.Object({ idOrHandle: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: CurrencyQuery,
        response: { 200: Type.Ref('StoreProduct'), ...problems },
      },
    },
    async (req, reply) => {
      const { idOrHandle } = req.params as { idOrHandle: string };
      const currency = ((req.query as { currency?: Currency }).currency ?? 'EUR') as Currency;
      return catalog().cache.serve(req, reply, `product:${currency}:${idOrHandle}`, () =>
        getProduct(orm.em.fork(), idOrHandle, currency),
      );
    },
  );

  app.get(
    '/store/categories',
    {
      schema: {
        tags,
        summary: 'The category tree',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                parentId: Type.Union([Type.String(), Type.Null()]),
                name: Type.String(),
                handle: Type.String(),
                depth: Type.Integer(),
              }),
            ),
          }),
        },
      },
    },
    async (req, reply) =>
      catalog().cache.serve(req, reply, 'categories', async () => ({
        items: (
          await query<any>(
            orm.em.fork(),
            `select id, parent_id, name, handle, path from product.categories order by path, position`,
          )
        ).map((c) => ({
          id: c.id,
          parentId: c.parent_id,
          name: c.name,
          handle: c.handle,
          depth: c.path.split('/').length - 3,
        })),
      })),
  );

  app.get(
    '/store/collections',
    {
      schema: {
        tags,
        summary: 'All collections',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), handle: Type.String() })),
          }),
        },
      },
    },
    async (req, reply) =>
      catalog().cache.serve(req, reply, 'collections', async () => ({
        items: await query(orm.em.fork(), `select id, title, handle from product.collections order by title`),
      })),
  );
}
