// The pricing module through HTTP and events: base prices, price_changed events, tax-inclusive currencies,
// concurrent changes, the catalog projection. Sales and customer-group prices: pricing-price-lists.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductCreated, ProductDeleted, ProductUpdated } from '../src/modules/product/contract.ts';
import { PriceChanged } from '../src/modules/pricing/contract.ts';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { pricingHelpers } from './helpers/pricing.ts';

const PROBE = 'pricingprobe';

describe('pricing: prices, sales and price_changed', () => {
  let app: TestApp;
  let admin: string;
  let probeQueue: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await adminToken(app);
    // No module subscribes to pricing.price_changed yet; a probe queue makes the published jobs visible.
    probeQueue = await app.platform.bus.declare(PROBE, PriceChanged.name);
  });
  afterAll(() => app?.stop());

  const { publishProduct, newProduct, markerAfter, get, put, post, setPrices, events, quote } = pricingHelpers(() => ({
    app,
    admin,
    probeQueue,
  }));

  it('prices a variant in EUR and USD and publishes price_changed for each, in the same transaction', async () => {
    const {
      variants: [v],
      productId,
    } = await newProduct();
    expect((await get(`/admin/prices/${v.variantId}`)).json()).toEqual({
      variantId: v.variantId,
      productId,
      sku: v.sku,
      title: v.title,
      prices: [],
    });

    const body = await setPrices(v.variantId, [
      { currency: 'EUR', amount: 1999 },
      { currency: 'USD', amount: 2199 },
    ]);
    expect(body.prices).toEqual([
      { currency: 'EUR', amount: 1999 },
      { currency: 'USD', amount: 2199 },
    ]);
    expect((await get(`/admin/prices/${v.variantId}`)).json().prices).toEqual(body.prices);
    expect(await events(v.variantId)).toEqual([
      { variantId: v.variantId, currency: 'EUR', amount: 1999, originalAmount: 1999, taxInclusive: true, sequence: 1 },
      { variantId: v.variantId, currency: 'USD', amount: 2199, originalAmount: 2199, taxInclusive: false, sequence: 1 },
    ]);

    // The same set again changes nothing and publishes nothing.
    await setPrices(v.variantId, [
      { currency: 'USD', amount: 2199 },
      { currency: 'EUR', amount: 1999 },
    ]);
    expect(await events(v.variantId)).toHaveLength(2);

    // Replace the set: EUR changes, USD is dropped (its shelf price becomes null).
    await setPrices(v.variantId, [{ currency: 'EUR', amount: 1799 }]);
    expect((await get(`/admin/prices/${v.variantId}`)).json().prices).toEqual([{ currency: 'EUR', amount: 1799 }]);
    expect(await events(v.variantId, 'EUR')).toMatchObject([
      { amount: 1999, sequence: 1 },
      { amount: 1799, originalAmount: 1799, sequence: 2 },
    ]);
    expect(await events(v.variantId, 'USD')).toMatchObject([
      { amount: 2199, sequence: 1 },
      { amount: null, originalAmount: null, sequence: 2 },
    ]);

    // The quote uses the base price.
    const q = await quote({ currency: 'EUR', lines: [{ variantId: v.variantId, quantity: 2 }] });
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json().lines[0]).toMatchObject({
      unitPrice: 1799,
      originalUnitPrice: 1799,
      priceListId: null,
      subtotal: 3598,
      total: 3598,
    });
  });

  it('bad prices change nothing: unknown variant 404, negative amount or unknown currency 400', async () => {
    const {
      variants: [v],
    } = await newProduct();
    await setPrices(v.variantId, [{ currency: 'EUR', amount: 500 }]);
    const cases: [string, unknown, number, RegExp][] = [
      [uuidv7(), { prices: [{ currency: 'EUR', amount: 100 }] }, 404, /Variant .* not found/],
      [v.variantId, { prices: [{ currency: 'EUR', amount: -1 }] }, 400, /prices\.0\.amount must be >= 0/],
      [
        v.variantId,
        { prices: [{ currency: 'XXX', amount: 100 }] },
        400,
        /prices\.0\.currency must be equal to one of the allowed values/,
      ],
      [v.variantId, { prices: [{ currency: 'EUR', amount: 1.5 }] }, 400, /must be integer/],
      [v.variantId, { prices: [{ currency: 'EUR', amount: 1_000_000_001 }] }, 400, /must be <= 1000000000/],
      [
        v.variantId,
        {
          prices: [
            { currency: 'EUR', amount: 1 },
            { currency: 'EUR', amount: 2 },
          ],
        },
        400,
        /EUR more than once/,
      ],
      [v.variantId, { prices: [{ currency: 'EUR' }] }, 400, /prices\.0\.amount must have required property/],
      [v.variantId, {}, 400, /prices must have required property/],
      [v.variantId, { prices: [{ currency: 'EUR', amount: '100' }] }, 400, /must be integer/],
      [v.variantId, { prices: [], extra: 1 }, 400, /extra is not an allowed property/],
      ['not-a-uuid', { prices: [] }, 400, /params\.variantId must match format "uuid"/],
    ];
    for (const [id, body, status, detail] of cases) {
      const res = await put(`/admin/prices/${id}`, body);
      expect(res.statusCode, `${JSON.stringify(body)}: ${res.body}`).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail).toMatch(detail);
    }
    expect((await get(`/admin/prices/${v.variantId}`)).json().prices).toEqual([{ currency: 'EUR', amount: 500 }]);
    expect(await events(v.variantId)).toHaveLength(1);
    expect((await get(`/admin/prices/${uuidv7()}`)).statusCode).toBe(404);
  });

  it('follows the catalog: older snapshots are ignored, removed variants lose their prices (published as null)', async () => {
    const snap = await newProduct({ categoryIds: [uuidv7()] }, 2);
    const [keep, drop] = snap.variants;
    await setPrices(keep.variantId, [{ currency: 'EUR', amount: 100 }]);
    await setPrices(drop.variantId, [
      { currency: 'EUR', amount: 200 },
      { currency: 'GBP', amount: 180 },
    ]);

    // version 3 drops a variant; a late version 2 that still has it changes nothing
    await publishProduct(ProductUpdated, { ...snap, version: 3, variants: [keep] });
    await eventually(async () => (await get(`/admin/prices/${drop.variantId}`)).statusCode === 404);
    await publishProduct(ProductUpdated, { ...snap, version: 2 });
    await markerAfter(ProductUpdated); // handled after the stale update: same queue, later job
    expect((await get(`/admin/prices/${drop.variantId}`)).statusCode).toBe(404);
    expect((await events(drop.variantId)).map((e) => [e.currency, e.amount, e.sequence])).toEqual([
      ['EUR', 200, 1],
      ['EUR', null, 2],
      ['GBP', 180, 1],
      ['GBP', null, 2],
    ]);
    expect(
      (await put(`/admin/prices/${drop.variantId}`, { prices: [{ currency: 'EUR', amount: 1 }] })).statusCode,
    ).toBe(404);
    expect((await quote({ currency: 'EUR', lines: [{ variantId: drop.variantId, quantity: 1 }] })).statusCode).toBe(
      404,
    );

    // deleted product: everything goes, and a late snapshot cannot bring it back
    await app.platform.orm.em
      .fork()
      .transactional((em) =>
        app.platform.bus.publish(
          em,
          ProductDeleted,
          { productId: snap.productId, version: 4, variantIds: [keep.variantId] },
          { producer: 'product' },
        ),
      );
    await eventually(async () => (await get(`/admin/prices/${keep.variantId}`)).statusCode === 404);
    expect((await events(keep.variantId)).at(-1)).toMatchObject({ amount: null, sequence: 2 });
    await publishProduct(ProductCreated, { ...snap, version: 1 });
    await markerAfter(ProductCreated);
    expect((await get(`/admin/prices/${keep.variantId}`)).statusCode).toBe(404);
  });

  it('switching a currency to tax-exclusive republishes its shelf prices with the new flag', async () => {
    const {
      variants: [v],
    } = await newProduct();
    await setPrices(v.variantId, [
      { currency: 'GBP', amount: 1200 },
      { currency: 'JPY', amount: 1500 },
    ]);
    expect((await get('/admin/currency-settings')).json().items).toEqual([
      { currency: 'EUR', exponent: 2, taxInclusive: true },
      { currency: 'GBP', exponent: 2, taxInclusive: true },
      { currency: 'JPY', exponent: 0, taxInclusive: true },
      { currency: 'USD', exponent: 2, taxInclusive: false },
    ]);
    const res = await put('/admin/currency-settings/GBP', { taxInclusive: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ currency: 'GBP', exponent: 2, taxInclusive: false });
    expect(await events(v.variantId, 'GBP')).toMatchObject([
      { taxInclusive: true, sequence: 1 },
      { amount: 1200, taxInclusive: false, sequence: 2 },
    ]);
    expect(await events(v.variantId, 'JPY')).toHaveLength(1);
    expect((await put('/admin/currency-settings/GBP', { taxInclusive: true })).statusCode).toBe(200);
    expect((await put('/admin/currency-settings/CHF', { taxInclusive: true })).statusCode).toBe(400);
    expect((await put('/admin/currency-settings/GBP', {})).statusCode).toBe(400);
  });

  it('concurrent changes of one price publish increasing sequences that end at the true price', async () => {
    const {
      variants: [v],
    } = await newProduct();
    await setPrices(v.variantId, [{ currency: 'EUR', amount: 1000 }]);
    const results = await Promise.all([
      put(`/admin/prices/${v.variantId}`, { prices: [{ currency: 'EUR', amount: 900 }] }),
      post('/admin/price-lists', { name: 'Race', prices: [{ variantId: v.variantId, currency: 'EUR', amount: 800 }] }),
      put(`/admin/prices/${v.variantId}`, { prices: [{ currency: 'EUR', amount: 950 }] }),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 201, 200]);
    const seq = await events(v.variantId, 'EUR');
    expect(seq.map((e) => e.sequence)).toEqual(seq.map((_, i) => i + 1));
    const last = seq.at(-1);
    const base = (await get(`/admin/prices/${v.variantId}`)).json().prices[0].amount;
    expect(last).toMatchObject({ amount: 800, originalAmount: base });
  });
});
