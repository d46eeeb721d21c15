// Every pricing admin route refuses bad input with a clear problem+json (400/404/409) and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductCreated, type ProductSnapshot } from '../src/modules/product/contract.ts';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';

type Case = [method: string, url: string, body: unknown, status: number, detail: RegExp];

describe('pricing: bad input on admin routes', () => {
  let app: TestApp;
  let admin: string;
  let variantId: string;
  let groupId: string;
  let listId: string;
  let promotionId: string;
  const code = `KEEP${uuidv7().slice(-8).toUpperCase()}`;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await adminToken(app);
    const snap: ProductSnapshot = {
      productId: uuidv7(),
      version: 1,
      handle: 'thing',
      title: 'Thing',
      status: 'published',
      categoryIds: [],
      collectionIds: [],
      thumbnail: null,
      variants: [{ variantId: uuidv7(), sku: 'S-1', title: 'One', options: {}, weightGrams: null }],
    };
    await app.platform.orm.em
      .fork()
      .transactional((em) => app.platform.bus.publish(em, ProductCreated, snap, { producer: 'product' }));
    variantId = snap.variants[0].variantId;
    await eventually(
      async () => (await app.request('GET', `/admin/prices/${variantId}`, { token: admin })).statusCode === 200,
    );
    const ok = async (method: string, url: string, body: unknown) => {
      const res = await app.request(method, url, { token: admin, body });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    await ok('PUT', `/admin/prices/${variantId}`, { prices: [{ currency: 'EUR', amount: 1000 }] });
    groupId = (await ok('POST', '/admin/customer-groups', { name: 'VIP' })).id;
    listId = (
      await ok('POST', '/admin/price-lists', {
        name: 'Sale',
        customerGroupId: groupId,
        startsAt: '2030-01-01T00:00:00Z',
        endsAt: '2030-02-01T00:00:00Z',
        prices: [{ variantId, currency: 'EUR', amount: 800 }],
      })
    ).id;
    promotionId = (await ok('POST', '/admin/promotions', { name: 'Ten', code, kind: 'percentage', percentBps: 1000 }))
      .id;
    await ok('PUT', '/admin/tax-rates/DE', { rateBps: 1900 });
  });
  afterAll(() => app?.stop());

  /** Everything pricing holds, to prove a refused request changed nothing. */
  const state = () =>
    app.db.query(`select
      (select jsonb_agg(p order by variant_id, currency) from pricing.prices p) as prices,
      (select jsonb_agg(g order by id) from pricing.customer_groups g) as groups,
      (select jsonb_agg(m order by customer_id) from pricing.customer_group_members m) as members,
      (select jsonb_agg(l order by id) from pricing.price_lists l) as lists,
      (select jsonb_agg(lp order by variant_id) from pricing.price_list_prices lp) as list_prices,
      (select jsonb_agg(pr order by id) from pricing.promotions pr) as promotions,
      (select jsonb_agg(t order by country_code) from pricing.tax_rates t) as tax_rates,
      (select jsonb_agg(c order by currency) from pricing.currency_settings c) as currencies,
      (select jsonb_agg(pp order by variant_id, currency) from pricing.published_prices pp) as published`);

  const run = async (cases: Case[]) => {
    const before = await state();
    for (const [method, url, body, status, detail] of cases) {
      const res = await app.request(method, url, { token: admin, ...(body === undefined ? {} : { body }) });
      const label = `${method} ${url} ${JSON.stringify(body)?.slice(0, 200)}: ${res.body}`;
      expect(res.statusCode, label).toBe(status);
      expect(res.headers['content-type'], label).toContain('application/problem+json');
      expect(res.json(), label).toMatchObject({ status, title: expect.any(String) });
      expect(res.json().detail, label).toMatch(detail);
    }
    expect(await state()).toEqual(before);
  };

  it('base prices', async () => {
    await run([
      ['PUT', `/admin/prices/${uuidv7()}`, { prices: [{ currency: 'EUR', amount: 1 }] }, 404, /Variant .* not found/],
      [
        'PUT',
        `/admin/prices/${variantId}`,
        { prices: [{ currency: 'EUR', amount: -5 }] },
        400,
        /prices\.0\.amount must be >= 0/,
      ],
      [
        'PUT',
        `/admin/prices/${variantId}`,
        { prices: [{ currency: 'eur', amount: 5 }] },
        400,
        /prices\.0\.currency must be equal to one of the allowed values/,
      ],
      [
        'PUT',
        `/admin/prices/${variantId}`,
        { prices: [{ currency: 'EUR', amount: 1, x: 1 }] },
        400,
        /prices\.0\.x is not an allowed property/,
      ],
      [
        'PUT',
        `/admin/prices/${variantId}`,
        { prices: ['EUR', 'USD', 'GBP', 'JPY', 'EUR'].map((c) => ({ currency: c, amount: 1 })) },
        400,
        /must NOT have more than 4 items/,
      ],
      ['PUT', `/admin/prices/${variantId}`, { prices: null }, 400, /prices must be array/],
      ['PUT', `/admin/prices/${variantId}`, undefined, 400, /body must be object/],
      ['GET', `/admin/prices/${uuidv7()}`, undefined, 404, /not found/],
    ]);
  });

  it('customer groups and members', async () => {
    await run([
      ['GET', '/admin/customer-groups?limit=101', undefined, 400, /querystring\.limit must be <= 100/],
      ['GET', '/admin/customer-groups?limit=0', undefined, 400, /querystring\.limit must be >= 1/],
      ['GET', '/admin/customer-groups?cursor=abc', undefined, 400, /querystring\.cursor must match format "uuid"/],
      ['POST', '/admin/customer-groups', {}, 400, /must have required property 'name'/],
      ['POST', '/admin/customer-groups', { name: '' }, 400, /name must NOT have fewer than 1 characters/],
      ['POST', '/admin/customer-groups', { name: 'x'.repeat(201) }, 400, /name must NOT have more than 200 characters/],
      ['POST', '/admin/customer-groups', { name: 'vip' }, 409, /already exists/],
      ['POST', '/admin/customer-groups', { name: 'New', id: uuidv7() }, 400, /id is not an allowed property/],
      ['GET', `/admin/customer-groups/${uuidv7()}`, undefined, 404, /Customer group not found/],
      ['GET', '/admin/customer-groups/1', undefined, 400, /params\.id must match format "uuid"/],
      ['PATCH', `/admin/customer-groups/${groupId}`, {}, 400, /must NOT have fewer than 1 properties/],
      ['PATCH', `/admin/customer-groups/${uuidv7()}`, { name: 'X' }, 404, /not found/],
      ['DELETE', `/admin/customer-groups/${uuidv7()}`, undefined, 404, /not found/],
      ['DELETE', `/admin/customer-groups/${groupId}`, undefined, 409, /used by 1 price list/],
      [
        'POST',
        `/admin/customer-groups/${groupId}/customers`,
        { customerIds: [] },
        400,
        /customerIds must NOT have fewer than 1 items/,
      ],
      [
        'POST',
        `/admin/customer-groups/${groupId}/customers`,
        { customerIds: Array.from({ length: 1001 }, () => uuidv7()) },
        400,
        /must NOT have more than 1000 items/,
      ],
      [
        'POST',
        `/admin/customer-groups/${groupId}/customers`,
        { customerIds: ['me'] },
        400,
        /customerIds\.0 must match format "uuid"/,
      ],
      [
        'POST',
        `/admin/customer-groups/${uuidv7()}/customers`,
        { customerIds: [uuidv7()] },
        404,
        /Customer group not found/,
      ],
      ['GET', `/admin/customer-groups/${uuidv7()}/customers`, undefined, 404, /not found/],
      ['GET', `/admin/customer-groups/${groupId}/customers?limit=500`, undefined, 400, /limit must be <= 100/],
      [
        'DELETE',
        `/admin/customer-groups/${groupId}/customers/${uuidv7()}`,
        undefined,
        404,
        /Customer in this group not found/,
      ],
    ]);
  });

  it('price lists', async () => {
    const base = { name: 'L', prices: [{ variantId, currency: 'EUR', amount: 1 }] };
    await run([
      ['GET', '/admin/price-lists?limit=1000', undefined, 400, /limit must be <= 100/],
      ['POST', '/admin/price-lists', { prices: [] }, 400, /must have required property 'name'/],
      ['POST', '/admin/price-lists', { name: 'L' }, 400, /must have required property 'prices'/],
      [
        'POST',
        '/admin/price-lists',
        { ...base, startsAt: '2030-02-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' },
        400,
        /endsAt must be after startsAt/,
      ],
      ['POST', '/admin/price-lists', { ...base, startsAt: 'tomorrow' }, 400, /startsAt must match format "date-time"/],
      [
        'POST',
        '/admin/price-lists',
        { ...base, prices: [{ variantId: uuidv7(), currency: 'EUR', amount: 1 }] },
        404,
        /Variant .* not found/,
      ],
      ['POST', '/admin/price-lists', { ...base, customerGroupId: uuidv7() }, 404, /Customer group .* not found/],
      [
        'POST',
        '/admin/price-lists',
        { ...base, prices: [base.prices[0], { ...base.prices[0], amount: 2 }] },
        400,
        /more than once/,
      ],
      [
        'POST',
        '/admin/price-lists',
        { ...base, prices: [{ variantId, currency: 'EUR', amount: -1 }] },
        400,
        /prices\.0\.amount must be >= 0/,
      ],
      [
        'POST',
        '/admin/price-lists',
        { ...base, prices: [{ variantId, currency: 'CHF', amount: 1 }] },
        400,
        /prices\.0\.currency must be equal to one of the allowed values/,
      ],
      [
        'POST',
        '/admin/price-lists',
        { ...base, prices: Array.from({ length: 1001 }, () => base.prices[0]) },
        400,
        /prices must NOT have more than 1000 items/,
      ],
      [
        'POST',
        '/admin/price-lists',
        { ...base, name: 'n'.repeat(201) },
        400,
        /name must NOT have more than 200 characters/,
      ],
      ['PATCH', `/admin/price-lists/${listId}`, {}, 400, /must NOT have fewer than 1 properties/],
      [
        'PATCH',
        `/admin/price-lists/${listId}`,
        { endsAt: '2029-12-31T00:00:00Z' },
        400,
        /endsAt must be after startsAt/,
      ],
      [
        'PATCH',
        `/admin/price-lists/${listId}`,
        { prices: [{ variantId: uuidv7(), currency: 'EUR', amount: 1 }] },
        404,
        /Variant/,
      ],
      ['PATCH', `/admin/price-lists/${uuidv7()}`, { name: 'X' }, 404, /Price list not found/],
      ['DELETE', `/admin/price-lists/${uuidv7()}`, undefined, 404, /Price list not found/],
      ['GET', `/admin/price-lists/${uuidv7()}`, undefined, 404, /Price list not found/],
    ]);
  });

  it('promotions', async () => {
    const pct = { name: 'P', kind: 'percentage', percentBps: 500 };
    const fixed = { name: 'F', kind: 'fixed', amounts: [{ currency: 'EUR', amount: 100 }] };
    await run([
      ['GET', '/admin/promotions?limit=101', undefined, 400, /limit must be <= 100/],
      ['GET', `/admin/promotions?q=${'q'.repeat(101)}`, undefined, 400, /q must NOT have more than 100 characters/],
      ['POST', '/admin/promotions', { name: 'P' }, 400, /must have required property 'kind'/],
      ['POST', '/admin/promotions', { ...pct, kind: 'bogo' }, 400, /kind must be equal to one of the allowed values/],
      [
        'POST',
        '/admin/promotions',
        { name: 'P', kind: 'percentage' },
        400,
        /percentBps is required for a percentage promotion/,
      ],
      ['POST', '/admin/promotions', { ...pct, percentBps: 0 }, 400, /percentBps must be >= 1/],
      ['POST', '/admin/promotions', { ...pct, percentBps: 10_001 }, 400, /percentBps must be <= 10000/],
      ['POST', '/admin/promotions', { ...pct, amounts: fixed.amounts }, 400, /amounts belong to a fixed promotion/],
      ['POST', '/admin/promotions', { name: 'F', kind: 'fixed' }, 400, /amounts must name the amount off/],
      ['POST', '/admin/promotions', { ...fixed, percentBps: 10 }, 400, /percentBps belongs to a percentage promotion/],
      [
        'POST',
        '/admin/promotions',
        { ...fixed, amounts: [{ currency: 'EUR', amount: 0 }] },
        400,
        /amounts\.0\.amount must be >= 1/,
      ],
      [
        'POST',
        '/admin/promotions',
        {
          ...fixed,
          amounts: [
            { currency: 'EUR', amount: 1 },
            { currency: 'EUR', amount: 2 },
          ],
        },
        400,
        /EUR more than once/,
      ],
      [
        'POST',
        '/admin/promotions',
        { ...pct, minSubtotal: [{ currency: 'EUR', amount: -1 }] },
        400,
        /minSubtotal\.0\.amount must be >= 0/,
      ],
      ['POST', '/admin/promotions', { ...pct, code: 'has space' }, 400, /code must match pattern/],
      ['POST', '/admin/promotions', { ...pct, code: 'AB' }, 400, /code must match pattern/],
      ['POST', '/admin/promotions', { ...pct, code: code.toLowerCase() }, 409, /already exists/],
      ['POST', '/admin/promotions', { ...pct, usageLimit: 0 }, 400, /usageLimit must be >= 1/],
      [
        'POST',
        '/admin/promotions',
        { ...pct, startsAt: '2030-01-02T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' },
        400,
        /endsAt must be after startsAt/,
      ],
      [
        'POST',
        '/admin/promotions',
        { ...pct, productIds: Array.from({ length: 201 }, () => uuidv7()) },
        400,
        /productIds must NOT have more than 200 items/,
      ],
      ['POST', '/admin/promotions', { ...pct, categoryIds: ['shoes'] }, 400, /categoryIds\.0 must match format "uuid"/],
      ['POST', '/admin/promotions', { ...pct, usageCount: 5 }, 400, /usageCount is not an allowed property/],
      ['PATCH', `/admin/promotions/${promotionId}`, {}, 400, /must NOT have fewer than 1 properties/],
      ['PATCH', `/admin/promotions/${promotionId}`, { kind: 'fixed' }, 400, /amounts must name the amount off/],
      ['PATCH', `/admin/promotions/${promotionId}`, { percentBps: null }, 400, /percentBps is required/],
      ['PATCH', `/admin/promotions/${uuidv7()}`, { name: 'X' }, 404, /Promotion not found/],
      ['DELETE', `/admin/promotions/${uuidv7()}`, undefined, 404, /Promotion not found/],
      ['GET', `/admin/promotions/${uuidv7()}`, undefined, 404, /Promotion not found/],
    ]);
    // a code that clashes only by case on PATCH too
    const other = await app.request('POST', '/admin/promotions', {
      token: admin,
      body: { ...pct, code: `OTHER${uuidv7().slice(-6)}` },
    });
    expect(other.statusCode).toBe(201);
    const clash = await app.request('PATCH', `/admin/promotions/${other.json().id}`, {
      token: admin,
      body: { code: code.toLowerCase() },
    });
    expect(clash.statusCode).toBe(409);
    expect((await app.request('GET', `/admin/promotions/${other.json().id}`, { token: admin })).json().code).toBe(
      other.json().code,
    );
  });

  it('tax rates and currency settings', async () => {
    await run([
      ['PUT', '/admin/tax-rates/DE', { rateBps: -1 }, 400, /rateBps must be >= 0/],
      ['PUT', '/admin/tax-rates/DE', { rateBps: 10_001 }, 400, /rateBps must be <= 10000/],
      ['PUT', '/admin/tax-rates/DE', { rateBps: 887.125 }, 400, /at most two decimals/],
      ['PUT', '/admin/tax-rates/DE', { rateBps: '1900' }, 400, /rateBps must be number/],
      ['PUT', '/admin/tax-rates/DE', {}, 400, /must have required property 'rateBps'/],
      [
        'PUT',
        '/admin/tax-rates/DE',
        { rateBps: 1900, name: 'n'.repeat(101) },
        400,
        /name must NOT have more than 100 characters/,
      ],
      ['PUT', '/admin/tax-rates/de', { rateBps: 1900 }, 400, /params\.countryCode must match pattern/],
      ['PUT', '/admin/tax-rates/DEU', { rateBps: 1900 }, 400, /params\.countryCode must match pattern/],
      ['GET', '/admin/tax-rates/FR', undefined, 404, /Tax rate for FR not found/],
      ['DELETE', '/admin/tax-rates/FR', undefined, 404, /Tax rate for FR not found/],
      [
        'PUT',
        '/admin/currency-settings/CHF',
        { taxInclusive: true },
        400,
        /params\.currency must be equal to one of the allowed values/,
      ],
      ['PUT', '/admin/currency-settings/EUR', { taxInclusive: 'yes' }, 400, /taxInclusive must be boolean/],
      ['PUT', '/admin/currency-settings/EUR', {}, 400, /must have required property 'taxInclusive'/],
    ]);
  });

  it('every admin route needs a staff token', async () => {
    const customer = await registerCustomer(app);
    const routes: [string, string][] = [
      ['GET', `/admin/prices/${variantId}`],
      ['PUT', `/admin/prices/${variantId}`],
      ['GET', '/admin/customer-groups'],
      ['POST', '/admin/customer-groups'],
      ['GET', `/admin/customer-groups/${groupId}`],
      ['PATCH', `/admin/customer-groups/${groupId}`],
      ['DELETE', `/admin/customer-groups/${groupId}`],
      ['GET', `/admin/customer-groups/${groupId}/customers`],
      ['POST', `/admin/customer-groups/${groupId}/customers`],
      ['DELETE', `/admin/customer-groups/${groupId}/customers/${customer.id}`],
      ['GET', '/admin/price-lists'],
      ['POST', '/admin/price-lists'],
      ['GET', `/admin/price-lists/${listId}`],
      ['PATCH', `/admin/price-lists/${listId}`],
      ['DELETE', `/admin/price-lists/${listId}`],
      ['GET', '/admin/promotions'],
      ['POST', '/admin/promotions'],
      ['GET', `/admin/promotions/${promotionId}`],
      ['PATCH', `/admin/promotions/${promotionId}`],
      ['DELETE', `/admin/promotions/${promotionId}`],
      ['GET', '/admin/tax-rates'],
      ['GET', '/admin/tax-rates/DE'],
      ['PUT', '/admin/tax-rates/DE'],
      ['DELETE', '/admin/tax-rates/DE'],
      ['GET', '/admin/currency-settings'],
      ['PUT', '/admin/currency-settings/EUR'],
    ];
    const before = await state();
    for (const [method, url] of routes) {
      expect((await app.request(method, url)).statusCode, `${method} ${url}`).toBe(401);
      expect((await app.request(method, url, { token: customer.token })).statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await state()).toEqual(before);
  });

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await app.request('GET', '/docs/json')).json();
    for (const path of [
      '/admin/prices/{variantId}',
      '/admin/price-lists/{id}',
      '/admin/promotions',
      '/admin/customer-groups/{id}/customers',
      '/admin/tax-rates/{countryCode}',
      '/admin/currency-settings/{currency}',
      '/store/price-quotes',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('the good paths of the same routes still work (lists, pages, reads)', async () => {
    const page = await app.request('GET', '/admin/price-lists?limit=1', { token: admin });
    expect(page.json()).toMatchObject({
      items: [{ id: listId, status: 'scheduled', priceCount: 1 }],
      nextCursor: null,
    });
    expect((await app.request('GET', `/admin/price-lists/${listId}`, { token: admin })).json().prices).toEqual([
      { variantId, currency: 'EUR', amount: 800 },
    ]);
    const promos = await app.request('GET', `/admin/promotions?q=${code.slice(0, 6).toLowerCase()}`, { token: admin });
    expect(promos.json().items.map((p: any) => p.id)).toContain(promotionId);
    const groups = await app.request('GET', '/admin/customer-groups?limit=100', { token: admin });
    expect(groups.json().items.map((g: any) => g.name)).toContain('VIP');
    const ids = [uuidv7(), uuidv7(), uuidv7()].sort();
    await app.request('POST', `/admin/customer-groups/${groupId}/customers`, {
      token: admin,
      body: { customerIds: ids },
    });
    const first = (
      await app.request('GET', `/admin/customer-groups/${groupId}/customers?limit=2`, { token: admin })
    ).json();
    expect(first.items.map((m: any) => m.customerId)).toEqual(ids.slice(0, 2));
    const second = (
      await app.request('GET', `/admin/customer-groups/${groupId}/customers?limit=2&cursor=${first.nextCursor}`, {
        token: admin,
      })
    ).json();
    expect(second).toMatchObject({ items: [{ customerId: ids[2] }], nextCursor: null });
  });
});
