import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import {
  ProductCreated,
  ProductDeleted,
  ProductUpdated,
  type ProductSnapshot,
} from '../src/modules/product/contract.ts';
import { StockChanged } from '../src/modules/inventory/contract.ts';
import type { EventDef, PayloadOf } from '../src/platform/bus/event.ts';
import { queueName } from '../src/platform/bus/bus.ts';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';

/** The inventory module over HTTP and events: the product projection, locations, adjustments, bad input. */
describe('inventory: product projection, locations and adjustments', () => {
  let app: TestApp;
  let admin: string;
  let probe: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await adminToken(app);
    // A subscriber of our own, never worked: every stock_changed published stays in its queue to be read.
    probe = await app.platform.bus.declare('probe', StockChanged.name);
  });
  afterAll(() => app?.stop());

  const snapshot = (productId: string, version: number, variants: { id: string; sku: string }[]): ProductSnapshot => ({
    productId,
    version,
    handle: `tee-${productId.slice(-12)}`,
    title: 'Tee',
    status: 'published',
    categoryIds: [],
    collectionIds: [],
    thumbnail: null,
    variants: variants.map((v) => ({
      variantId: v.id,
      sku: v.sku,
      title: `Tee ${v.sku}`,
      options: {},
      weightGrams: null,
    })),
  });
  /** Publishes as the product module would and waits until inventory has handled it. */
  const announce = async <E extends EventDef>(event: E, payload: PayloadOf<E>) => {
    const env = await app.platform.orm.em
      .fork()
      .transactional((em) => app.platform.bus.publish(em, event, payload, { producer: 'product' }));
    await eventually(
      async () => (await app.db.query('select 1 from inventory.inbox where event_id = $1', [env.id])).length > 0,
    );
    return env;
  };
  const stockEvents = async (variantId: string) =>
    (
      await app.db.query(
        `select data->'payload' as p from pgboss.job where name = $1 and data->'payload'->>'variantId' = $2`,
        [probe, variantId],
      )
    )
      .map((r) => r.p)
      .sort((a, b) => a.sequence - b.sequence);
  const levels = (variantId: string) =>
    app.db.query(
      'select location_id, on_hand, reserved from inventory.stock_levels where variant_id = $1 order by location_id',
      [variantId],
    );
  const defaultLocation = async () =>
    (await app.db.query(`select id from inventory.stock_locations where code = 'default'`))[0].id as string;
  /** A fresh variant (through a product.created event), optionally with stock at the default location. */
  const newVariant = async (onHand = 0) => {
    const id = uuidv7();
    await announce(ProductCreated, snapshot(uuidv7(), 1, [{ id, sku: `SKU-${id.slice(-8)}` }]));
    if (onHand) await adjust(id, { locationId: await defaultLocation(), onHand, reason: 'received' }, 201);
    return id;
  };
  const adjust = async (variantId: string, body: unknown, expected?: number, token = admin) => {
    const res = await app.request('POST', `/admin/inventory/${variantId}/adjustments`, { token, body });
    if (expected) expect(res.statusCode, res.body).toBe(expected);
    return res;
  };

  it('product.created gives each variant a stock record at the default location and publishes stock_changed; a redelivery changes nothing', async () => {
    const [a, b] = [uuidv7(), uuidv7()];
    const env = await announce(
      ProductCreated,
      snapshot(uuidv7(), 1, [
        { id: a, sku: 'A-1' },
        { id: b, sku: 'B-1' },
      ]),
    );
    const home = await defaultLocation();
    for (const v of [a, b]) {
      expect(await levels(v)).toEqual([{ location_id: home, on_hand: 0, reserved: 0 }]);
      expect(await stockEvents(v)).toEqual([{ variantId: v, available: 0, inStock: false, sequence: 1 }]);
    }
    const item = (await app.request('GET', `/admin/inventory/${a}`, { token: admin })).json();
    expect(item).toMatchObject({
      variantId: a,
      sku: 'A-1',
      deleted: false,
      onHand: 0,
      reserved: 0,
      available: 0,
      inStock: false,
    });
    expect(item.levels).toEqual([
      {
        locationId: home,
        locationCode: 'default',
        locationName: 'Default location',
        onHand: 0,
        reserved: 0,
        available: 0,
      },
    ]);

    // The same envelope delivered again, as a crash between commit and ack would do.
    const again = await app.platform.bus.boss.send(queueName('inventory', ProductCreated.name), env);
    await eventually(
      async () =>
        (await app.db.query(`select 1 from pgboss.job where id = $1 and state < 'completed'`, [again])).length === 0,
    );
    expect(await levels(a)).toHaveLength(1);
    expect(await stockEvents(a)).toHaveLength(1);
  });

  it('product.updated adds and removes variants; an older or repeated snapshot changes nothing', async () => {
    const productId = uuidv7();
    const [a, b, c] = [uuidv7(), uuidv7(), uuidv7()];
    await announce(
      ProductCreated,
      snapshot(productId, 1, [
        { id: a, sku: 'A-1' },
        { id: b, sku: 'B-1' },
      ]),
    );
    await adjust(a, { locationId: await defaultLocation(), delta: 5, reason: 'received' }, 201);

    await announce(
      ProductUpdated,
      snapshot(productId, 3, [
        { id: a, sku: 'A-3' },
        { id: c, sku: 'C-3' },
      ]),
    );
    expect(
      (await app.db.query('select sku, deleted_at from inventory.variants where variant_id = $1', [a]))[0],
    ).toMatchObject({ sku: 'A-3', deleted_at: null });
    expect(
      (await app.db.query('select deleted_at from inventory.variants where variant_id = $1', [b]))[0].deleted_at,
    ).not.toBeNull();
    expect(await stockEvents(c)).toEqual([{ variantId: c, available: 0, inStock: false, sequence: 1 }]);

    // Version 2 arrives late: it would bring B back and rename A, but it is older than what we hold.
    const before = { a: await stockEvents(a), b: await stockEvents(b), levels: await levels(a) };
    await announce(
      ProductUpdated,
      snapshot(productId, 2, [
        { id: a, sku: 'A-2' },
        { id: b, sku: 'B-2' },
      ]),
    );
    await announce(
      ProductUpdated,
      snapshot(productId, 3, [
        { id: a, sku: 'A-3' },
        { id: c, sku: 'C-3' },
      ]),
    );
    const rows = await app.db.query(
      'select variant_id, sku, deleted_at is not null as deleted from inventory.variants where product_id = $1 order by variant_id',
      [productId],
    );
    expect(rows).toEqual([
      { variant_id: a, sku: 'A-3', deleted: false },
      { variant_id: b, sku: 'B-1', deleted: true },
      { variant_id: c, sku: 'C-3', deleted: false },
    ]);
    expect({ a: await stockEvents(a), b: await stockEvents(b), levels: await levels(a) }).toEqual(before);

    // A removed variant keeps its history but takes no more adjustments.
    const gone = await adjust(b, { locationId: await defaultLocation(), delta: 1, reason: 'received' }, 404);
    expect(gone.headers['content-type']).toContain('application/problem+json');
    expect((await app.request('GET', `/admin/inventory/${b}`, { token: admin })).json()).toMatchObject({
      variantId: b,
      deleted: true,
    });
  });

  it('product.deleted marks its variants deleted; a snapshot arriving after the deletion is ignored', async () => {
    const productId = uuidv7();
    const a = uuidv7();
    await announce(ProductCreated, snapshot(productId, 1, [{ id: a, sku: 'A' }]));
    await adjust(a, { locationId: await defaultLocation(), delta: 3, reason: 'received' }, 201);
    await announce(ProductDeleted, { productId, version: 2, variantIds: [a] });
    expect((await app.request('GET', `/admin/inventory/${a}`, { token: admin })).json()).toMatchObject({
      deleted: true,
      onHand: 3,
    });
    await adjust(a, { locationId: await defaultLocation(), delta: -3, reason: 'damaged' }, 404);
    expect(
      (await app.request('GET', `/admin/inventory?productId=${productId}`, { token: admin })).json().items,
    ).toHaveLength(0);
    expect(
      (await app.request('GET', `/admin/inventory?productId=${productId}&includeDeleted=true`, { token: admin })).json()
        .items,
    ).toHaveLength(1);

    // Reordered delivery: the deletion of a product overtakes its creation.
    const late = uuidv7();
    const lateVariant = uuidv7();
    await announce(ProductDeleted, { productId: late, version: 2, variantIds: [lateVariant] });
    await announce(ProductCreated, snapshot(late, 1, [{ id: lateVariant, sku: 'LATE' }]));
    expect(await app.db.query('select 1 from inventory.variants where variant_id = $1', [lateVariant])).toHaveLength(0);
    expect(await stockEvents(lateVariant)).toHaveLength(0);
  });

  it('stock locations: create, list, change and delete; codes are unique; the default and a stocked location cannot be deleted', async () => {
    const list = (await app.request('GET', '/admin/stock-locations', { token: admin })).json();
    expect(list.items[0]).toMatchObject({ code: 'default', isDefault: true });

    const created = await app.request('POST', '/admin/stock-locations', {
      token: admin,
      body: { code: 'wh-london', name: 'London', countryCode: 'GB' },
    });
    expect(created.statusCode).toBe(201);
    const loc = created.json();
    expect(loc).toMatchObject({ code: 'wh-london', name: 'London', countryCode: 'GB', isDefault: false });
    const dup = await app.request('POST', '/admin/stock-locations', {
      token: admin,
      body: { code: 'WH-London', name: 'Again', countryCode: 'GB' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.headers['content-type']).toContain('application/problem+json');
    expect(dup.json().detail).toMatch(/already exists/);

    const other = (
      await app.request('POST', '/admin/stock-locations', {
        token: admin,
        body: { code: 'wh-paris', name: 'Paris', countryCode: 'FR' },
      })
    ).json();
    expect(
      (await app.request('PATCH', `/admin/stock-locations/${other.id}`, { token: admin, body: { code: 'wh-london' } }))
        .statusCode,
    ).toBe(409);
    const renamed = await app.request('PATCH', `/admin/stock-locations/${other.id}`, {
      token: admin,
      body: { name: 'Paris Nord' },
    });
    expect(renamed.json()).toMatchObject({ code: 'wh-paris', name: 'Paris Nord' });
    expect((await app.request('GET', `/admin/stock-locations/${other.id}`, { token: admin })).json().name).toBe(
      'Paris Nord',
    );

    for (const body of [
      { code: 'x', name: 'X', countryCode: 'gb' },
      { code: 'x', name: '', countryCode: 'GB' },
      { code: 'has space', name: 'X', countryCode: 'GB' },
      { code: 'x', name: 'X', countryCode: 'GB', isDefault: true },
      { code: 'x', name: 'X' },
    ]) {
      expect(
        (await app.request('POST', '/admin/stock-locations', { token: admin, body })).statusCode,
        JSON.stringify(body),
      ).toBe(400);
    }
    expect(
      (await app.request('PATCH', `/admin/stock-locations/${other.id}`, { token: admin, body: {} })).statusCode,
    ).toBe(400);

    const home = await defaultLocation();
    const refused = await app.request('DELETE', `/admin/stock-locations/${home}`, { token: admin });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/default/);

    const v = await newVariant();
    await adjust(v, { locationId: loc.id, delta: 4, reason: 'received' }, 201);
    const stocked = await app.request('DELETE', `/admin/stock-locations/${loc.id}`, { token: admin });
    expect(stocked.statusCode).toBe(409);
    expect(stocked.json().detail).toMatch(/holds stock/);
    await adjust(v, { locationId: loc.id, onHand: 0, reason: 'correction' }, 201);
    expect((await app.request('DELETE', `/admin/stock-locations/${loc.id}`, { token: admin })).statusCode).toBe(204);
    expect((await app.request('GET', `/admin/stock-locations/${loc.id}`, { token: admin })).statusCode).toBe(404);
    expect((await app.request('DELETE', `/admin/stock-locations/${loc.id}`, { token: admin })).statusCode).toBe(404);
    // The ledger keeps its rows of the closed location.
    expect(
      (await app.request('GET', `/admin/inventory/${v}/adjustments?locationId=${loc.id}`, { token: admin })).json()
        .items,
    ).toHaveLength(2);
  });

  it('adjustments by delta and to a counted figure: each keeps before/after, reason, note and the staff id; each publishes stock_changed', async () => {
    const v = await newVariant();
    const home = await defaultLocation();
    const [{ id: staffId }] = await app.db.query(`select id from "user".users where email = 'admin@example.com'`);

    const received = await adjust(v, { locationId: home, delta: 20, reason: 'received', note: 'PO-1042' }, 201);
    expect(received.json().adjustment).toMatchObject({
      variantId: v,
      locationId: home,
      kind: 'adjustment',
      reason: 'received',
      note: 'PO-1042',
      delta: 20,
      onHandBefore: 0,
      onHandAfter: 20,
      reserved: 0,
      staffId,
      reservationId: null,
    });
    expect(received.json().inventory).toMatchObject({ onHand: 20, available: 20, inStock: true });
    await adjust(v, { locationId: home, delta: -2, reason: 'damaged' }, 201);
    const zero = await adjust(v, { locationId: home, onHand: 0, reason: 'cycle_count', note: 'shelf empty' }, 201);
    expect(zero.json().adjustment).toMatchObject({ kind: 'set', delta: -18, onHandBefore: 18, onHandAfter: 0 });
    expect(zero.json().inventory).toMatchObject({ onHand: 0, available: 0, inStock: false });

    const trail = (await app.request('GET', `/admin/inventory/${v}/adjustments`, { token: admin })).json();
    expect(trail.items.map((a: any) => [a.reason, a.onHandBefore, a.onHandAfter])).toEqual([
      ['cycle_count', 18, 0],
      ['damaged', 20, 18],
      ['received', 0, 20],
    ]);
    expect(trail.nextCursor).toBeNull();
    const page1 = (await app.request('GET', `/admin/inventory/${v}/adjustments?limit=2`, { token: admin })).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (
      await app.request('GET', `/admin/inventory/${v}/adjustments?limit=2&cursor=${page1.nextCursor}`, { token: admin })
    ).json();
    expect(page2.items.map((a: any) => a.reason)).toEqual(['received']);
    expect(page2.nextCursor).toBeNull();

    expect((await stockEvents(v)).map((e) => [e.sequence, e.available, e.inStock])).toEqual([
      [1, 0, false],
      [2, 20, true],
      [3, 18, true],
      [4, 0, false],
    ]);

    // Stock at a second location adds up in the totals and the event.
    const wh = (
      await app.request('POST', '/admin/stock-locations', {
        token: admin,
        body: { code: `wh-${v.slice(-6)}`, name: 'Second', countryCode: 'DE' },
      })
    ).json();
    await adjust(v, { locationId: wh.id, delta: 7, reason: 'received' }, 201);
    await adjust(v, { locationId: home, delta: 1, reason: 'returned' }, 201);
    const item = (await app.request('GET', `/admin/inventory/${v}`, { token: admin })).json();
    expect(item).toMatchObject({ onHand: 8, available: 8 });
    expect(item.levels.map((l: any) => [l.locationCode, l.onHand])).toEqual([
      ['default', 1],
      [wh.code, 7],
    ]);
    expect((await stockEvents(v)).at(-1)).toEqual({ variantId: v, available: 8, inStock: true, sequence: 6 });
  });

  describe('bad input changes nothing', () => {
    let v: string;
    let home: string;
    let customer: string;
    const state = async () => ({
      levels: await levels(v),
      adjustments: (
        await app.db.query('select count(*)::int as n from inventory.adjustments where variant_id = $1', [v])
      )[0].n,
      events: await stockEvents(v),
    });

    beforeAll(async () => {
      v = await newVariant(5);
      home = await defaultLocation();
      customer = (await registerCustomer(app)).token;
      const r = await app.request('POST', '/admin/reservations', {
        token: admin,
        body: { reference: `bad-${v}`, lines: [{ variantId: v, quantity: 3 }] },
      });
      expect(r.statusCode).toBe(201);
    });

    it('unknown variant or location: 404 problem', async () => {
      const before = await state();
      const unknownVariant = await adjust(uuidv7(), { locationId: home, delta: 1, reason: 'received' }, 404);
      expect(unknownVariant.json()).toMatchObject({ status: 404, detail: 'Variant not found' });
      const unknownLocation = await adjust(v, { locationId: uuidv7(), delta: 1, reason: 'received' }, 404);
      expect(unknownLocation.json()).toMatchObject({ status: 404, detail: 'Stock location not found' });
      expect((await app.request('GET', `/admin/inventory/${uuidv7()}`, { token: admin })).statusCode).toBe(404);
      expect((await app.request('GET', `/admin/inventory/${uuidv7()}/adjustments`, { token: admin })).statusCode).toBe(
        404,
      );
      expect(await state()).toEqual(before);
    });

    it('below zero or below what is reserved: 409 with a clear message', async () => {
      const before = await state();
      const negative = await adjust(v, { locationId: home, delta: -6, reason: 'damaged' }, 409);
      expect(negative.headers['content-type']).toContain('application/problem+json');
      expect(negative.json().detail).toMatch(/below zero/);
      const underReserved = await adjust(v, { locationId: home, onHand: 2, reason: 'cycle_count' }, 409);
      expect(underReserved.json().detail).toMatch(/3 reserved/);
      await adjust(v, { locationId: home, delta: -3, reason: 'damaged' }, 409);
      // At a location with no stock record yet, the refused change leaves none behind.
      const wh = (
        await app.request('POST', '/admin/stock-locations', {
          token: admin,
          body: { code: `empty-${v.slice(-6)}`, name: 'Empty', countryCode: 'NL' },
        })
      ).json();
      await adjust(v, { locationId: wh.id, delta: -1, reason: 'correction' }, 409);
      expect(await state()).toEqual(before);
    });

    it('wrong types, unknown fields, out-of-range values: 400 problem naming the field', async () => {
      const before = await state();
      const cases: [unknown, RegExp][] = [
        [{ locationId: home, delta: '5', reason: 'received' }, /delta/],
        [{ locationId: home, delta: 1.5, reason: 'received' }, /delta/],
        [{ locationId: home, delta: 1, reason: 'stolen' }, /reason/],
        [{ locationId: home, delta: 1 }, /reason/],
        [{ locationId: 'not-a-uuid', delta: 1, reason: 'received' }, /locationId/],
        [{ delta: 1, reason: 'received' }, /locationId/],
        [{ locationId: home, delta: 1, reason: 'received', staffId: uuidv7() }, /staffId/],
        [{ locationId: home, delta: 1, reason: 'received', note: 'x'.repeat(501) }, /note/],
        [{ locationId: home, delta: 2_000_000, reason: 'received' }, /delta/],
        [{ locationId: home, onHand: -1, reason: 'correction' }, /onHand/],
        [{ locationId: home, delta: 0, reason: 'correction' }, /delta/],
        [{ locationId: home, reason: 'correction' }, /delta|onHand/],
        [{ locationId: home, delta: 1, onHand: 4, reason: 'correction' }, /delta|onHand/],
        [[{ locationId: home, delta: 1, reason: 'received' }], /body/],
      ];
      for (const [body, field] of cases) {
        const res = await adjust(v, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().detail, JSON.stringify(body)).toMatch(field);
      }
      expect(
        (await app.request('POST', `/admin/inventory/${v}/adjustments`, { token: admin, payload: '{"locationId": ' }))
          .statusCode,
      ).toBe(400);
      expect((await adjust('not-a-uuid', { locationId: home, delta: 1, reason: 'received' })).statusCode).toBe(400);
      expect(
        (await app.request('GET', `/admin/inventory/${v}/adjustments?limit=1000`, { token: admin })).statusCode,
      ).toBe(400);
      expect((await app.request('GET', `/admin/inventory?limit=0`, { token: admin })).statusCode).toBe(400);
      expect(await state()).toEqual(before);
    });

    it('a customer gets 403, no token 401, on every inventory route', async () => {
      const before = await state();
      const routes: [string, string, unknown?][] = [
        ['POST', `/admin/inventory/${v}/adjustments`, { locationId: home, delta: 1, reason: 'received' }],
        ['GET', `/admin/inventory/${v}`],
        ['GET', `/admin/inventory/${v}/adjustments`],
        ['GET', '/admin/inventory'],
        ['GET', '/admin/stock-locations'],
        ['POST', '/admin/stock-locations', { code: 'sneaky', name: 'S', countryCode: 'GB' }],
        ['DELETE', `/admin/stock-locations/${home}`],
        ['POST', '/admin/reservations', { reference: 'sneaky', lines: [{ variantId: v, quantity: 1 }] }],
      ];
      for (const [method, url, body] of routes) {
        expect((await app.request(method, url, { token: customer, body })).statusCode, `${method} ${url}`).toBe(403);
        expect((await app.request(method, url, { body })).statusCode, `${method} ${url}`).toBe(401);
      }
      // Even a malformed body is refused for the role first, so strangers learn nothing of the schema.
      expect((await adjust(v, { delta: 'x' }, undefined, customer)).statusCode).toBe(403);
      expect(await state()).toEqual(before);
      expect(await app.db.query(`select 1 from inventory.stock_locations where code = 'sneaky'`)).toHaveLength(0);
    });
  });
});
