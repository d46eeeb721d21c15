// Browsing: home, category and collection listings, search (and its as-you-type suggestions),
// the product page, and the currency switch. The catalog pages come from the page cache.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { contextOf, safeBack, type Ctx } from '../context.ts';
import { PageCache, type CachedPage } from '../page-cache.ts';
import { html } from '../html.ts';
import { homePage } from '../pages/home.ts';
import { listingPage, type ListingFilters } from '../pages/listing.ts';
import { productPage } from '../pages/product.ts';
import { isShopCurrency } from '../money.ts';
import { cookieNames, setCookie } from '../session.ts';
import type { ProductSummary } from '../types.ts';
import { CurrencyForm, Handle, ListingQuery, SuggestQuery } from './schemas.ts';

const hide = true;

export const catalogPages: FastifyPluginAsyncTypebox<{ cacheSeconds: number }> = async (app, opts) => {
  const pages = new PageCache({ ttlSeconds: opts.cacheSeconds });
  /** The page for this URL in the shopper's currency, from the cache or rendered now. */
  const cached = async (ctx: Ctx, req: FastifyRequest, render: () => Promise<CachedPage>) => {
    const { page, hit } = await pages.get(`${ctx.shopper.currency} ${req.url}`, render);
    ctx.reply.header('x-page-cache', hit ? 'hit' : 'miss');
    return ctx.render(page);
  };

  app.get('/', { schema: { hide } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    return cached(ctx, req, () => home(ctx));
  });

  app.get(
    '/categories/:handle',
    { schema: { hide, params: Handle, querystring: ListingQuery } },
    async (req, reply) => {
      const ctx = contextOf(app, req, reply);
      return cached(ctx, req, async () => {
        const categories = (await ctx.api.GET('/store/categories')).data?.items ?? [];
        const category = categories.find((c) => c.handle === req.params.handle);
        if (!category) return notFound('No such category.');
        return listing(ctx, req.url, req.query, category.name, { category: category.id });
      });
    },
  );

  app.get(
    '/collections/:handle',
    { schema: { hide, params: Handle, querystring: ListingQuery } },
    async (req, reply) => {
      const ctx = contextOf(app, req, reply);
      return cached(ctx, req, async () => {
        const collections = (await ctx.api.GET('/store/collections')).data?.items ?? [];
        const collection = collections.find((c) => c.handle === req.params.handle);
        if (!collection) return notFound('No such collection.');
        return listing(ctx, req.url, req.query, collection.title, { collection: collection.id });
      });
    },
  );

  app.get('/search', { schema: { hide, querystring: ListingQuery } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const q = req.query.q?.trim();
    const filters = { ...req.query, q: q || undefined };
    return cached(ctx, req, () => listing(ctx, req.url, filters, q ? `Results for “${q}”` : 'All products', {}, true));
  });

  // Search as you type: a few titles for the header's suggestion list (assets/search.js).
  app.get('/search/suggestions', { schema: { hide, querystring: SuggestQuery } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    const q = req.query.q.trim();
    if (q.length < 2) return reply.header('cache-control', 'no-store').send({ items: [] });
    const { data } = await ctx.api.GET('/store/products', {
      params: { query: { q, limit: 6, currency: ctx.shopper.currency } },
    });
    const items = (data?.items ?? []).map((p: ProductSummary) => ({ title: p.title, url: `/products/${p.handle}` }));
    return reply.header('cache-control', 'no-store').send({ items });
  });

  // (the view itself is recorded by the page's script: a cached page still counts every view)
  app.get('/products/:handle', { schema: { hide, params: Handle } }, async (req, reply) => {
    const ctx = contextOf(app, req, reply);
    return cached(ctx, req, () => product(ctx, req.params.handle));
  });

  app.post('/currency', { schema: { hide, body: CurrencyForm } }, async (req, reply) => {
    if (isShopCurrency(req.body.currency)) setCookie(reply, cookieNames.currency, req.body.currency, 365 * 86400);
    return reply.code(303).header('location', safeBack(req.body.back)).send();
  });
};

