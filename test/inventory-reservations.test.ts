import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ProductCreated, ProductDeleted, type ProductSnapshot } from '../src/modules/product/contract.ts';
import { StockChanged } from '../src/modules/inventory/contract.ts';
import { reserveStock } from '../src/modules/inventory/use-cases/reserve-stock.ts';
import { releaseReservation } from '../src/modules/inventory/use-cases/release-reservation.ts';
import { InsufficientStock } from '../src/modules/inventory/domain/insufficient-stock.ts';
import { handlerContext } from '../src/modules/inventory/use-cases/stock-context.ts';
import type { HandlerContext } from '../src/platform/bus/bus.ts';
import type { EventDef, PayloadOf } from '../src/platform/bus/event.ts';
import { allPublisherFor } from '../src/platform/host/platform.ts';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';

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

  const snapshot = (productId: string, variantIds: string[]): ProductSnapshot => ({
    productId,
    version: 1,
    handle: `p-${productId.slice(-12)}`,
    title: 'Mug',
    status: 'published',
    categoryIds: [],
    collectionIds: [],
    thumbnail: null,
    variants: variantIds.map((id) => ({
      variantId: id,
      sku: `SKU-${id.slice(-8)}`,
      title: 'Mug',
      options: {},
      weightGrams: 350,
    })),
  });
  const announce = async <E extends EventDef>(event: E, payload: PayloadOf<E>) => {
    const env = await app.platform.orm.em
      .fork()
      .transactional((em) => app.platform.bus.publish(em, event, payload, { producer: 'product' }));
    await eventually(
      async () => (await app.db.query('select 1 from inventory.inbox where event_id = $1', [env.id])).length > 0,
    );
  };
  /** A variant of a new product, with the given stock at the default location. */
  const variantWith = async (onHand: number, locationId = home) => {
    const id = uuidv7();
    await announce(ProductCreated, snapshot(uuidv7(), [id]));
    if (onHand) await setStock(id, onHand, locationId);
    return id;
  };
  const setStock = async (variantId: string, onHand: number, locationId = home) => {
    const res = await app.request('POST', `/admin/inventory/${variantId}/adjustments`, {
      token: admin,
      body: { locationId, onHand, reason: 'received' },
    });
    expect(res.statusCode, res.body).toBe(201);
  };
  const reserve = (reference: string, lines: { variantId: string; quantity: number }[], token = admin) =>
    app.request('POST', '/admin/reservations', { token, body: { reference, lines } });
  const stock = async (variantId: string) => {
    const [r] = await app.db.query(
      'select sum(on_hand)::int as on_hand, sum(reserved)::int as reserved from inventory.stock_levels where variant_id = $1',
      [variantId],
    );
    return { onHand: r.on_hand, reserved: r.reserved, available: r.on_hand - r.reserved };
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
  const ref = (tag: string) => `${tag}-${uuidv7()}`;

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

  it('a reservation waiting on a variant sees the stock row the holder of the lock added (a new location)', async () => {
    const wh = (
      await app.request('POST', '/admin/stock-locations', {
        token: admin,
        body: { code: 'wh-late', name: 'Late', countryCode: 'FR' },
      })
    ).json();
    const v = await variantWith(2);
    // Another stock writer (as adjust-stock does for a location the variant was never stocked at):
    // it holds the variant's lock while it adds the row.
    const writer = new pg.Client({ connectionString: app.db.url });
    await writer.connect();
    try {
      await writer.query('begin');
      await writer.query('select 1 from inventory.variants where variant_id = $1 for update', [v]);
      const pending = reserve(ref('late'), [{ variantId: v, quantity: 4 }]);
      await eventually(
        async () =>
          (
            await app.db.query(
              `select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
            )
          ).length > 0,
        5000,
        10,
      );
      await writer.query('insert into inventory.stock_levels (variant_id, location_id, on_hand) values ($1, $2, 5)', [
        v,
        wh.id,
      ]);
      await writer.query('commit');
      const res = await pending;
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().lines[0].allocations).toEqual([{ locationId: wh.id, quantity: 4 }]);
    } finally {
      await writer.end();
    }
    expect(await stock(v)).toEqual({ onHand: 7, reserved: 4, available: 3 });
    // ...and what it announces is what the database holds.
    expect((await stockEvents(v)).at(-1)).toMatchObject({ available: 3, inStock: true });
  });

  it('splits a line across locations only when no single one can ship it, and commits from where it was held', async () => {
    const wh = (
      await app.request('POST', '/admin/stock-locations', {
        token: admin,
        body: { code: 'wh-split', name: 'Split', countryCode: 'IT' },
      })
    ).json();
    const v = await variantWith(2);
    await setStock(v, 5, wh.id);
    const whole = (await reserve(ref('split'), [{ variantId: v, quantity: 4 }])).json();
    expect(whole.lines[0].allocations).toEqual([{ locationId: wh.id, quantity: 4 }]);
    const split = (await reserve(ref('split'), [{ variantId: v, quantity: 3 }])).json();
    expect(split.lines).toEqual([
      {
        variantId: v,
        quantity: 3,
        allocations: expect.arrayContaining([
          { locationId: home, quantity: 2 },
          { locationId: wh.id, quantity: 1 },
        ]),
      },
    ]);
    expect(await stock(v)).toEqual({ onHand: 7, reserved: 7, available: 0 });
    await app.request('POST', `/admin/reservations/${split.id}/commit`, { token: admin });
    const levels = await app.db.query(
      'select location_id, on_hand, reserved from inventory.stock_levels where variant_id = $1',
      [v],
    );
    expect(levels).toEqual(
      expect.arrayContaining([
        { location_id: home, on_hand: 0, reserved: 0 },
        { location_id: wh.id, on_hand: 4, reserved: 4 },
      ]),
    );
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

  it("use cases inside a caller's transaction (as the order saga will call them): a failure undoes only its own work and events", async () => {
    const [a, b] = [await variantWith(2), await variantWith(2)];
    const { orm, bus } = app.platform;
    const before = await stockEvents(a);
    let failure: unknown;
    await orm.em.fork().transactional(async (em) => {
      // The shape a bus handler gets: its transaction and a publish bound to it.
      const ctx = handlerContext({
        em,
        log: app.platform.log,
        publish: (e, p) => bus.publish(em, e, p, { producer: 'inventory' }),
        publishAll: (e, ps) => bus.publishAll(em, e, ps, { producer: 'inventory' }),
      } as HandlerContext);
      await reserveStock(ctx, { reference: ref('saga-a'), lines: [{ variantId: a, quantity: 1 }] });
      failure = await reserveStock(ctx, {
        reference: ref('saga-b'),
        lines: [
          { variantId: a, quantity: 1 },
          { variantId: b, quantity: 3 },
        ],
      }).catch((e) => e);
    });
    expect(failure).toBeInstanceOf(InsufficientStock);
    expect((failure as InsufficientStock).shortfalls).toEqual([{ variantId: b, requested: 3, available: 2 }]);
    // The first reservation committed with the caller; the failed one left nothing, not even its events.
    expect(await stock(a)).toEqual({ onHand: 2, reserved: 1, available: 1 });
    expect(await stock(b)).toEqual({ onHand: 2, reserved: 0, available: 2 });
    expect((await stockEvents(a)).map((e) => e.available)).toEqual([...before.map((e) => e.available), 1]);
    expect(await stockEvents(b)).toHaveLength(2);

    // A caller that rolls back takes the reservation (and its events) with it.
    const reference = ref('saga-c');
    await expect(
      orm.em.fork().transactional(async (em) => {
        await reserveStock(
          { em, publishAll: allPublisherFor(app.platform, 'inventory') },
          { reference, lines: [{ variantId: b, quantity: 2 }] },
        );
        throw new Error('saga step failed');
      }),
    ).rejects.toThrow('saga step failed');
    expect(await stock(b)).toEqual({ onHand: 2, reserved: 0, available: 2 });
    expect(await stockEvents(b)).toHaveLength(2);

    // Release by reference (an order canceled) works the same way.
    const held = ref('saga-d');
    const ctx = { em: orm.em.fork(), publishAll: allPublisherFor(app.platform, 'inventory') };
    await reserveStock(ctx, { reference: held, lines: [{ variantId: b, quantity: 2 }] });
    expect((await releaseReservation(ctx, { reference: held })).status).toBe('released');
    expect(await stock(b)).toEqual({ onHand: 2, reserved: 0, available: 2 });
  });
});
