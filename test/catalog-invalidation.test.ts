import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { announcePrice, announceStock, sku } from './helpers/catalog.ts';

// The ORM's pg driver (as in catalog-queries.test.ts): only its connections (application_name
// 'tessera') are counted, not the bus's polls.
const pg = createRequire(resolve(import.meta.dirname, '../package.json'))('pg');

/** The statements sent to Postgres while `fn` runs (their count and text), and its answer. */
async function counted<T>(fn: () => Promise<T>): Promise<{ statements: number; texts: string[]; answer: T }> {
  const original = pg.Client.prototype.query;
  const texts: string[] = [];
  pg.Client.prototype.query = function (
    this: { connectionParameters?: { application_name?: string } },
    ...args: unknown[]
  ) {
    if (this.connectionParameters?.application_name === 'tessera') {
      const [q] = args as [string | { text?: string }];
      texts.push(typeof q === 'string' ? q : (q?.text ?? ''));
    }
    return original.apply(this, args);
  };
  try {
    const answer = await fn();
    return { statements: texts.length, texts, answer };
  } finally {
    pg.Client.prototype.query = original;
  }
}

/** The statements reading which categories and collections products are in (entities/listing-scope.ts). */
const scopeReads = (texts: string[]) => texts.filter((t) => t.includes("select 'category' as kind")).length;

describe('store cache: a change drops only the pages that depend on it', () => {
  let app: TestApp;
  const products: Record<string, { id: string; handle: string; variantId: string }> = {};
  let shoes: string, coats: string;

  const quietBus = () =>
    eventually(
      async () =>
        (
          await app.db.query(
            `select count(*)::int as n from pgboss.job where name like 'product/%' and state in ('created','active','retry') and start_after <= now()`,
          )
        )[0].n === 0,
      20_000,
      100,
    );

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product', CATALOG_CACHE_SECONDS: 300 });
    const admin = await adminToken(app);
    const category = async (name: string) =>
      (await app.request('POST', '/admin/categories', { token: admin, body: { name } })).json().id as string;
    shoes = await category('Shoes');
    coats = await category('Coats');
    const make = async (title: string, categoryId: string) => {
      const p = (
        await app.request('POST', '/admin/products', {
          token: admin,
          body: { title, status: 'published', categoryIds: [categoryId], variants: [{ sku: sku() }] },
        })
      ).json();
      await announcePrice(app, p.variants[0].id, 'EUR', 5000);
      await announceStock(app, p.variants[0].id, 5);
      products[title] = { id: p.id, handle: p.handle, variantId: p.variants[0].id };
    };
    await make('Trail Shoe', shoes);
    await make('Court Shoe', shoes);
    await make('Wool Coat', coats);
    await make('Rain Coat', coats);
    await eventually(
      async () =>
        (await app.request('GET', '/store/products?limit=10&inStock=true&currency=EUR')).json().items.length === 4,
      20_000,
      100,
    );
    await quietBus();
  }, 120_000);
  afterAll(() => app?.stop());

  const read = async (url: string) => {
    const { statements, answer } = await counted(() => app.request('GET', url));
    return { statements, cache: answer.headers['x-cache'], body: answer.json() };
  };

  it('a price change on one product: its page and the listings showing it are read again, nothing else', async () => {
    const trail = products['Trail Shoe'];
    const pages = {
      trail: `/store/products/${trail.handle}`,
      court: `/store/products/${products['Court Shoe'].handle}`,
      wool: `/store/products/${products['Wool Coat'].handle}`,
      rain: `/store/products/${products['Rain Coat'].handle}`,
      shoes: `/store/products?category=${shoes}`,
      coats: `/store/products?category=${coats}`,
      coatsByTitle: `/store/products?category=${coats}&sort=title`,
      categories: '/store/categories',
    };
    // Warm every page, then check each is now served without Postgres.
    for (const url of Object.values(pages)) await read(url);
    for (const url of Object.values(pages)) expect(await read(url)).toMatchObject({ statements: 0, cache: 'hit' });

    await announcePrice(app, trail.variantId, 'EUR', 4200);
    await eventually(
      async () =>
        (
          await app.db.query(`select min_amount::int as m from product.listing_prices where product_id = $1`, [
            trail.id,
          ])
        )[0].m === 4200,
      20_000,
      100,
    );
    await quietBus();

    const again: Record<string, Awaited<ReturnType<typeof read>>> = {};
    for (const [name, url] of Object.entries(pages)) again[name] = await read(url);
    // The shoe's own page and the category listing it is on go to Postgres, with the new price...
    expect(again.trail.cache).toBe('miss');
    expect(again.trail.statements).toBeGreaterThan(0);
    expect(again.trail.body.variants[0].price.amount).toBe(4200);
    expect(again.shoes.cache).toBe('miss');
    expect(again.shoes.body.items.find((i: any) => i.id === trail.id).priceRange.min).toBe(4200);
    // ...and every other page stays cached: not one statement.
    for (const name of ['court', 'wool', 'rain', 'coats', 'coatsByTitle', 'categories'])
      expect({ name, ...again[name], body: undefined }).toEqual({ name, statements: 0, cache: 'hit', body: undefined });
  });

  it('a listing sorted by price is dropped by any price change in its currency', async () => {
    const url = `/store/products?category=${coats}&sort=price_asc`;
    await read(url);
    expect((await read(url)).cache).toBe('hit');
    await announcePrice(app, products['Court Shoe'].variantId, 'EUR', 3900);
    await eventually(async () => (await read(url)).cache === 'miss', 20_000, 100);
  });

  it('a catalog edit drops the listings (which products they hold may change)', async () => {
    const url = `/store/products?category=${coats}`;
    await read(url);
    expect((await read(url)).cache).toBe('hit');
    const admin = await adminToken(app);
    await app.request('POST', '/admin/products', {
      token: admin,
      body: { title: 'Duffel Coat', status: 'published', categoryIds: [coats], variants: [{ sku: sku() }] },
    });
    expect((await read(url)).cache).toBe('miss');
  });

  it('a product edit drops the listings of the categories it is in, was in, and the unfiltered ones only', async () => {
    const admin = await adminToken(app);
    const coatsHandle = (await read('/store/categories')).body.items.find((c: any) => c.id === coats).handle;
    const pages = {
      shoes: `/store/products?category=${shoes}`,
      coats: `/store/products?category=${coats}`,
      coatsByHandle: `/store/products?category=${coatsHandle}&sort=title`,
      all: '/store/products?sort=title',
    };
    const warm = async () => {
      for (const url of Object.values(pages)) await read(url);
      for (const url of Object.values(pages)) expect((await read(url)).cache).toBe('hit');
    };
    const court = products['Court Shoe'];
    await warm();
    const { texts, answer: renamed } = await counted(() =>
      app.request('PATCH', `/admin/products/${court.id}`, { token: admin, body: { title: 'Court Shoe Classic' } }),
    );
    expect(renamed.statusCode).toBe(200);
    expect(scopeReads(texts)).toBeGreaterThan(0);
    await quietBus();
    const after = Object.fromEntries(
      await Promise.all(Object.entries(pages).map(async ([k, u]) => [k, await read(u)])),
    );
    expect(after.shoes.cache).toBe('miss');
    expect(after.all.cache).toBe('miss');
    expect(after.all.body.items.map((i: any) => i.title)).toContain('Court Shoe Classic');
    // the coats' pages do not hold the shoe: not one statement
    for (const name of ['coats', 'coatsByHandle'])
      expect({ name, ...after[name], body: undefined }).toEqual({ name, statements: 0, cache: 'hit', body: undefined });

    // Moved from shoes to coats: both categories' listings (by id and by handle) are read again.
    await warm();
    const moved = await app.request('PATCH', `/admin/products/${court.id}`, {
      token: admin,
      body: { categoryIds: [coats] },
    });
    expect(moved.statusCode).toBe(200);
    await quietBus();
    for (const url of Object.values(pages)) expect((await read(url)).cache, url).toBe('miss');
    expect((await read(pages.coatsByHandle)).body.items.map((i: any) => i.id)).toContain(court.id);
    expect((await read(pages.shoes)).body.items.map((i: any) => i.id)).not.toContain(court.id);
  });
});

