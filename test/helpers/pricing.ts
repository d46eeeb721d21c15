// Shared setup of the pricing tests (test/pricing*.test.ts): products sent to pricing, price and quote requests.
import { expect } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductCreated, ProductUpdated, type ProductSnapshot } from '../../src/modules/product/contract.ts';
import { eventually, type TestApp } from './app.ts';

/** The helpers of test/pricing.test.ts and test/pricing-price-lists.test.ts; `ctx` is read when a helper runs. */
export const pricingHelpers = (ctx: () => { app: TestApp; admin: string; probeQueue: string }) => {
  const publishProduct = async (event: typeof ProductCreated | typeof ProductUpdated, snap: ProductSnapshot) =>
    ctx()
      .app.platform.orm.em.fork()
      .transactional((em) => ctx().app.platform.bus.publish(em, event, snap, { producer: 'product' }));

  const snapshot = (over: Partial<ProductSnapshot> = {}, variants = 1): ProductSnapshot => ({
    productId: uuidv7(),
    version: 1,
    handle: `p-${uuidv7()}`,
    title: 'Tee',
    status: 'published',
    categoryIds: [],
    collectionIds: [],
    thumbnail: null,
    variants: Array.from({ length: variants }, (_, i) => ({
      variantId: uuidv7(),
      sku: `SKU-${i}-${uuidv7().slice(-6)}`,
      title: `Size ${i}`,
      options: { size: String(i) },
      weightGrams: null,
    })),
    ...over,
  });

  /** Publishes a new product and waits until pricing knows its variants. */
  const newProduct = async (over: Partial<ProductSnapshot> = {}, variants = 1) => {
    const snap = snapshot(over, variants);
    await publishProduct(ProductCreated, snap);
    for (const v of snap.variants)
      await eventually(async () => (await get(`/admin/prices/${v.variantId}`)).statusCode === 200);
    return snap;
  };

  /** A new product sent through the same queue as `event`: once pricing knows it, earlier jobs of that queue were handled. */
  const markerAfter = async (event: typeof ProductCreated | typeof ProductUpdated) => {
    const snap = snapshot();
    await publishProduct(event, snap);
    await eventually(async () => (await get(`/admin/prices/${snap.variants[0].variantId}`)).statusCode === 200);
  };

  const get = (url: string, token = ctx().admin) => ctx().app.request('GET', url, { token });
  const put = (url: string, body: unknown, token = ctx().admin) => ctx().app.request('PUT', url, { token, body });
  const post = (url: string, body: unknown, token?: string) =>
    ctx().app.request('POST', url, { token: token ?? ctx().admin, body });
  const setPrices = async (variantId: string, prices: { currency: string; amount: number }[]) => {
    const res = await put(`/admin/prices/${variantId}`, { prices });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  /** The price_changed payloads published for a variant, in sequence order per currency. */
  const events = async (variantId: string, currency?: string) => {
    const rows = await ctx().app.db.query(
      `select data from pgboss.job where name = $1 and data->>'name' = 'pricing.price_changed.v1' and data->'payload'->>'variantId' = $2
        order by data->'payload'->>'currency', (data->'payload'->>'sequence')::int`,
      [ctx().probeQueue, variantId],
    );
    return rows.map((r) => r.data.payload).filter((p) => !currency || p.currency === currency);
  };
  const quote = (body: unknown, token?: string) =>
    ctx().app.request('POST', '/store/price-quotes', { body, ...(token ? { token } : {}) });

  return { publishProduct, snapshot, newProduct, markerAfter, get, put, post, setPrices, events, quote };
};
