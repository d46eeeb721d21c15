import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { rateLimited } from '../../../platform/http/rate-limit.ts';
import { listingScope, TAXONOMY } from '../domain/cache-tags.ts';
import { depthOf } from '../domain/category-path.ts';
import { isEmptyListing } from '../domain/search-term.ts';
import { productRuntime } from '../runtime.ts';
import { browseProducts } from '../use-cases/browse-products.ts';
import { getProduct } from '../use-cases/get-product.ts';
import { listCategories } from '../use-cases/list-categories.ts';
import { listCollections } from '../use-cases/list-collections.ts';
import { recordSearchMiss } from '../use-cases/record-search-miss.ts';
import {
  CollectionList,
  CurrencyQuery,
  ListQuery,
  ListResponse,
  StoreCategories,
  StoreProductParams,
} from './schemas.ts';

const problems = { 400: Type.Ref('Problem'), 404: Type.Ref('Problem'), 429: Type.Ref('Problem') };
/** A listing that searches (`q`) costs a full-text query: those are the ones limited. */
const searching = (req: FastifyRequest) => {
  const query = req.query;
  return typeof query === 'object' && query !== null && 'q' in query && query.q !== undefined;
};
const tags = ['store: catalog'];
/** Searches whose first page came back empty, announced once the answer is out (onResponse). */
const missed = new WeakMap<FastifyRequest, string>();

/** What shoppers browse: published products only, prices in their currency, cached with ETags and dropped by tag. */
export const storeCatalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { orm } = app.platform;
  const { cache, search, vocabulary } = productRuntime();

  app.get(
    '/store/products',
    {
      preHandler: rateLimited(app, 'search', { when: searching }),
      // A first page of a search with no product (cached or not) is announced for the reports.
      onSend: async (req, reply, payload) => {
        const { q, cursor } = req.query;
        if (q && !cursor && reply.statusCode === 200 && isEmptyListing(payload)) missed.set(req, q);
        return payload;
      },
      onResponse: async (req) => {
        const q = missed.get(req);
        if (q !== undefined) await recordSearchMiss(app.platform, q);
      },
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
      // (`list2`: the cursors of several words without facets changed ranking, docs/adr/0149)
      const key = `list2:${JSON.stringify(Object.entries(req.query).sort())}`;
      const currency = req.query.currency ?? 'EUR';
      return cache.serve(req, reply, key, listingScope(req.query, currency), async () => {
        const body = await browseProducts(orm.em.fork(), search, vocabulary, req.query, currency);
        return { body, tags: body.items.map((p) => `product:${p.id}`) };
      });
    },
  );

  app.get(
    '/store/products/:idOrHandle',
    {
      schema: {
        tags,
        summary: 'One published product by id or handle',
        params: StoreProductParams,
        querystring: CurrencyQuery,
        response: { 200: Type.Ref('StoreProduct'), ...problems },
      },
    },
    async (req, reply) => {
      const { idOrHandle } = req.params;
      const currency = req.query.currency ?? 'EUR';
      return cache.serve(req, reply, `product:${currency}:${idOrHandle}`, [TAXONOMY], async () => {
        const body = await getProduct(orm.em.fork(), idOrHandle, currency);
        return { body, tags: [`product:${body.id}`] };
      });
    },
  );

  app.get(
    '/store/categories',
    { schema: { tags, summary: 'The category tree', response: { 200: StoreCategories } } },
    async (req, reply) =>
      cache.serve(req, reply, 'categories', [TAXONOMY], async () => ({
        tags: [],
        body: {
          items: (await listCategories(orm.em.fork())).map((c) => ({
            id: c.id,
            parentId: c.parentId ?? null,
            name: c.name,
            handle: c.handle,
            depth: depthOf(c.path),
          })),
        },
      })),
  );

  app.get(
    '/store/collections',
    { schema: { tags, summary: 'All collections', response: { 200: CollectionList } } },
    async (req, reply) =>
      cache.serve(req, reply, 'collections', [TAXONOMY], async () => ({
        tags: [],
        body: { items: await listCollections(orm.em.fork()) },
      })),
  );
};