describe('store cache off (CATALOG_CACHE_SECONDS=0)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product', CATALOG_CACHE_SECONDS: 0 });
  }, 120_000);
  afterAll(() => app?.stop());

  it('staff edits read no listing scope, and the store shows them at once', async () => {
    const admin = await adminToken(app);
    const categoryId = (await app.request('POST', '/admin/categories', { token: admin, body: { name: 'Hats' } })).json()
      .id;
    const created = await counted(() =>
      app.request('POST', '/admin/products', {
        token: admin,
        body: { title: 'Felt Hat', status: 'published', categoryIds: [categoryId], variants: [{ sku: sku() }] },
      }),
    );
    expect(created.answer.statusCode).toBe(201);
    const id = created.answer.json().id as string;
    const edited = await counted(() =>
      app.request('PATCH', `/admin/products/${id}`, { token: admin, body: { title: 'Straw Hat' } }),
    );
    expect(edited.answer.statusCode).toBe(200);
    const page = await app.request('GET', `/store/products/${id}`);
    expect({ cache: page.headers['x-cache'], title: page.json().title }).toEqual({ cache: 'off', title: 'Straw Hat' });
    const deleted = await counted(() => app.request('DELETE', `/admin/products/${id}`, { token: admin }));
    expect(deleted.answer.statusCode).toBeLessThan(300);
    expect([created, edited, deleted].map((c) => scopeReads(c.texts))).toEqual([0, 0, 0]);
  });
});
