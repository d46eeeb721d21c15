import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from './helpers/db.ts';
import type { TestApp } from './helpers/app.ts';
import { optionHelpers, startOptionsApp } from './helpers/shipping-options.ts';

/** Shipping options over HTTP: bad admin input is refused with a problem and changes nothing. */
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

  const { published, create, option } = optionHelpers(() => ({ db, app, admin, customer, probe }));

  it('refuses bad input with a problem naming the field, and changes nothing', async () => {
    const existing = (await create(option({ code: 'nordic-bad' }))).json();
    const rate = { currency: 'EUR', kind: 'flat', amount: 500 };
    const cases: [string, string, string, unknown, number, RegExp][] = [
      ['unknown currency', 'POST', '', option({ rates: [{ ...rate, currency: 'XYZ' }] }), 400, /rates\.0\.currency/],
      ['negative amount', 'POST', '', option({ rates: [{ ...rate, amount: -1 }] }), 400, /rates\.0\.amount/],
      [
        'negative per-kg amount',
        'POST',
        '',
        option({ rates: [{ ...rate, kind: 'by_weight', perKgAmount: -5 }] }),
        400,
        /rates\.0\.perKgAmount/,
      ],
      ['negative threshold', 'POST', '', option({ rates: [{ ...rate, freeAbove: -100 }] }), 400, /rates\.0\.freeAbove/],
      ['fractional amount', 'POST', '', option({ rates: [{ ...rate, amount: 4.95 }] }), 400, /rates\.0\.amount/],
      ['amount as text', 'POST', '', option({ rates: [{ ...rate, amount: '495' }] }), 400, /rates\.0\.amount/],
      ['unknown rate kind', 'POST', '', option({ rates: [{ ...rate, kind: 'per_item' }] }), 400, /rates\.0\.kind/],
      [
        'flat rate with a per-kg amount',
        'POST',
        '',
        option({ rates: [{ ...rate, perKgAmount: 100 }] }),
        400,
        /rates\.0\.perKgAmount/,
      ],
      [
        'by-weight rate without a per-kg amount',
        'POST',
        '',
        option({ rates: [{ ...rate, kind: 'by_weight' }] }),
        400,
        /rates\.0\.perKgAmount/,
      ],
      [
        'two rates for one currency',
        'POST',
        '',
        option({ rates: [rate, { ...rate, amount: 600 }] }),
        400,
        /rates\.1\.currency/,
      ],
      ['no rates', 'POST', '', option({ rates: [] }), 400, /rates/],
      ['empty countries', 'POST', '', option({ countries: [] }), 400, /countries/],
      ['not a country ("UK" is GB)', 'POST', '', option({ countries: ['DE', 'UK'] }), 400, /countries\.1/],
      ['lower-case country', 'POST', '', option({ countries: ['de'] }), 400, /countries\.0/],
      ['a country twice', 'POST', '', option({ countries: ['DE', 'DE'] }), 400, /countries/],
      ['bad code', 'POST', '', option({ code: 'Next Day!' }), 400, /code/],
      ['blank name', 'POST', '', option({ name: '   ' }), 400, /name/],
      ['missing name', 'POST', '', { ...option(), name: undefined }, 400, /name/],
      ['unknown property', 'POST', '', option({ version: 7 }), 400, /version/],
      [
        'template without placeholder',
        'POST',
        '',
        option({ trackingUrlTemplate: 'https://t.example.com/' }),
        400,
        /trackingUrlTemplate/,
      ],
      [
        'template not http',
        'POST',
        '',
        option({ trackingUrlTemplate: 'javascript:alert({trackingNumber})' }),
        400,
        /trackingUrlTemplate/,
      ],
      ['duplicate code', 'POST', '', option({ code: 'standard' }), 409, /standard/],
      ['empty patch', 'PATCH', existing.id, {}, 400, /properties/],
      ['patch to a taken code', 'PATCH', existing.id, { code: 'express' }, 409, /express/],
      ['patch with bad rates', 'PATCH', existing.id, { rates: [{ ...rate, currency: 'XYZ' }] }, 400, /currency/],
      [
        'patch of an unknown option',
        'PATCH',
        '0190f0e0-0000-7000-8000-000000000000',
        { active: false },
        404,
        /not found/,
      ],
      ['patch with a malformed id', 'PATCH', 'not-a-uuid', { active: false }, 400, /id/],
      ['get an unknown option', 'GET', '0190f0e0-0000-7000-8000-000000000000', undefined, 404, /not found/],
      ['retire an unknown option', 'DELETE', '0190f0e0-0000-7000-8000-000000000000', undefined, 404, /not found/],
    ];
    const before = {
      rows: await db.query('select * from shipping.options order by id'),
      events: (await published()).length,
    };
    for (const [label, method, id, body, status, detail] of cases) {
      const res = await app.request(method, `/admin/shipping-options${id ? `/${id}` : ''}`, { token: admin, body });
      expect(res.statusCode, `${label}: ${res.body}`).toBe(status);
      expect(res.headers['content-type'], label).toContain('application/problem+json');
      expect(res.json(), label).toMatchObject({
        status,
        title: expect.any(String),
        detail: expect.stringMatching(detail),
      });
    }
    expect(await db.query('select * from shipping.options order by id')).toEqual(before.rows);
    expect(await published()).toHaveLength(before.events);
  });
});
