import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StockChanged } from '../src/modules/inventory/contract.ts';
import { adminToken, eventually, startTestApp, type TestApp } from './helpers/app.ts';
import { reservationHelpers } from './helpers/inventory-reservations.ts';

/** Reservations across stock locations: a location added under the lock, and lines split between locations. */
describe('inventory: reservations across locations', () => {
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

  const { variantWith, setStock, reserve, stock, stockEvents, ref } = reservationHelpers(() => ({
    app,
    admin,
    probe,
    home,
  }));

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
});
