import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShippingOptionChanged } from '../src/modules/shipping/contract.ts';
import { publishPendingOptions } from '../src/modules/shipping/use-cases/publish-pending-options.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { adminToken, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';

const MODULES = 'user,shipping';

/** Shipping options over HTTP: admin CRUD with versioned snapshots on the bus, bad input, and the store's priced listing. */
describe('shipping: options and rates', () => {
  let db: TestDatabase;
  let app: TestApp;
  let admin: string;
  let customer: string;
  let probe: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    // A first start migrates (and publishes the seeds before anyone listens); a subscriber of our own
    // is declared, the seeds are marked unpublished again, and the real start must publish them.
    const first = await startTestApp({ MODULES }, { db });
    probe = await first.platform.bus.declare('probe', ShippingOptionChanged.name);
    await first.close();
    await db.query('update shipping.options set published_version = 0');
    app = await startTestApp({ MODULES }, { db });
    admin = await adminToken(app);
    customer = (await registerCustomer(app)).token;
  });
  afterAll(() => app?.stop());

  /** Every option snapshot published so far (to our probe), in publication order. */
  const published = async (optionId?: string) =>
    (await db.query(`select data->'payload' as p from pgboss.job where name = $1 order by created_on, id`, [probe]))
      .map((r) => r.p)
      .filter((p) => !optionId || p.optionId === optionId);
  const create = (body: unknown, token = admin) => app.request('POST', '/admin/shipping-options', { token, body });
  const patch = (id: string, body: unknown, token = admin) =>
    app.request('PATCH', `/admin/shipping-options/${id}`, { token, body });
  const option = (over: Record<string, unknown> = {}) => ({
    code: `opt-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Nordic post',
    countries: ['NO', 'SE'],
    rates: [{ currency: 'EUR', kind: 'flat', amount: 700, freeAbove: 10_000 }],
    ...over,
  });
  const rates = (query: string) => app.request('GET', `/store/shipping-rates?${query}`);

  it('publishes the seeded options once at start, with version 1; starting again publishes nothing', async () => {
    const seeds = await published();
    expect(seeds.map((s) => [s.code, s.version, s.active])).toEqual(
      expect.arrayContaining([
        ['standard', 1, true],
        ['express', 1, true],
      ]),
    );
    expect(seeds).toHaveLength(2);
    const standard = seeds.find((s) => s.code === 'standard');
    expect(standard.rates).toContainEqual({
      currency: 'EUR',
      kind: 'flat',
      amount: 495,
      perKgAmount: 0,
      freeAbove: 5000,
    });
    expect(standard.countries).toEqual(expect.arrayContaining(['DE', 'FR', 'NL', 'BE', 'AT', 'GB', 'US']));
    expect(seeds.find((s) => s.code === 'express').rates).toContainEqual({
      currency: 'EUR',
      kind: 'by_weight',
      amount: 995,
      perKgAmount: 200,
      freeAbove: null,
    });
    expect(await db.query('select 1 from shipping.options where published_version <> version')).toHaveLength(0);

    await publishPendingOptions(app.platform); // what every later start runs
    expect(await published()).toHaveLength(2);
  });

  it('create, change, no-op change, deactivate and retire: each change publishes the full snapshot with the next version', async () => {
    const body = option({ trackingUrlTemplate: 'https://post.example.no/track?n={trackingNumber}' });
    const res = await create(body);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      code: body.code,
      name: 'Nordic post',
      active: true,
      countries: ['NO', 'SE'],
      version: 1,
      retiredAt: null,
      rates: [{ currency: 'EUR', kind: 'flat', amount: 700, perKgAmount: 0, freeAbove: 10_000 }],
      trackingUrlTemplate: 'https://post.example.no/track?n={trackingNumber}',
    });
    expect(await published(created.id)).toEqual([
      {
        optionId: created.id,
        version: 1,
        name: 'Nordic post',
        code: body.code,
        active: true,
        countries: ['NO', 'SE'],
        rates: [{ currency: 'EUR', kind: 'flat', amount: 700, perKgAmount: 0, freeAbove: 10_000 }],
      },
    ]);
    expect((await app.request('GET', `/admin/shipping-options/${created.id}`, { token: admin })).json()).toEqual(
      created,
    );

    // Rates and countries replace the whole set; countries are kept sorted, rates by currency.
    const changed = await patch(created.id, {
      countries: ['SE', 'FI', 'NO'],
      rates: [
        { currency: 'USD', kind: 'by_weight', amount: 900, perKgAmount: 150 },
        { currency: 'EUR', kind: 'by_weight', amount: 800, perKgAmount: 100, freeAbove: null },
      ],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      version: 2,
      countries: ['FI', 'NO', 'SE'],
      rates: [
        { currency: 'EUR', kind: 'by_weight', amount: 800, perKgAmount: 100, freeAbove: null },
        { currency: 'USD', kind: 'by_weight', amount: 900, perKgAmount: 150, freeAbove: null },
      ],
    });
    // The same values again: nothing changes, nothing is published.
    const same = await patch(created.id, { countries: ['NO', 'FI', 'SE'], name: 'Nordic post' });
    expect(same.json().version).toBe(2);
    const off = await patch(created.id, { active: false });
    expect(off.json()).toMatchObject({ active: false, version: 3 });
    // A patch that leaves `active` out leaves it as it is.
    expect((await patch(created.id, { name: 'Nordic post' })).json()).toMatchObject({ active: false, version: 3 });
    expect((await published(created.id)).map((s) => [s.version, s.active, s.countries.length])).toEqual([
      [1, true, 2],
      [2, true, 3],
      [3, false, 3],
    ]);

    const retired = await app.request('DELETE', `/admin/shipping-options/${created.id}`, { token: admin });
    expect(retired.statusCode).toBe(204);
    const events = await published(created.id);
    expect(events).toHaveLength(4);
    expect(events[3]).toMatchObject({ version: 4, active: false, code: body.code });
    expect((await app.request('GET', `/admin/shipping-options/${created.id}`, { token: admin })).json()).toMatchObject({
      version: 4,
      active: false,
      retiredAt: expect.any(String),
    });

    // Retiring again is a no-op; changing a retired option is a conflict; its code is free again.
    expect((await app.request('DELETE', `/admin/shipping-options/${created.id}`, { token: admin })).statusCode).toBe(
      204,
    );
    const refused = await patch(created.id, { active: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().detail).toMatch(/retired/);
    expect(await published(created.id)).toHaveLength(4);

    const listed = (await app.request('GET', '/admin/shipping-options', { token: admin }))
      .json()
      .items.map((o: { id: string }) => o.id);
    expect(listed).not.toContain(created.id);
    const all = (await app.request('GET', '/admin/shipping-options?includeRetired=true', { token: admin }))
      .json()
      .items.map((o: { id: string }) => o.id);
    expect(all).toContain(created.id);
    const reused = await create(option({ code: body.code }));
    expect(reused.statusCode, reused.body).toBe(201);
    expect(reused.json().id).not.toBe(created.id);
  });

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

  it('one code, many concurrent creates: one 201, the rest 409', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => create(option({ code: 'race-code', countries: ['PL'] }))),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(await db.query(`select 1 from shipping.options where code = 'race-code'`)).toHaveLength(1);
  });

  it("admin routes want a staff token: none is 401, a customer's is 403", async () => {
    for (const [method, url] of [
      ['GET', '/admin/shipping-options'],
      ['POST', '/admin/shipping-options'],
      ['DELETE', '/admin/shipping-options/0190f0e0-0000-7000-8000-000000000000'],
    ]) {
      const anonymous = await app.request(method, url, { body: method === 'POST' ? option() : undefined });
      expect(anonymous.statusCode, url).toBe(401);
      const shopper = await app.request(method, url, {
        token: customer,
        body: method === 'POST' ? option() : undefined,
      });
      expect(shopper.statusCode, url).toBe(403);
      expect(shopper.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await app.request('GET', '/docs/json')).json();
    for (const path of [
      '/admin/shipping-options',
      '/admin/shipping-options/{id}',
      '/store/shipping-rates',
      '/admin/shipments',
      '/admin/shipments/{id}/ship',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(
      doc.paths['/admin/shipping-options'].post.requestBody.content['application/json'].schema.properties.rates.items
        .properties.currency.enum,
    ).toEqual(['EUR', 'USD', 'GBP', 'JPY']);
  });

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
