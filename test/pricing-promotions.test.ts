// Promotions through HTTP: codes, automatic and scoped promotions, how discounts spread, and the redeem use case
// the order saga will call. Tax and quote limits: pricing-tax-quotes.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductUpdated } from '../src/modules/product/contract.ts';
import { redeem } from '../src/modules/pricing/use-cases/redeem-promotion.ts';
import { releaseRedemptions } from '../src/modules/pricing/use-cases/release-redemptions.ts';
import { eventually, registerCustomer, type TestApp } from './helpers/app.ts';
import { promotionHelpers, startPromotionsApp } from './helpers/pricing-promotions.ts';

describe('pricing: promotions, tax and quotes', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    ({ app, admin } = await startPromotionsApp());
  });
  afterAll(() => app?.stop());

  const { pricedVariant, promotion, code, quote, em } = promotionHelpers(() => ({ app, admin }));

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
});
