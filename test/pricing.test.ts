// The pricing module through HTTP and events: base prices, price_changed events, sales (price
// lists) and their scheduled boundaries, customer-group prices, the catalog projection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import {
  ProductCreated,
  ProductDeleted,
  ProductUpdated,
  type ProductSnapshot,
} from '../src/modules/product/contract.ts';
import { PriceChanged } from '../src/modules/pricing/contract.ts';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';

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

  const publishProduct = async (event: typeof ProductCreated | typeof ProductUpdated, snap: ProductSnapshot) =>
    app.platform.orm.em
      .fork()
      .transactional((em) => app.platform.bus.publish(em, event, snap, { producer: 'product' }));

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

  const get = (url: string, token = admin) => app.request('GET', url, { token });
  const put = (url: string, body: unknown, token = admin) => app.request('PUT', url, { token, body });
  const post = (url: string, body: unknown, token?: string) =>
    app.request('POST', url, { token: token ?? admin, body });
  const setPrices = async (variantId: string, prices: { currency: string; amount: number }[]) => {
    const res = await put(`/admin/prices/${variantId}`, { prices });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  /** The price_changed payloads published for a variant, in sequence order per currency. */
  const events = async (variantId: string, currency?: string) => {
    const rows = await app.db.query(
      `select data from pgboss.job where name = $1 and data->>'name' = 'pricing.price_changed.v1' and data->'payload'->>'variantId' = $2
        order by data->'payload'->>'currency', (data->'payload'->>'sequence')::int`,
      [probeQueue, variantId],
    );
    return rows.map((r) => r.data.payload).filter((p) => !currency || p.currency === currency);
  };
  const quote = (body: unknown, token?: string) =>
    app.request('POST', '/store/price-quotes', { body, ...(token ? { token } : {}) });

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

  it('a sale lowers the quote and the published shelf price; deleting it restores both', async () => {
    const {
      variants: [v, w],
    } = await newProduct({}, 2);
    await setPrices(v.variantId, [
      { currency: 'EUR', amount: 5000 },
      { currency: 'USD', amount: 6000 },
    ]);
    await setPrices(w.variantId, [{ currency: 'EUR', amount: 3000 }]);
    const created = await post('/admin/price-lists', {
      name: 'Summer sale',
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: null,
      prices: [
        { variantId: v.variantId, currency: 'EUR', amount: 3999 },
        { variantId: w.variantId, currency: 'EUR', amount: 3500 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const list = created.json();
    expect(list).toMatchObject({ name: 'Summer sale', status: 'active', customerGroupId: null, priceCount: 2 });

    expect(await events(v.variantId, 'EUR')).toMatchObject([
      { amount: 5000, sequence: 1 },
      { amount: 3999, originalAmount: 5000, sequence: 2 },
    ]);
    expect(await events(v.variantId, 'USD')).toHaveLength(1); // no USD sale price
    expect(await events(w.variantId, 'EUR')).toHaveLength(1); // 3500 is above the base 3000: the base stays lowest

    const q = (
      await quote({
        currency: 'EUR',
        lines: [
          { variantId: v.variantId, quantity: 1 },
          { variantId: w.variantId, quantity: 1 },
        ],
      })
    ).json();
    expect(q.lines.map((l: any) => [l.unitPrice, l.originalUnitPrice, l.priceListId])).toEqual([
      [3999, 5000, list.id],
      [3000, 3000, null],
    ]);

    // A second, lower public list wins; lowering it again republishes.
    const deeper = (
      await post('/admin/price-lists', {
        name: 'Flash',
        prices: [{ variantId: v.variantId, currency: 'EUR', amount: 2500 }],
      })
    ).json();
    expect((await events(v.variantId, 'EUR')).at(-1)).toMatchObject({ amount: 2500, sequence: 3 });
    const patched = await app.request('PATCH', `/admin/price-lists/${deeper.id}`, {
      token: admin,
      body: { prices: [{ variantId: v.variantId, currency: 'EUR', amount: 2400 }] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await events(v.variantId, 'EUR')).at(-1)).toMatchObject({ amount: 2400, sequence: 4 });

    expect((await app.request('DELETE', `/admin/price-lists/${deeper.id}`, { token: admin })).statusCode).toBe(204);
    expect((await events(v.variantId, 'EUR')).at(-1)).toMatchObject({ amount: 3999, sequence: 5 });
    expect((await app.request('DELETE', `/admin/price-lists/${list.id}`, { token: admin })).statusCode).toBe(204);
    expect((await events(v.variantId, 'EUR')).at(-1)).toMatchObject({
      amount: 5000,
      originalAmount: 5000,
      sequence: 6,
    });
    expect((await get(`/admin/price-lists/${list.id}`)).statusCode).toBe(404);
    expect(
      (await quote({ currency: 'EUR', lines: [{ variantId: v.variantId, quantity: 1 }] })).json().lines[0].unitPrice,
    ).toBe(5000);
  });

  it('a sale that starts in 1.5 s is published when it starts and when it ends (the scheduled task)', async () => {
    const {
      variants: [v],
    } = await newProduct();
    await setPrices(v.variantId, [{ currency: 'EUR', amount: 1000 }]);
    const startsAt = new Date(Date.now() + 1500);
    const endsAt = new Date(Date.now() + 3500);
    const created = await post('/admin/price-lists', {
      name: 'Soon',
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      prices: [{ variantId: v.variantId, currency: 'EUR', amount: 700 }],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().status).toBe('scheduled');
    // saving it again (same boundaries) schedules nothing new: the task key is (list, moment)
    expect(
      (await app.request('PATCH', `/admin/price-lists/${created.json().id}`, { token: admin, body: { name: 'Soon!' } }))
        .statusCode,
    ).toBe(200);
    const tasks = await app.db.query(
      `select count(*)::int as n from pgboss.job where name = 'pricing/task.pricing.price_list_boundary_reached.v1' and data->'payload'->>'priceListId' = $1`,
      [created.json().id],
    );
    expect(tasks[0].n).toBe(2);

    expect(await events(v.variantId)).toHaveLength(1);
    expect(
      (await quote({ currency: 'EUR', lines: [{ variantId: v.variantId, quantity: 1 }] })).json().lines[0].unitPrice,
    ).toBe(1000);

    const started = await eventually(
      async () => (await events(v.variantId)).find((e) => e.sequence === 2),
      10_000,
      100,
    );
    expect(started).toMatchObject({ amount: 700, originalAmount: 1000 });
    const ended = await eventually(async () => (await events(v.variantId)).find((e) => e.sequence === 3), 10_000, 100);
    expect(ended).toMatchObject({ amount: 1000, originalAmount: 1000 });
    // each was published by the task, at (not before) its boundary
    const published = await app.db.query(
      `select (data->'payload'->>'sequence')::int as seq, data->>'occurredAt' as at from pgboss.job where name = $1 and data->'payload'->>'variantId' = $2 order by 1`,
      [probeQueue, v.variantId],
    );
    expect(Date.parse(published[1].at)).toBeGreaterThanOrEqual(startsAt.getTime());
    expect(Date.parse(published[1].at)).toBeLessThan(endsAt.getTime());
    expect(Date.parse(published[2].at)).toBeGreaterThanOrEqual(endsAt.getTime());
    expect(
      (await quote({ currency: 'EUR', lines: [{ variantId: v.variantId, quantity: 1 }] })).json().lines[0].unitPrice,
    ).toBe(1000);
    expect((await get(`/admin/price-lists/${created.json().id}`)).json().status).toBe('ended');
  });

  it("a customer group's price list applies only with a member's token and is never published", async () => {
    const {
      variants: [v],
    } = await newProduct();
    await setPrices(v.variantId, [{ currency: 'EUR', amount: 2000 }]);
    const [member, other] = [await registerCustomer(app), await registerCustomer(app)];
    const group = (await post('/admin/customer-groups', { name: `Wholesale ${uuidv7()}` })).json();
    const added = await post(`/admin/customer-groups/${group.id}/customers`, { customerIds: [member.id, member.id] });
    expect(added.json()).toEqual({ added: 1 });
    expect((await get(`/admin/customer-groups/${group.id}`)).json().memberCount).toBe(1);
    const list = await post('/admin/price-lists', {
      name: 'Trade prices',
      customerGroupId: group.id,
      prices: [{ variantId: v.variantId, currency: 'EUR', amount: 1500 }],
    });
    expect(list.statusCode, list.body).toBe(201);
    expect(await events(v.variantId)).toHaveLength(1); // the public shelf price did not change

    const unitPrice = async (token?: string) =>
      (await quote({ currency: 'EUR', lines: [{ variantId: v.variantId, quantity: 1 }] }, token)).json().lines[0]
        .unitPrice;
    expect(await unitPrice(member.token)).toBe(1500);
    expect(await unitPrice(other.token)).toBe(2000);
    expect(await unitPrice()).toBe(2000);
    expect(await unitPrice(admin)).toBe(2000); // staff are not customers
    expect(
      (await quote({ currency: 'EUR', lines: [{ variantId: v.variantId, quantity: 1 }] }, 'not-a-jwt')).statusCode,
    ).toBe(401);

    // The group cannot be deleted while a list uses it; removing the member ends the price.
    expect((await app.request('DELETE', `/admin/customer-groups/${group.id}`, { token: admin })).statusCode).toBe(409);
    expect(
      (await app.request('DELETE', `/admin/customer-groups/${group.id}/customers/${member.id}`, { token: admin }))
        .statusCode,
    ).toBe(204);
    expect(await unitPrice(member.token)).toBe(2000);
    // Moving the list to the public makes it the shelf price.
    expect(
      (
        await app.request('PATCH', `/admin/price-lists/${list.json().id}`, {
          token: admin,
          body: { customerGroupId: null },
        })
      ).statusCode,
    ).toBe(200);
    expect((await events(v.variantId)).at(-1)).toMatchObject({ amount: 1500, originalAmount: 2000, sequence: 2 });
    expect((await app.request('DELETE', `/admin/price-lists/${list.json().id}`, { token: admin })).statusCode).toBe(
      204,
    );
    expect((await app.request('DELETE', `/admin/customer-groups/${group.id}`, { token: admin })).statusCode).toBe(204);
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
