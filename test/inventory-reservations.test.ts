import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductCreated, ProductDeleted } from '../src/modules/product/contract.ts';
import { StockChanged } from '../src/modules/inventory/contract.ts';
import { adminToken, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';
import { reservationHelpers } from './helpers/inventory-reservations.ts';

/** Reservations: all or none, idempotent by reference, release and commit, and no overselling under concurrency. */
describe('inventory: reservations', () => {
  let app: TestApp;
  let admin: string;
  let probe: string;
  let home: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await adminToken(app);
    probe = await app.platform.bus.declare('probe', StockChanged.name);
    home = (await app.db.query(`select id from inventory.stock_locations where code = 'default'`))[0].id;
  });
  afterAll(() => app?.stop());

  const { snapshot, announce, variantWith, setStock, reserve, stock, stockEvents, ref } = reservationHelpers(() => ({
    app,
    admin,
    probe,
    home,
  }));

  it('50 parallel reservations of 1 against a stock of 10: exactly 10 succeed, 40 are 409, available ends at 0 and never goes below', async () => {
    const v = await variantWith(10);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => reserve(ref(`race${i}`), [{ variantId: v, quantity: 1 }])),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(40);
    const refused = results.find((r) => r.statusCode === 409)!;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().detail).toContain(v);
    expect(refused.json().shortfalls).toEqual([{ variantId: v, requested: 1, available: 0 }]);

    expect(await stock(v)).toEqual({ onHand: 10, reserved: 10, available: 0 });
    expect(
      (await app.db.query(`select count(*)::int as n from inventory.reservation_lines where variant_id = $1`, [v]))[0]
        .n,
    ).toBe(10);
    expect((await app.request('GET', `/admin/inventory/${v}`, { token: admin })).json()).toMatchObject({
      available: 0,
      inStock: false,
    });
    // One event per change, in order, and none ever showed a negative figure.
    const events = await stockEvents(v);
    expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(events.map((e) => e.available)).toEqual([0, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    expect(
      await app.db.query('select 1 from inventory.stock_levels where reserved > on_hand or on_hand < 0'),
    ).toHaveLength(0);
  });

  it('concurrent multi-line reservations listing variants in opposite orders neither deadlock nor oversell', async () => {
    const [a, b] = [await variantWith(20), await variantWith(20)];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        reserve(
          ref(`cross${i}`),
          i % 2
            ? [
                { variantId: a, quantity: 1 },
                { variantId: b, quantity: 1 },
              ]
            : [
                { variantId: b, quantity: 1 },
                { variantId: a, quantity: 1 },
              ],
        ),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(20);
    expect(codes.filter((c) => c === 409)).toHaveLength(10);
    expect(await stock(a)).toEqual({ onHand: 20, reserved: 20, available: 0 });
    expect(await stock(b)).toEqual({ onHand: 20, reserved: 20, available: 0 });
  });

  it('all or none: a satisfiable line and an unsatisfiable one reserve nothing, and the 409 names the short variant', async () => {
    const [plenty, scarce] = [await variantWith(5), await variantWith(1)];
    const before = { plenty: await stockEvents(plenty), scarce: await stockEvents(scarce) };
    const reference = ref('order');
    const res = await reserve(reference, [
      { variantId: plenty, quantity: 2 },
      { variantId: scarce, quantity: 2 },
    ]);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe(`Insufficient stock for variant ${scarce}: 2 requested, 1 available`);
    expect(res.json().detail).not.toContain(plenty);
    expect(await stock(plenty)).toEqual({ onHand: 5, reserved: 0, available: 5 });
    expect(await stock(scarce)).toEqual({ onHand: 1, reserved: 0, available: 1 });
    expect(await app.db.query('select 1 from inventory.reservations where reference = $1', [reference])).toHaveLength(
      0,
    );
    expect({ plenty: await stockEvents(plenty), scarce: await stockEvents(scarce) }).toEqual(before);
    // The reference was not used up: once there is stock, the same order can reserve.
    await setStock(scarce, 2);
    expect(
      (
        await reserve(reference, [
          { variantId: plenty, quantity: 2 },
          { variantId: scarce, quantity: 2 },
        ])
      ).statusCode,
    ).toBe(201);
  });

  it('two lines of one variant are reserved as one sum', async () => {
    const v = await variantWith(3);
    const refused = await reserve(ref('sum'), [
      { variantId: v, quantity: 2 },
      { variantId: v, quantity: 2 },
    ]);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().shortfalls).toEqual([{ variantId: v, requested: 4, available: 3 }]);
    expect(await stock(v)).toEqual({ onHand: 3, reserved: 0, available: 3 });
    const ok = await reserve(ref('sum'), [
      { variantId: v, quantity: 2 },
      { variantId: v, quantity: 1 },
    ]);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().lines).toEqual([{ variantId: v, quantity: 3, allocations: [{ locationId: home, quantity: 3 }] }]);
    expect(await stock(v)).toEqual({ onHand: 3, reserved: 3, available: 0 });
  });

  it('release gives the stock back; releasing twice is idempotent; commit after release is 409', async () => {
    const v = await variantWith(10);
    const r = (await reserve(ref('rel'), [{ variantId: v, quantity: 4 }])).json();
    expect(r).toMatchObject({ status: 'reserved', releasedAt: null, committedAt: null });
    expect(await stock(v)).toEqual({ onHand: 10, reserved: 4, available: 6 });

    const released = await app.request('POST', `/admin/reservations/${r.id}/release`, { token: admin });
    expect(released.statusCode).toBe(200);
    expect(released.json()).toMatchObject({ id: r.id, status: 'released' });
    expect(released.json().releasedAt).not.toBeNull();
    expect(await stock(v)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    const events = await stockEvents(v);

    const again = await app.request('POST', `/admin/reservations/${r.id}/release`, { token: admin });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(released.json());
    const commit = await app.request('POST', `/admin/reservations/${r.id}/commit`, { token: admin });
    expect(commit.statusCode).toBe(409);
    expect(commit.json().detail).toMatch(/released/);
    expect(await stock(v)).toEqual({ onHand: 10, reserved: 0, available: 10 });
    expect(await stockEvents(v)).toEqual(events);
    expect(events.map((e) => e.available)).toEqual([0, 10, 6, 10]);
  });

  it('commit ships: on hand and reserved both go down and the shipment is in the ledger; committing twice is idempotent; release after commit is 409', async () => {
    const v = await variantWith(10);
    const r = (await reserve(ref('ship'), [{ variantId: v, quantity: 3 }])).json();
    const committed = await app.request('POST', `/admin/reservations/${r.id}/commit`, { token: admin });
    expect(committed.statusCode).toBe(200);
    expect(committed.json()).toMatchObject({ status: 'committed' });
    expect(await stock(v)).toEqual({ onHand: 7, reserved: 0, available: 7 });

    const again = await app.request('POST', `/admin/reservations/${r.id}/commit`, { token: admin });
    expect(again.json()).toEqual(committed.json());
    const release = await app.request('POST', `/admin/reservations/${r.id}/release`, { token: admin });
    expect(release.statusCode).toBe(409);
    expect(release.json().detail).toMatch(/committed/);
    expect(await stock(v)).toEqual({ onHand: 7, reserved: 0, available: 7 });

    const [shipment] = (await app.request('GET', `/admin/inventory/${v}/adjustments`, { token: admin })).json().items;
    expect(shipment).toMatchObject({
      kind: 'commit',
      reason: 'shipped',
      delta: -3,
      onHandBefore: 10,
      onHandAfter: 7,
      reserved: 0,
      reservationId: r.id,
      staffId: null,
    });
    expect((await app.request('GET', `/admin/reservations/${r.id}`, { token: admin })).json().status).toBe('committed');
    expect((await stockEvents(v)).map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
  });

  it('the same reference returns the existing reservation (200), also when sent concurrently; other lines under it are a 422', async () => {
    const v = await variantWith(10);
    const reference = ref('idem');
    const first = await reserve(reference, [{ variantId: v, quantity: 2 }]);
    expect(first.statusCode).toBe(201);
    const second = await reserve(reference, [{ variantId: v, quantity: 2 }]);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    expect(await stock(v)).toEqual({ onHand: 10, reserved: 2, available: 8 });
    const other = await reserve(reference, [{ variantId: v, quantity: 3 }]);
    expect(other.statusCode).toBe(422);
    expect(await stock(v)).toEqual({ onHand: 10, reserved: 2, available: 8 });

    const racing = ref('idem-race');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => reserve(racing, [{ variantId: v, quantity: 1 }])),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await stock(v)).toEqual({ onHand: 10, reserved: 3, available: 7 });
    const found = (
      await app.request('GET', `/admin/reservations?reference=${encodeURIComponent(racing)}`, { token: admin })
    ).json();
    expect(found.items.map((r: any) => r.id)).toEqual([results[0].json().id]);
  });

  it('bad reservations: unknown or deleted variant 404, bad shapes and limits 400, unknown reservation 404, customers 403; nothing changes', async () => {
    const v = await variantWith(5);
    const productId = uuidv7();
    const deleted = uuidv7();
    await announce(ProductCreated, snapshot(productId, [deleted]));
    await setStock(deleted, 5);
    await announce(ProductDeleted, { productId, version: 2, variantIds: [deleted] });
    const count = async () => (await app.db.query('select count(*)::int as n from inventory.reservations'))[0].n;
    const before = { n: await count(), v: await stock(v), events: await stockEvents(v) };

    const unknown = uuidv7();
    const missing = await reserve(ref('bad'), [
      { variantId: v, quantity: 1 },
      { variantId: unknown, quantity: 1 },
    ]);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe(`Variant ${unknown} not found`);
    expect((await reserve(ref('bad'), [{ variantId: deleted, quantity: 1 }])).statusCode).toBe(404);

    const line = { variantId: v, quantity: 1 };
    const bodies: unknown[] = [
      { reference: ref('bad'), lines: [] },
      { reference: ref('bad'), lines: Array.from({ length: 101 }, () => line) },
      { reference: ref('bad'), lines: [{ variantId: v, quantity: 0 }] },
      { reference: ref('bad'), lines: [{ variantId: v, quantity: 100_001 }] },
      { reference: ref('bad'), lines: [{ variantId: v, quantity: '1' }] },
      { reference: ref('bad'), lines: [{ variantId: 'nope', quantity: 1 }] },
      { reference: ref('bad'), lines: [{ ...line, price: 1 }] },
      { reference: '', lines: [line] },
      { reference: 'x'.repeat(201), lines: [line] },
      { lines: [line] },
      { reference: ref('bad'), lines: [line], status: 'committed' },
    ];
    for (const body of bodies) {
      const res = await app.request('POST', '/admin/reservations', { token: admin, body });
      expect(res.statusCode, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    for (const path of ['', '/release', '/commit']) {
      const method = path ? 'POST' : 'GET';
      expect((await app.request(method, `/admin/reservations/${uuidv7()}${path}`, { token: admin })).statusCode).toBe(
        404,
      );
      expect((await app.request(method, `/admin/reservations/not-a-uuid${path}`, { token: admin })).statusCode).toBe(
        400,
      );
    }
    const customer = (await registerCustomer(app)).token;
    expect((await reserve(ref('bad'), [line], customer)).statusCode).toBe(403);
    expect((await app.request('GET', '/admin/reservations', { token: customer })).statusCode).toBe(403);
    expect({ n: await count(), v: await stock(v), events: await stockEvents(v) }).toEqual(before);
  });
});
