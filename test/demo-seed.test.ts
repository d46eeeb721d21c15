import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, startTestApp, type TestApp } from './helpers/app.ts';
import { planDemoSeed } from '../src/platform/seed/first-start.ts';
import { seedDemoShop } from '../src/platform/seed/seed.ts';
import { SeedState } from '../src/platform/seed/seed-state.ts';

const PRODUCTS = 30;

/** The app, except that the first price write fails: a start stopped after the products were made. */
function stoppedBeforePrices(app: FastifyInstance): FastifyInstance {
  let failed = false;
  return new Proxy(app, {
    get(target, key, receiver) {
      if (key !== 'inject') return Reflect.get(target, key, receiver);
      return (opts: { method: string; url: string }) => {
        if (!failed && opts.method === 'PUT' && opts.url === '/admin/prices') {
          failed = true;
          return Promise.reject(new Error('stopped'));
        }
        return target.inject(opts);
      };
    },
  });
}

describe("npm start's demo shop", () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp();
    token = await adminToken(app);
  });
  afterAll(() => app?.stop());

  it('/ready says seeding until the shop is complete; a seed stopped half way resumes on the next start, finishes once and never runs again', async () => {
    const run = await planDemoSeed(app, PRODUCTS);
    expect(run).toBeDefined();
    const during = (await app.request('GET', '/ready')).json();
    expect(during).toMatchObject({ status: 'ready', seeding: true, seed: { products: 0, of: PRODUCTS } });

    // The first start stops after its products were made, before they had prices...
    const state = new SeedState(() => app.platform.orm.em.fork(), 42);
    const tokens = app.platform.tokens;
    await expect(
      seedDemoShop(stoppedBeforePrices(app.app), tokens, { products: PRODUCTS, state, done: {} }),
    ).rejects.toThrow('stopped');
    const stopped = await state.read();
    expect(stopped?.completedAt).toBeNull();
    const made = stopped!.batches['0'].created!;
    expect(made).toHaveLength(PRODUCTS);
    // ...and (the harder case) before it could record them: the next start must find them by handle.
    await app.db.query(`update platform.demo_seed set batches = '{}'`);

    app.platform.demoSeed = undefined;
    const resume = await planDemoSeed(app, 999); // (the size the seed began with wins)
    expect(resume).toBeDefined();
    expect((await app.request('GET', '/ready')).json()).toMatchObject({ seeding: true, seed: { of: PRODUCTS } });
    await resume!('http://127.0.0.1:3000');

    expect((await app.request('GET', '/ready')).json()).toMatchObject({ status: 'ready', seeding: false });
    expect((await state.read())?.completedAt).not.toBeNull();
    const products = (await app.request('GET', '/admin/products?limit=100', { token })).json().items;
    expect(products).toHaveLength(PRODUCTS);
    for (const variantId of made.flat()) {
      const prices = await app.request('GET', `/admin/prices/${variantId}`, { token });
      expect(prices.statusCode, variantId).toBe(200);
      expect(
        prices
          .json()
          .prices.map((p: { currency: string }) => p.currency)
          .sort(),
      ).toEqual(['EUR', 'USD']);
    }
    const lists = (await app.request('GET', '/admin/price-lists?limit=100', { token })).json().items;
    expect(lists.filter((l: { name: string }) => l.name === 'Last Chance Sale')).toHaveLength(1);
    const codes = (await app.request('GET', '/admin/promotions?q=WELCOME10', { token })).json().items;
    expect(codes).toHaveLength(1);

    // Finished: the next start does nothing; nor does a shop that has products but no record of a seed.
    expect(await planDemoSeed(app, PRODUCTS)).toBeUndefined();
    await app.db.query('delete from platform.demo_seed');
    expect(await planDemoSeed(app, PRODUCTS)).toBeUndefined();
  }, 120_000);
});
