import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from './helpers/db.ts';
import type { TestApp } from './helpers/app.ts';
import { optionHelpers, startOptionsApp } from './helpers/shipping-options.ts';

/** Shipping options: the store's priced listing (GET /store/shipping-rates). */
describe('shipping: options and rates', () => {
  let db: TestDatabase;
  let app: TestApp;
  let admin: string;
  let customer: string;
  let probe: string;

  beforeAll(async () => {
    ({ db, app, admin, customer, probe } = await startOptionsApp());
  });
  afterAll(() => app?.stop());

  const { create, patch, option, rates } = optionHelpers(() => ({ db, app, admin, customer, probe }));

  describe('store listing (GET /store/shipping-rates)', () => {
    const priced = async (query: string) => {
      const res = await rates(query);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((i: { code: string; amount: number }) => [i.code, i.amount]);
    };

    it('flat and by-weight prices, cheapest first; by weight rounds up per started kilogram', async () => {
      const res = await rates('countryCode=DE&currency=EUR&subtotal=1000&weightGrams=0');
      expect(res.json().items).toEqual([
        {
          id: expect.any(String),
          code: 'standard',
          name: expect.any(String),
          currency: 'EUR',
          amount: 495,
          kind: 'flat',
          freeAbove: 5000,
        },
        {
          id: expect.any(String),
          code: 'express',
          name: expect.any(String),
          currency: 'EUR',
          amount: 995,
          kind: 'by_weight',
          freeAbove: null,
        },
      ]);
      for (const [grams, express] of [
        [1, 1195],
        [999, 1195],
        [1000, 1195],
        [1001, 1395],
        [2500, 1595],
      ]) {
        expect(await priced(`countryCode=DE&currency=EUR&subtotal=1000&weightGrams=${grams}`)).toEqual([
          ['standard', 495],
          ['express', express],
        ]);
      }
      // Defaults: no subtotal, no weight.
      expect(await priced('countryCode=FR&currency=USD')).toEqual([
        ['standard', 595],
        ['express', 1195],
      ]);
    });

    it('free at and above the threshold, not below', async () => {
      expect(await priced('countryCode=DE&currency=EUR&subtotal=4999')).toEqual([
        ['standard', 495],
        ['express', 995],
      ]);
      expect(await priced('countryCode=DE&currency=EUR&subtotal=5000&weightGrams=3000')).toEqual([
        ['standard', 0],
        ['express', 1595],
      ]);
    });

    it('only options that ship to the country, have a rate in the currency and are live', async () => {
      const iceland = (
        await create(
          option({ code: 'iceland-post', countries: ['IS'], rates: [{ currency: 'EUR', kind: 'flat', amount: 1500 }] }),
        )
      ).json();
      const poundsOnly = (
        await create(
          option({ code: 'pounds-only', countries: ['IS'], rates: [{ currency: 'GBP', kind: 'flat', amount: 900 }] }),
        )
      ).json();
      const dormant = (await create(option({ code: 'dormant', countries: ['IS'], active: false }))).json();
      expect(await priced('countryCode=IS&currency=EUR')).toEqual([['iceland-post', 1500]]);
      expect(await priced('countryCode=IS&currency=GBP')).toEqual([['pounds-only', 900]]);
      expect(await priced('countryCode=JP&currency=EUR')).toEqual([]);
      expect(await priced('countryCode=DE&currency=JPY')).toEqual([]);

      await patch(dormant.id, { active: true });
      expect(await priced('countryCode=IS&currency=EUR')).toEqual([
        ['dormant', 700],
        ['iceland-post', 1500],
      ]);
      await app.request('DELETE', `/admin/shipping-options/${iceland.id}`, { token: admin });
      await app.request('DELETE', `/admin/shipping-options/${poundsOnly.id}`, { token: admin });
      expect(await priced('countryCode=IS&currency=EUR')).toEqual([['dormant', 700]]);
      expect(await priced('countryCode=IS&currency=GBP')).toEqual([]);
    });

    it('bad queries are 400 problems', async () => {
      for (const [query, field] of [
        ['currency=EUR', /countryCode/],
        ['countryCode=DE', /currency/],
        ['countryCode=DE&currency=XYZ', /currency/],
        ['countryCode=UK&currency=EUR', /countryCode/],
        ['countryCode=de&currency=EUR', /countryCode/],
        ['countryCode=DE&currency=EUR&subtotal=-1', /subtotal/],
        ['countryCode=DE&currency=EUR&weightGrams=heavy', /weightGrams/],
        ['countryCode=DE&currency=EUR&cartId=0190f0e0-0000-7000-8000-000000000000', /cartId/],
      ] as const) {
        const res = await rates(query);
        expect(res.statusCode, query).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().detail, query).toMatch(field);
      }
    });
  });
});
