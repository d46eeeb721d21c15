import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductUpdated } from '../src/modules/product/contract.ts';
import { recordProduct, recordProductDeleted } from '../src/modules/recommendation/use-cases/record-product.ts';
import { recordStock } from '../src/modules/recommendation/use-cases/record-stock.ts';
import type { TestApp } from './helpers/app.ts';
import { recommendationHelpers, startRecommendationApp } from './helpers/recommendation.ts';

/** Recently viewed: reported by the storefront, per customer or anonymous session, each sees only theirs. */
describe('recommendation: recently viewed per shopper', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startRecommendationApp();
  });
  afterAll(() => app?.stop());
  const { product, announce } = recommendationHelpers(() => app);
  const customer = async () => {
    const id = uuidv7();
    return app.platform.tokens.sign({ kind: 'customer', sub: id, email: `c.${id}@example.com` });
  };
  const view = (productId: string, who: { token?: string; sessionId?: string }) =>
    app.request('POST', '/store/recommendations/views', {
      token: who.token,
      body: { productId, ...(who.sessionId ? { sessionId: who.sessionId } : {}) },
    });
  const viewed = async (who: { token?: string; sessionId?: string }) => {
    const q = who.sessionId ? `&sessionId=${who.sessionId}` : '';
    const res = await app.request('GET', `/store/recommendations?kind=recently_viewed${q}`, { token: who.token });
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`);
    return res.json().items.map((i: { productId: string }) => i.productId);
  };

  it("a shopper's recently viewed list is theirs alone, newest first", async () => {
    const [a, b, c] = [await product(), await product(), await product()];
    const ada = { token: await customer() };
    const bob = { token: await customer() };
    const guest = { sessionId: `s_${uuidv7().replaceAll('-', '')}` };
    for (const [p, who] of [
      [a, ada],
      [b, ada],
      [c, bob],
      [b, guest],
    ] as const)
      expect((await view(p.productId, who)).statusCode).toBe(204);
    // Viewing again moves it to the front, once.
    expect((await view(a.productId, ada)).statusCode).toBe(204);
    expect(await viewed(ada)).toEqual([a.productId, b.productId]);
    expect(await viewed(bob)).toEqual([c.productId]);
    expect(await viewed(guest)).toEqual([b.productId]);
    // A signed-in shopper is known by their account: a session id in the query does not reach another list.
    expect(await viewed({ ...bob, sessionId: guest.sessionId })).toEqual([c.productId]);
    expect(await viewed({ sessionId: `s_${uuidv7().replaceAll('-', '')}` })).toEqual([]);
  });

  it('an unpublished product leaves the list', async () => {
    const p = await product();
    const who = { token: await customer() };
    await view(p.productId, who);
    expect(await viewed(who)).toEqual([p.productId]);
    await announce(
      ProductUpdated,
      {
        productId: p.productId,
        version: 2,
        handle: 'h',
        title: 'Draft',
        status: 'draft',
        categoryIds: [],
        collectionIds: [],
        thumbnail: null,
        variants: [{ variantId: p.variantId, sku: 'S', title: 'V', options: {}, weightGrams: null }],
      },
      'product',
    );
    expect(await viewed(who)).toEqual([]);
  });

  it('only the latest 50 views of a shopper are kept: older ones are dropped, not just hidden', async () => {
    // (52 products projected directly through the module's use-cases: 52 announcements would take long)
    const ids = Array.from({ length: 52 }, () => uuidv7());
    await app.platform.orm.em.fork().transactional(async (em) => {
      for (const productId of ids) {
        const variantId = uuidv7();
        await recordStock(em, { variantId, inStock: true, sequence: 1 });
        await recordProduct(em, {
          productId,
          version: 1,
          handle: `v-${productId.slice(-8)}`,
          title: 'P',
          status: 'published',
          categoryIds: [],
          collectionIds: [],
          thumbnail: null,
          variants: [{ variantId, sku: `V-${productId.slice(-8)}`, title: 'V', options: {}, weightGrams: null }],
        });
      }
    });
    const who = { sessionId: `s_${uuidv7().replaceAll('-', '')}` };
    const viewFrom = (productId: string) =>
      app.request('POST', '/store/recommendations/views', {
        body: { productId, sessionId: who.sessionId },
        remoteAddress: '10.9.8.20',
      });
    const [first, second, ...rest] = ids as [string, string, ...string[]];
    expect((await viewFrom(first)).statusCode).toBe(204);
    expect((await viewFrom(second)).statusCode).toBe(204);
    await new Promise((r) => setTimeout(r, 5)); // (the two oldest strictly older than the rest)
    for (const productId of rest) expect((await viewFrom(productId)).statusCode).toBe(204);
    const list = await viewed({ ...who });
    expect(list).toHaveLength(10);
    expect(list[0]).toBe(rest.at(-1));
    // Once the 50 newest may no longer be shown, the two oldest do not come back: they were dropped.
    await app.platform.orm.em.fork().transactional(async (em) => {
      for (const productId of rest) await recordProductDeleted(em, productId, 2);
    });
    expect(await viewed(who)).toEqual([]);
  });

  it('validates what it is sent: a guest without a session, a short session, a bad id, extra fields are 400', async () => {
    const productId = uuidv7();
    for (const body of [
      { productId },
      { productId, sessionId: 'short' },
      { productId, sessionId: 'x'.repeat(65) },
      { productId, sessionId: '<script>alert(1)</script>xxxx' },
      { productId: 'nope', sessionId: 'a'.repeat(20) },
      { productId, sessionId: 'a'.repeat(20), extra: 1 },
    ]) {
      const res = await app.request('POST', '/store/recommendations/views', { body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await app.request('GET', '/store/recommendations?kind=recently_viewed')).statusCode).toBe(400);
    expect((await app.request('GET', '/store/recommendations?kind=other&sessionId=' + 'a'.repeat(20))).statusCode).toBe(
      400,
    );
  });

  it('views are rate-limited per client address', async () => {
    const sessionId = 'r'.repeat(20);
    const productId = uuidv7();
    let last = 0;
    for (let i = 0; i < 245 && last !== 429; i++)
      last = (
        await app.request('POST', '/store/recommendations/views', {
          body: { productId, sessionId },
          remoteAddress: '10.9.8.7',
        })
      ).statusCode;
    expect(last).toBe(429);
  });

  it('reads are rate-limited per client address too, with a problem+json 429', async () => {
    const sessionId = 'q'.repeat(20);
    const urls = [
      `/store/recommendations?kind=recently_viewed&sessionId=${sessionId}`,
      `/store/products/${uuidv7()}/recommendations?kind=similar`,
    ];
    let last = await app.request('GET', urls[0] ?? '', { remoteAddress: '10.9.8.6' });
    expect(last.statusCode).toBe(200);
    expect(last.headers['ratelimit-limit']).toBe('600');
    for (let i = 1; i < 605 && last.statusCode !== 429; i++)
      last = await app.request('GET', urls[i % 2] ?? '', { remoteAddress: '10.9.8.6' });
    expect(last.statusCode).toBe(429);
    expect(last.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(last.headers['retry-after']).toBeDefined();
    // Another address is not held back.
    expect((await app.request('GET', urls[1] ?? '', { remoteAddress: '10.9.8.5' })).statusCode).toBe(200);
  });
});
