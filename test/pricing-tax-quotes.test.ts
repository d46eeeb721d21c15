// Tax and quotes through HTTP and the quote use case the order saga will call. Promotions: pricing-promotions.test.ts.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { query } from '../src/platform/db/sql.ts';
import { quote as quoteUseCase } from '../src/modules/pricing/use-cases/quote.ts';
import { type TestApp } from './helpers/app.ts';
import { promotionHelpers, startPromotionsApp } from './helpers/pricing-promotions.ts';

describe('pricing: promotions, tax and quotes', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    ({ app, admin } = await startPromotionsApp());
  });
  afterAll(() => app?.stop());

  const { pricedVariant, quote, em } = promotionHelpers(() => ({ app, admin }));

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

  it('the quote use case runs inside a caller transaction too (the saga will call it from an event handler)', async () => {
    const { variantId } = await pricedVariant(1_234, 1_500);
    const q = await em().transactional((tx) =>
      quoteUseCase(tx, { currency: 'USD', countryCode: 'US', lines: [{ variantId, quantity: 3 }] }),
    );
    expect(q.totals).toEqual({ subtotal: 4_500, discount: 0, shipping: 0, tax: 399, total: 4_899 }); // 399.375 -> 399
  });

  it('a quote without a code reads pricing in one statement (variants, tax, shelf prices, automatic promotions)', async () => {
    const { variantId } = await pricedVariant(1_234, 1_500);
    // (the statements pg sends on the transaction's connection, after a marker that finds it)
    const sent: string[] = [];
    let mine: unknown;
    const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
    const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: unknown, ...args: unknown[]) {
      const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '');
      if (text.includes('quote_marker')) mine = this;
      else if (this === mine) sent.push(text);
      return original.apply(this, args);
    } as never);
    try {
      const q = await em().transactional(async (tx) => {
        await query(tx, 'select 1 as quote_marker');
        const out = await quoteUseCase(tx, { currency: 'EUR', lines: [{ variantId, quantity: 2 }] });
        mine = undefined; // (not the COMMIT)
        return out;
      });
      expect(q.totals.subtotal).toBe(2_468);
    } finally {
      spy.mockRestore();
    }
    expect(sent).toHaveLength(1);
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
