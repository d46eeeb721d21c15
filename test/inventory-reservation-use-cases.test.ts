import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reserveStock } from '../src/modules/inventory/use-cases/reserve-stock.ts';
import { releaseReservation } from '../src/modules/inventory/use-cases/release-reservation.ts';
import { InsufficientStock } from '../src/modules/inventory/domain/insufficient-stock.ts';
import { handlerContext } from '../src/modules/inventory/use-cases/stock-context.ts';
import type { HandlerContext } from '../src/platform/bus/bus.ts';
import { allPublisherFor } from '../src/platform/host/platform.ts';
import { StockChanged } from '../src/modules/inventory/contract.ts';
import { adminToken, startTestApp, type TestApp } from './helpers/app.ts';
import { reservationHelpers } from './helpers/inventory-reservations.ts';

/** The reservation use cases called inside a caller's transaction, as the order saga calls them. */
describe("inventory: reservation use cases in a caller's transaction", () => {
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

  const { variantWith, stock, stockEvents, ref } = reservationHelpers(() => ({ app, admin, probe, home }));

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
