// Promotions, tax and quotes through HTTP, and the redeem use case the order saga will call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductCreated, ProductUpdated, type ProductSnapshot } from '../src/modules/product/contract.ts';
import { redeem } from '../src/modules/pricing/use-cases/redeem-promotion.ts';
import { releaseRedemptions } from '../src/modules/pricing/use-cases/release-redemptions.ts';
import { quote as quoteUseCase } from '../src/modules/pricing/use-cases/quote.ts';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';

describe('pricing: promotions, tax and quotes', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await adminToken(app);
    for (const [cc, rateBps] of [
      ['DE', 1900],
      ['US', 887.5],
    ] as const) {
      const res = await app.request('PUT', `/admin/tax-rates/${cc}`, { token: admin, body: { rateBps, name: cc } });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(() => app?.stop());

  /** A product with one variant priced in EUR and USD, known to pricing. */
  const pricedVariant = async (eur: number, usd: number, over: Partial<ProductSnapshot> = {}) => {
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
    const res = await app.request('POST', '/admin/promotions', { token: admin, body: { name: 'Promo', ...body } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const code = () => `C${uuidv7().replaceAll('-', '').slice(-12)}`.toUpperCase();
  const quote = async (body: Record<string, unknown>, token?: string) => {
    const res = await app.request('POST', '/store/price-quotes', { body, ...(token ? { token } : {}) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const em = () => app.platform.orm.em.fork();

  it('19 % VAT inside EUR prices and 8.875 % sales tax on top of USD prices, shipping taxed alike', async () => {
    const { variantId } = await pricedVariant(11_900, 10_000);
    const eur = await quote({
      currency: 'EUR',
      countryCode: 'DE',
      lines: [{ variantId, quantity: 1 }],
      shippingAmount: 595,
    });
    expect(eur).toMatchObject({ currency: 'EUR', taxInclusive: true, countryCode: 'DE', taxRateBps: 1900 });
    expect(eur.lines[0]).toMatchObject({
      unitPrice: 11_900,
      subtotal: 11_900,
      discount: 0,
      net: 10_000,
      tax: 1_900,
      total: 11_900,
    });
    expect(eur.shipping).toEqual({ amount: 595, net: 500, tax: 95, total: 595 });
    expect(eur.totals).toEqual({ subtotal: 11_900, discount: 0, shipping: 595, tax: 1_995, total: 12_495 });

    const usd = await quote({
      currency: 'USD',
      countryCode: 'US',
      lines: [{ variantId, quantity: 1 }],
      shippingAmount: 1_000,
    });
    expect(usd).toMatchObject({ taxInclusive: false, taxRateBps: 887.5 });
    expect(usd.lines[0]).toMatchObject({ net: 10_000, tax: 888, total: 10_888 }); // 887.5 rounds half-up
    expect(usd.shipping).toEqual({ amount: 1_000, net: 1_000, tax: 89, total: 1_089 }); // 88.75 -> 89
    expect(usd.totals).toEqual({ subtotal: 10_000, discount: 0, shipping: 1_000, tax: 977, total: 11_977 });

    // no country, or a country without a rate: no tax
    expect((await quote({ currency: 'USD', lines: [{ variantId, quantity: 1 }] })).totals).toMatchObject({
      tax: 0,
      total: 10_000,
    });
    expect(
      (await quote({ currency: 'EUR', countryCode: 'FR', lines: [{ variantId, quantity: 1 }] })).totals,
    ).toMatchObject({ tax: 0, total: 11_900 });

    // rates are admin data: list, change, delete
    expect(
      (await app.request('GET', '/admin/tax-rates', { token: admin }))
        .json()
        .items.map((r: any) => [r.countryCode, r.rateBps]),
    ).toEqual([
      ['DE', 1900],
      ['US', 887.5],
    ]);
    expect(
      (await app.request('PUT', '/admin/tax-rates/FR', { token: admin, body: { rateBps: 2000 } })).statusCode,
    ).toBe(201);
    expect(
      (await app.request('PUT', '/admin/tax-rates/FR', { token: admin, body: { rateBps: 2000, name: 'TVA' } })).json(),
    ).toMatchObject({ countryCode: 'FR', rateBps: 2000, name: 'TVA' });
    expect((await quote({ currency: 'EUR', countryCode: 'FR', lines: [{ variantId, quantity: 1 }] })).totals.tax).toBe(
      1_983,
    ); // 11900 / 6
    expect((await app.request('DELETE', '/admin/tax-rates/FR', { token: admin })).statusCode).toBe(204);
    expect((await app.request('GET', '/admin/tax-rates/FR', { token: admin })).statusCode).toBe(404);
  });

  it('a code promotion (case-insensitive) vs a fixed automatic one, stacked in the documented order', async () => {
    const { variantId } = await pricedVariant(10_000, 10_000);
    const c = code();
    const pct = await promotion({ code: c, kind: 'percentage', percentBps: 1_000 });
    expect(pct).toMatchObject({
      code: c,
      automatic: false,
      kind: 'percentage',
      percentBps: 1_000,
      usageCount: 0,
      amounts: [],
    });
    const dup = await app.request('POST', '/admin/promotions', {
      token: admin,
      body: { name: 'Dup', code: c.toLowerCase(), kind: 'fixed', amounts: [{ currency: 'EUR', amount: 1 }] },
    });
    expect(dup.statusCode).toBe(409);

    const q = await quote({ currency: 'EUR', code: c.toLowerCase(), lines: [{ variantId, quantity: 1 }] });
    expect(q.code).toEqual({ code: c.toLowerCase(), applied: true, reason: null, message: null });
    expect(q.promotions).toEqual([{ promotionId: pct.id, name: 'Promo', code: c, automatic: false, amount: 1_000 }]);
    expect(q.totals).toMatchObject({ subtotal: 10_000, discount: 1_000, total: 9_000 });
    expect(q.lines[0].adjustments).toEqual([{ promotionId: pct.id, amount: 1_000 }]);

    // an automatic fixed promotion (EUR only) applies to everyone, before the code
    const auto = await promotion({
      name: 'Welcome',
      kind: 'fixed',
      amounts: [{ currency: 'EUR', amount: 500 }],
      productIds: [(await app.request('GET', `/admin/prices/${variantId}`, { token: admin })).json().productId],
    });
    try {
      const both = await quote({ currency: 'EUR', code: c, lines: [{ variantId, quantity: 1 }] });
      expect(both.promotions.map((p: any) => [p.promotionId, p.amount])).toEqual([
        [auto.id, 500],
        [pct.id, 950],
      ]);
      expect(both.totals).toMatchObject({ discount: 1_450, total: 8_550 });
      const usd = await quote({ currency: 'USD', lines: [{ variantId, quantity: 1 }] });
      expect(usd.promotions).toEqual([]); // no USD amount
    } finally {
      await app.request('DELETE', `/admin/promotions/${auto.id}`, { token: admin });
    }
  });

  it('rejects codes with a reason and prices the order without them', async () => {
    const { variantId } = await pricedVariant(5_000, 5_000);
    const lines = [{ variantId, quantity: 1 }];
    const reasonOf = async (c: string, token?: string) => {
      const q = await quote({ currency: 'EUR', code: c, lines }, token);
      expect(q.totals.discount).toBe(0);
      return [q.code.reason, q.code.message];
    };
    expect(await reasonOf('NOPE-NOPE')).toEqual(['unknown', 'No promotion has this code']);

    const min = await promotion({
      code: code(),
      kind: 'percentage',
      percentBps: 1_000,
      minSubtotal: [{ currency: 'EUR', amount: 10_000 }],
    });
    expect(await reasonOf(min.code)).toEqual([
      'minimum_not_met',
      'This code needs an order subtotal of at least 100.00 EUR',
    ]);
    expect((await quote({ currency: 'EUR', code: min.code, lines: [{ variantId, quantity: 2 }] })).code.applied).toBe(
      true,
    );

    const expired = await promotion({
      code: code(),
      kind: 'percentage',
      percentBps: 1_000,
      startsAt: '2020-01-01T00:00:00Z',
      endsAt: '2021-01-01T00:00:00Z',
    });
    expect((await reasonOf(expired.code))[0]).toBe('expired');
    const future = await promotion({
      code: code(),
      kind: 'percentage',
      percentBps: 1_000,
      startsAt: '2099-01-01T00:00:00Z',
    });
    expect((await reasonOf(future.code))[0]).toBe('not_started');
    const elsewhere = await promotion({ code: code(), kind: 'percentage', percentBps: 1_000, categoryIds: [uuidv7()] });
    expect((await reasonOf(elsewhere.code))[0]).toBe('not_applicable');
  });

  it('product and category promotions discount only their lines', async () => {
    const category = uuidv7();
    const shoes = await pricedVariant(4_000, 4_000, { categoryIds: [category] });
    const hat = await pricedVariant(2_000, 2_000);
    const p = await promotion({ code: code(), kind: 'percentage', percentBps: 2_500, categoryIds: [category] });
    const q = await quote({
      currency: 'EUR',
      code: p.code,
      lines: [
        { variantId: shoes.variantId, quantity: 2 },
        { variantId: hat.variantId, quantity: 1 },
      ],
    });
    expect(q.lines.map((l: any) => l.discount)).toEqual([2_000, 0]);
    const byProduct = await promotion({
      code: code(),
      kind: 'fixed',
      amounts: [{ currency: 'EUR', amount: 300 }],
      productIds: [hat.productId],
    });
    const q2 = await quote({
      currency: 'EUR',
      code: byProduct.code,
      lines: [
        { variantId: shoes.variantId, quantity: 1 },
        { variantId: hat.variantId, quantity: 1 },
      ],
    });
    expect(q2.lines.map((l: any) => l.discount)).toEqual([0, 300]);

    // the hat joins the category (a newer product snapshot): the category promotion now covers it too
    await app.platform.orm.em
      .fork()
      .transactional((em) =>
        app.platform.bus.publish(
          em,
          ProductUpdated,
          { ...hat.snap, version: 2, categoryIds: [category] },
          { producer: 'product' },
        ),
      );
    await eventually(async () => {
      const q3 = await quote({ currency: 'EUR', code: p.code, lines: [{ variantId: hat.variantId, quantity: 1 }] });
      return q3.totals.discount === 500;
    });
  });

  it('a whole-order discount is spread over the lines so they add up to the totals', async () => {
    const a = await pricedVariant(1_000, 1_000);
    const b = await pricedVariant(1_000, 1_000);
    const c = await pricedVariant(1_000, 1_000);
    const p = await promotion({ code: code(), kind: 'fixed', amounts: [{ currency: 'EUR', amount: 1_000 }] });
    const q = await quote({
      currency: 'EUR',
      countryCode: 'DE',
      code: p.code,
      lines: [a, b, c].map((v) => ({ variantId: v.variantId, quantity: 1 })),
    });
    expect(q.lines.map((l: any) => l.discount)).toEqual([334, 333, 333]);
    const sum = (k: string) => q.lines.reduce((s: number, l: any) => s + l[k], 0);
    expect([sum('subtotal'), sum('discount'), sum('tax'), sum('total')]).toEqual([
      q.totals.subtotal,
      q.totals.discount,
      q.totals.tax,
      q.totals.total,
    ]);
    for (const l of q.lines) expect(l.net + l.tax).toBe(l.total);
  });

  it('redeem: a total limit of 1 redeemed by two orders at once succeeds once, and the code then reads as used up', async () => {
    const { variantId } = await pricedVariant(3_000, 3_000);
    const p = await promotion({ code: code(), kind: 'percentage', percentBps: 1_000, usageLimit: 1 });
    const [x, y] = await Promise.all([
      redeem(em(), { promotionId: p.id, orderId: uuidv7(), customerId: null, currency: 'EUR', amount: 300 }),
      redeem(em(), { promotionId: p.id, orderId: uuidv7(), customerId: null, currency: 'EUR', amount: 300 }),
    ]);
    expect([x.ok, y.ok].sort()).toEqual([false, true]);
    expect([x, y].find((r) => !r.ok)).toEqual({ ok: false, reason: 'limit_reached' });
    expect((await app.request('GET', `/admin/promotions/${p.id}`, { token: admin })).json().usageCount).toBe(1);
    expect(
      (
        await app.db.query('select count(*)::int as n from pricing.promotion_redemptions where promotion_id = $1', [
          p.id,
        ])
      )[0].n,
    ).toBe(1);
    expect((await quote({ currency: 'EUR', code: p.code, lines: [{ variantId, quantity: 1 }] })).code).toMatchObject({
      applied: false,
      reason: 'limit_reached',
    });
  });

  it('redeem: the same order twice is one use; a canceled order gives its use back', async () => {
    const p = await promotion({ code: code(), kind: 'percentage', percentBps: 1_000, usageLimit: 1 });
    const orderId = uuidv7();
    const first = await redeem(em(), { promotionId: p.id, orderId, customerId: null, currency: 'EUR', amount: 10 });
    const again = await redeem(em(), { promotionId: p.id, orderId, customerId: null, currency: 'EUR', amount: 10 });
    expect(first).toMatchObject({ ok: true, repeated: false });
    expect(again).toEqual({ ok: true, redemptionId: (first as any).redemptionId, repeated: true });
    expect(
      await redeem(em(), { promotionId: p.id, orderId: uuidv7(), customerId: null, currency: 'EUR', amount: 10 }),
    ).toEqual({ ok: false, reason: 'limit_reached' });
    expect(await releaseRedemptions(em(), orderId)).toBe(1);
    expect(await releaseRedemptions(em(), orderId)).toBe(0);
    expect(
      (await redeem(em(), { promotionId: p.id, orderId: uuidv7(), customerId: null, currency: 'EUR', amount: 10 })).ok,
    ).toBe(true);
    expect(
      await redeem(em(), { promotionId: uuidv7(), orderId: uuidv7(), customerId: null, currency: 'EUR', amount: 10 }),
    ).toEqual({ ok: false, reason: 'unknown' });
  });

  it('once per customer: guests are asked to sign in, a second use by one customer is refused, even at once', async () => {
    const { variantId } = await pricedVariant(2_000, 2_000);
    const p = await promotion({
      code: code(),
      kind: 'fixed',
      amounts: [{ currency: 'EUR', amount: 200 }],
      oncePerCustomer: true,
    });
    const lines = [{ variantId, quantity: 1 }];
    const [ada, bob] = [await registerCustomer(app), await registerCustomer(app)];
    expect((await quote({ currency: 'EUR', code: p.code, lines })).code).toMatchObject({
      applied: false,
      reason: 'customer_required',
    });
    expect((await quote({ currency: 'EUR', code: p.code, lines }, ada.token)).code.applied).toBe(true);

    const results = await Promise.all(
      [0, 1, 2].map(() =>
        redeem(em(), { promotionId: p.id, orderId: uuidv7(), customerId: ada.id, currency: 'EUR', amount: 200 }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, reason: 'already_used' },
      { ok: false, reason: 'already_used' },
    ]);
    expect(
      await redeem(em(), { promotionId: p.id, orderId: uuidv7(), customerId: null, currency: 'EUR', amount: 200 }),
    ).toEqual({ ok: false, reason: 'customer_required' });

    expect((await quote({ currency: 'EUR', code: p.code, lines }, ada.token)).code).toMatchObject({
      applied: false,
      reason: 'already_used',
      message: 'You have already used this code',
    });
    expect((await quote({ currency: 'EUR', code: p.code, lines }, bob.token)).code.applied).toBe(true);
    expect((await app.request('GET', `/admin/promotions/${p.id}`, { token: admin })).json().usageCount).toBe(1);
  });

  it('the quote use case runs inside a caller transaction too (the saga will call it from an event handler)', async () => {
    const { variantId } = await pricedVariant(1_234, 1_500);
    const q = await em().transactional((tx) =>
      quoteUseCase(tx, { currency: 'USD', countryCode: 'US', lines: [{ variantId, quantity: 3 }] }),
    );
    expect(q.totals).toEqual({ subtotal: 4_500, discount: 0, shipping: 0, tax: 399, total: 4_899 }); // 399.375 -> 399
  });

  it('quote limits: 1..100 lines, quantity 1..10000, unknown variants 404, unpriced 422', async () => {
    const { variantId } = await pricedVariant(100, 100);
    const post = (body: unknown) => app.request('POST', '/store/price-quotes', { body });
    const line = { variantId, quantity: 1 };
    expect((await post({ currency: 'EUR', lines: Array.from({ length: 100 }, () => line) })).statusCode).toBe(200);
    const cases: [unknown, number, RegExp][] = [
      [
        { currency: 'EUR', lines: Array.from({ length: 101 }, () => line) },
        400,
        /lines must NOT have more than 100 items/,
      ],
      [{ currency: 'EUR', lines: [] }, 400, /lines must NOT have fewer than 1 items/],
      [{ currency: 'EUR', lines: [{ variantId, quantity: 0 }] }, 400, /quantity must be >= 1/],
      [{ currency: 'EUR', lines: [{ variantId, quantity: 10_001 }] }, 400, /quantity must be <= 10000/],
      [{ currency: 'EUR', lines: [{ variantId, quantity: '2' }] }, 400, /quantity must be integer/],
      [{ currency: 'XYZ', lines: [line] }, 400, /currency must be equal to one of the allowed values/],
      [{ lines: [line] }, 400, /must have required property 'currency'/],
      [{ currency: 'EUR', lines: [line], shippingAmount: -1 }, 400, /shippingAmount must be >= 0/],
      [{ currency: 'EUR', lines: [line], countryCode: 'germany' }, 400, /countryCode must match pattern/],
      [{ currency: 'EUR', lines: [line], code: 'x'.repeat(41) }, 400, /code must NOT have more than 40 characters/],
      [{ currency: 'EUR', lines: [{ variantId: uuidv7(), quantity: 1 }] }, 404, /Variant .* not found/],
      [{ currency: 'GBP', lines: [line] }, 422, /has no price in GBP/],
    ];
    for (const [body, status, detail] of cases) {
      const res = await post(body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail).toMatch(detail);
    }
  });
});
