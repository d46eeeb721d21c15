import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { StockChanged } from '../src/modules/inventory/contract.ts';
import { adminToken, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { inventoryHelpers } from './helpers/inventory.ts';

/** The inventory module over HTTP: adjustments, and bad input that changes nothing. */
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

  const { stockEvents, levels, defaultLocation, newVariant, adjust } = inventoryHelpers(() => ({
    app,
    admin,
    probe,
  }));

  it('adjustments by delta and to a counted figure: each keeps before/after, reason, note and the staff id; each publishes stock_changed', async () => {
    const v = await newVariant();
    const home = await defaultLocation();
    const [{ id: staffId }] = await app.db.query(
      `select id from "user".staff_members where email = 'admin@example.com'`,
    );

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
