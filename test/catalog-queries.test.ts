import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { announcePrice, announceStock, sku } from './helpers/catalog.ts';
import { termFacetFillsSettled } from '../src/modules/product/use-cases/fill-term-facets.ts';

// The pg driver MikroORM's pool uses (the project's pinned copy, src/platform/db/prepared.ts): every
// statement the catalog reads runs through it. The bus's pools use it too: only the ORM's
// connections (application_name 'tessera') are counted, not the bus's polls.
const pg = createRequire(resolve(import.meta.dirname, '../package.json'))('pg');

/** Counts the SQL statements sent while fn runs. */
async function statements(fn: () => Promise<unknown>): Promise<number> {
  const original = pg.Client.prototype.query;
  let n = 0;
  pg.Client.prototype.query = function (
    this: { connectionParameters?: { application_name?: string } },
    ...args: unknown[]
  ) {
    if (this.connectionParameters?.application_name === 'tessera') n++;
    return original.apply(this, args);
  };
  try {
    await fn();
  } finally {
    pg.Client.prototype.query = original;
  }
  return n;
}

describe('no N+1: statements per catalog read do not grow with page size or variant count', () => {
  let app: TestApp;
  let small: any, large: any;

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product' });
    const admin = await adminToken(app);
    const make = async (title: string, variants: number) => {
      const values = Array.from({ length: variants }, (_, i) => `V${i}`);
      const p = (
        await app.request('POST', '/admin/products', {
          token: admin,
          body: {
            title,
            status: 'published',
            options: [{ name: 'Size', values }],
            variants: values.map((v) => ({ sku: sku(), options: { Size: v } })),
          },
        })
      ).json();
      for (const v of p.variants) {
        await announcePrice(app, v.id, 'EUR', 1000);
        await announceStock(app, v.id, 3);
      }
      return p;
    };
    small = await make('One Variant Tee', 1);
    large = await make('Thirty Variant Tee', 30);
    for (let i = 0; i < 48; i++) await make(`Filler ${i}`, 2);
    await eventually(
      async () => (await app.request('GET', '/store/products?limit=100&sort=title')).json().items.length >= 50,
      20_000,
      100,
    );
    // Let the projections settle, so no handler runs while statements are counted.
    await eventually(
      async () =>
        (
          await app.db.query(
            `select count(*)::int as n from pgboss.job where name like 'product/%' and state in ('created','active','retry') and start_after <= now()`,
          )
        )[0].n === 0,
      20_000,
      100,
    );
  }, 120_000);
  afterAll(() => app?.stop());

  it('a listing page: the same count for 5 and for 50 products (each with its variants)', async () => {
    const five = await statements(() => app.request('GET', '/store/products?limit=5&sort=price_asc'));
    const fifty = await statements(() => app.request('GET', '/store/products?limit=50&sort=price_asc'));
    expect(five).toBeGreaterThan(0); // the probe sees the reads
    expect(fifty).toBe(five);
    expect(five).toBeLessThanOrEqual(2);
    // A cached repeat costs no statement at all.
    expect(await statements(() => app.request('GET', '/store/products?limit=50&sort=price_asc'))).toBe(0);
  });

  it('a product page: the same count for 1 and for 30 variants', async () => {
    const one = await statements(() => app.request('GET', `/store/products/${small.id}`));
    const thirty = await statements(() => app.request('GET', `/store/products/${large.id}`));
    const body = (await app.request('GET', `/store/products/${large.id}`)).json();
    expect(body.variants).toHaveLength(30);
    expect(body.variants.every((v: any) => v.price?.amount === 1000 && v.inStock)).toBe(true);
    expect(one).toBeGreaterThan(0);
    expect(thirty).toBe(one);
  });

  it('a search with facets: a fixed number of statements', async () => {
    // (another search first, not cached for the counted ones: a connection's first run of a
    // statement, or of a BEGIN, prepares it, which is a statement more)
    await app.request('GET', '/store/products?q=variant&limit=7');
    await termFacetFillsSettled();
    // A term's first search with facets also keeps its counts (docs/adr/0130): one transaction
    // more after the answer (counted here with it), the same whatever the page; the searches
    // after it read them.
    const search = (url: string) =>
      statements(async () => {
        await app.request('GET', url);
        await termFacetFillsSettled();
      });
    const first = await search('/store/products?q=tee&limit=5');
    expect(await search('/store/products?q=filler&limit=50')).toBe(first);
    expect(first).toBeLessThanOrEqual(3 + 4);
    const a = await search('/store/products?q=tee&limit=6');
    const b = await search('/store/products?q=filler&limit=40');
    expect(a).toBeGreaterThan(0);
    expect(a).toBe(b);
    expect(a).toBeLessThanOrEqual(3);
  });
});