async function home(ctx: Ctx): Promise<CachedPage> {
  const [categories, collections, newest] = await Promise.all([
    ctx.api.GET('/store/categories'),
    ctx.api.GET('/store/collections'),
    ctx.api.GET('/store/products', {
      params: { query: { limit: 8, sort: 'newest', currency: ctx.shopper.currency } },
    }),
  ]);
  return {
    title: 'Home',
    description: 'Browse the shop by category and collection.',
    body: homePage(categories.data?.items ?? [], collections.data?.items ?? [], newest.data?.items ?? []),
  };
}

async function product(ctx: Ctx, handle: string): Promise<CachedPage> {
  const { data: p } = await ctx.api.GET('/store/products/{idOrHandle}', {
    params: { path: { idOrHandle: handle }, query: { currency: ctx.shopper.currency } },
  });
  if (!p) return notFound('No such product.');
  const [reviews, recs] = await Promise.all([
    ctx.api.GET('/store/products/{id}/reviews', { params: { path: { id: p.id }, query: { limit: 5 } } }),
    ctx.api.GET('/store/products/{id}/recommendations', {
      params: { path: { id: p.id }, query: { kind: 'similar', limit: 4 } },
    }),
  ]);
  const recommended = await productsById(
    ctx,
    (recs.data?.items ?? []).map((r) => r.productId),
  );
  return {
    title: p.title,
    description: p.subtitle ?? undefined,
    body: productPage({ product: p, reviews: reviews.data?.items ?? [], recommended }),
    scripts: ['view.js'],
  };
}

/** Recommended products as listing cards (the API answers ids and scores). */
async function productsById(ctx: Ctx, ids: string[]): Promise<ProductSummary[]> {
  const found = await Promise.all(
    ids.map((id) =>
      ctx.api.GET('/store/products/{idOrHandle}', {
        params: { path: { idOrHandle: id }, query: { currency: ctx.shopper.currency } },
      }),
    ),
  );
  return found.flatMap(({ data: p }) => {
    if (!p) return [];
    const prices = p.variants.flatMap((v) => (v.price ? [v.price.amount] : []));
    const currency = p.variants.find((v) => v.price)?.price?.currency ?? ctx.shopper.currency;
    return [
      {
        ...p,
        categoryIds: p.categories.map((c) => c.id),
        priceRange: {
          currency,
          min: prices.length ? Math.min(...prices) : 0,
          max: prices.length ? Math.max(...prices) : 0,
        },
      },
    ];
  });
}

const notFound = (text: string): CachedPage => ({
  title: 'Not found',
  status: 404,
  body: html`<h1>Not found</h1><p>${text}</p><p><a href="/">Back to the shop</a></p>`,
});

/** A listing of one category or collection, or a search: one page, a different base filter. */
async function listing(
  ctx: Ctx,
  url: string,
  f: ListingFilters,
  heading: string,
  base: { category?: string; collection?: string },
  search = false,
): Promise<CachedPage> {
  const { data, error } = await ctx.api.GET('/store/products', {
    params: {
      query: {
        limit: 24,
        currency: ctx.shopper.currency,
        facets: true,
        ...(f.q ? { q: f.q } : {}),
        ...(f.category ? { category: f.category } : base.category ? { category: base.category } : {}),
        ...(base.collection ? { collection: base.collection } : {}),
        ...(f.minPrice !== undefined ? { minPrice: f.minPrice } : {}),
        ...(f.maxPrice !== undefined ? { maxPrice: f.maxPrice } : {}),
        ...(f.inStock ? { inStock: true } : {}),
        ...(sortOf(f) ? { sort: sortOf(f) } : {}),
        ...(f.cursor ? { cursor: f.cursor } : {}),
      },
    },
  });
  return {
    title: heading,
    query: search ? f.q : undefined,
    status: error ? 400 : 200,
    body: listingPage({
      heading,
      path: url.split('?')[0]!,
      filters: f,
      items: data?.items ?? [],
      facets: data?.facets,
      nextCursor: data?.nextCursor ?? null,
      currency: ctx.shopper.currency,
    }),
  };
}

const sorts = ['newest', 'price_asc', 'price_desc', 'title', 'relevance'] as const;
/** Relevance needs a search term; without one the API's default order stands. */
const sortOf = (f: ListingFilters) => sorts.find((s) => s === f.sort && (s !== 'relevance' || f.q));
