import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Meilisearch } from 'meilisearch';
import { ReviewRatingChanged } from '../src/modules/review/contract.ts';
import { adminToken, eventually, publishAs, startTestApp, type TestApp } from './helpers/app.ts';
import { announcePrice, announceStock, sku } from './helpers/catalog.ts';

/**
 * The review module's rating, projected into the catalog's search index: on Postgres always, on
 * Meilisearch when MEILI_URL points at one (skipped otherwise: none runs on this machine). The
 * catalog is booted alone; the review module is played by its published events.
 */
const backends: [string, Record<string, string>][] = [['postgres', {}]];
if (process.env.MEILI_URL)
  backends.push([
    'meilisearch',
    { MEILI_URL: process.env.MEILI_URL, ...(process.env.MEILI_KEY ? { MEILI_KEY: process.env.MEILI_KEY } : {}) },
  ]);

describe.each(backends)('review rating in search on %s', (backend, settings) => {
  let app: TestApp;
  // (a word no other test's products use, so a shared Meilisearch index does not mix them in)
  const word = `zorbly${Date.now().toString(36)}`;
  const ids: Record<string, string> = {};
  const search = async (query: string) => {
    const res = await app.request('GET', `/store/products?q=${word}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((p: { id: string }) => p.id);
  };
  const rate = (productId: string, version: number, average: number, count: number) =>
    publishAs(app, 'review', ReviewRatingChanged, {
      productId,
      version,
      average,
      count,
      distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: count },
    });

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,product', ...settings });
    const admin = await adminToken(app);
    for (const name of ['alpha', 'beta', 'gamma']) {
      const p = (
        await app.request('POST', '/admin/products', {
          token: admin,
          body: { title: `${word} ${name}`, status: 'published', variants: [{ sku: sku() }] },
        })
      ).json();
      await announcePrice(app, p.variants[0].id, 'EUR', 1000);
      await announceStock(app, p.variants[0].id, 3);
      ids[name] = p.id;
    }
    await eventually(async () => (await search('')).length === 3, 10_000, 50);
  });
  afterAll(() => app?.stop());

  it('a published rating sorts and filters search results within a second; an older one is ignored', async () => {
    const { alpha = '', beta = '', gamma = '' } = ids;
    await rate(beta, 1, 4.5, 2);
    await rate(gamma, 1, 2, 1);
    const started = Date.now();
    await eventually(
      async () => (await search('sort=rating'))[0] === beta && (await search('minRating=1')).length === 2,
      1000,
      20,
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await search('sort=rating')).toEqual([beta, gamma, alpha]);
    expect(await search('minRating=3')).toEqual([beta]);

    // A newer rating moves gamma above beta; an older one arriving late changes nothing.
    await rate(gamma, 3, 5, 3);
    await eventually(async () => (await search('sort=rating'))[0] === gamma, 1000, 20);
    await rate(gamma, 2, 1, 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(await search('sort=rating')).toEqual([gamma, beta, alpha]);
    expect(await search('minRating=4.8')).toEqual([gamma]);

    if (backend === 'meilisearch') {
      // The document itself carries the rating the engine sorts by.
      const doc = await new Meilisearch({ host: settings.MEILI_URL, apiKey: settings.MEILI_KEY })
        .index('products')
        .getDocument(gamma);
      expect(doc).toMatchObject({ ratingAverage: 5, ratingCount: 3 });
    }
  });
});
