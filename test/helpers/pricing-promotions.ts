// Shared setup of the promotion, tax and quote tests (test/pricing-promotions.test.ts, test/pricing-tax-quotes.test.ts).
import { expect } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductCreated, type ProductSnapshot } from '../../src/modules/product/contract.ts';
import { adminToken, eventually, startTestApp, type TestApp } from './app.ts';

/** An app with tax rates for DE (19 %) and US (8.875 %). */
export async function startPromotionsApp() {
  const app = await startTestApp();
  const admin = await adminToken(app);
  for (const [cc, rateBps] of [
    ['DE', 1900],
    ['US', 887.5],
  ] as const) {
    const res = await app.request('PUT', `/admin/tax-rates/${cc}`, { token: admin, body: { rateBps, name: cc } });
    expect(res.statusCode, res.body).toBe(201);
  }
  return { app, admin };
}

/** Helpers read `ctx` when they run. */
export const promotionHelpers = (ctx: () => { app: TestApp; admin: string }) => {
  /** A product with one variant priced in EUR and USD, known to pricing. */
  const pricedVariant = async (eur: number, usd: number, over: Partial<ProductSnapshot> = {}) => {
    const { app, admin } = ctx();
    const snap: ProductSnapshot = {
      productId: uuidv7(),
      version: 1,
      handle: `p-${uuidv7()}`,
      title: 'Thing',
      status: 'published',
      categoryIds: [],
      collectionIds: [],
      thumbnail: null,
      variants: [{ variantId: uuidv7(), sku: `S-${uuidv7()}`, title: 'One', options: {}, weightGrams: 100 }],
      ...over,
    };
    await app.platform.orm.em
      .fork()
      .transactional((em) => app.platform.bus.publish(em, ProductCreated, snap, { producer: 'product' }));
    const variantId = snap.variants[0].variantId;
    await eventually(
      async () => (await app.request('GET', `/admin/prices/${variantId}`, { token: admin })).statusCode === 200,
    );
    const res = await app.request('PUT', `/admin/prices/${variantId}`, {
      token: admin,
      body: {
        prices: [
          { currency: 'EUR', amount: eur },
          { currency: 'USD', amount: usd },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    return { variantId, productId: snap.productId, categoryIds: snap.categoryIds, snap };
  };

  const promotion = async (body: Record<string, unknown>) => {
    const res = await ctx().app.request('POST', '/admin/promotions', {
      token: ctx().admin,
      body: { name: 'Promo', ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const code = () => `C${uuidv7().replaceAll('-', '').slice(-12)}`.toUpperCase();
  const quote = async (body: Record<string, unknown>, token?: string) => {
    const res = await ctx().app.request('POST', '/store/price-quotes', { body, ...(token ? { token } : {}) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const em = () => ctx().app.platform.orm.em.fork();

  return { pricedVariant, promotion, code, quote, em };
};
