import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishPendingOptions } from '../src/modules/shipping/use-cases/publish-pending-options.ts';
import type { TestDatabase } from './helpers/db.ts';
import type { TestApp } from './helpers/app.ts';
import { optionHelpers, startOptionsApp } from './helpers/shipping-options.ts';

/** Shipping options over HTTP: admin CRUD with versioned snapshots on the bus, concurrency, auth and the OpenAPI document. */
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

  const { published, create, patch, option } = optionHelpers(() => ({ db, app, admin, customer, probe }));

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
});
