import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderCanceled } from '../src/modules/order/contract.ts';
import { ShipmentDelivered, ShipmentShipped } from '../src/modules/shipping/contract.ts';
import type { TestApp } from './helpers/app.ts';
import { shipmentHelpers, startShipmentsApp, type ShipmentsContext } from './helpers/shipping-shipments.ts';

/** Shipments through the admin routes: bad input, illegal transitions, races, listing and auth. */
describe('shipping: shipments', () => {
  let app: TestApp;
  let admin: string;
  let customer: string;
  let standardId: string;
  let probes: ShipmentsContext['probes'];

  beforeAll(async () => {
    ({ app, admin, customer, standardId, probes } = await startShipmentsApp());
  });
  afterAll(() => app?.stop());

  const { announce, canceled, shipmentsOf, events, pendingShipment, ship, deliver } = shipmentHelpers(() => ({
    app,
    admin,
    customer,
    standardId,
    probes,
  }));

  it('bad shipping input is a 400 and changes nothing; an unknown shipment is a 404', async () => {
    const { id, orderId } = await pendingShipment();
    const cases: [unknown, RegExp][] = [
      [{ carrier: 'manual', trackingNumber: '' }, /trackingNumber/],
      [{ carrier: 'manual', trackingNumber: 'has space' }, /trackingNumber/],
      [{ carrier: 'manual', trackingNumber: 'A'.repeat(65) }, /trackingNumber/],
      [{ carrier: 'manual', trackingNumber: 'ÄBC-1' }, /trackingNumber/],
      [{ carrier: 'manual', trackingNumber: 'AB/../1' }, /trackingNumber/],
      [{ carrier: 'dhl', trackingNumber: 'ABC-1' }, /carrier/],
      [{ trackingNumber: 'ABC-1' }, /carrier/],
      [{ carrier: 'manual' }, /trackingNumber/],
      [{ carrier: 'manual', trackingNumber: 12345 }, /trackingNumber/],
      [{ carrier: 'manual', trackingNumber: 'ABC-1', status: 'delivered' }, /status/],
    ];
    for (const [body, field] of cases) {
      const res = await ship(id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().detail, JSON.stringify(body)).toMatch(field);
    }
    expect((await ship(id, { carrier: 'manual', trackingNumber: 'A'.repeat(64) })).statusCode).toBe(200); // the longest allowed

    const nobody = '0190f0e0-0000-7000-8000-000000000000';
    for (const res of [
      await ship(nobody),
      await deliver(nobody),
      await app.request('GET', `/admin/shipments/${nobody}`, { token: admin }),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().detail).toBe('Shipment not found');
    }
    expect((await app.request('GET', '/admin/shipments/nope', { token: admin })).statusCode).toBe(400);
    expect(await events(ShipmentShipped, orderId)).toHaveLength(1);
  });

  it('illegal transitions are 409 problems and change nothing', async () => {
    const expectConflict = async (res: Awaited<ReturnType<typeof ship>>, from: string, action: string) => {
      expect(res.statusCode, res.body).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 409, code: 'illegal_transition', shipmentStatus: from, action });
    };
    const pending = await pendingShipment();
    await expectConflict(await deliver(pending.id), 'pending', 'deliver');

    const shipped = await pendingShipment();
    await ship(shipped.id);
    await expectConflict(await ship(shipped.id, { carrier: 'manual', trackingNumber: 'OTHER-1' }), 'shipped', 'ship');

    const delivered = await pendingShipment();
    await ship(delivered.id);
    await deliver(delivered.id);
    await expectConflict(await ship(delivered.id), 'delivered', 'ship');
    await expectConflict(await deliver(delivered.id), 'delivered', 'deliver');

    const gone = await pendingShipment();
    await announce(OrderCanceled, canceled(gone.orderId));
    await expectConflict(await ship(gone.id), 'canceled', 'ship');
    await expectConflict(await deliver(gone.id), 'canceled', 'deliver');

    expect((await shipmentsOf(pending.orderId))[0].status).toBe('pending');
    expect((await shipmentsOf(shipped.orderId))[0]).toMatchObject({ status: 'shipped', tracking_number: 'TRK-0001' });
    expect(await events(ShipmentShipped, shipped.orderId)).toHaveLength(1);
    expect(await events(ShipmentDelivered, delivered.orderId)).toHaveLength(1);
    expect(await events(ShipmentShipped, gone.orderId)).toHaveLength(0);
  });

  it('two staff shipping one shipment at once: one wins, the other gets a 409, one event', async () => {
    const { id, orderId } = await pendingShipment();
    const results = await Promise.all(
      ['RACE-A', 'RACE-B', 'RACE-C'].map((n) => ship(id, { carrier: 'manual', trackingNumber: n })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json().trackingNumber;
    expect(await events(ShipmentShipped, orderId)).toEqual([expect.objectContaining({ trackingNumber: winner })]);
  });

  it('lists shipments newest first, by order and status, in pages', async () => {
    const made = [await pendingShipment(), await pendingShipment(), await pendingShipment()];
    await ship(made[1].id);
    const byOrder = (await app.request('GET', `/admin/shipments?orderId=${made[0].orderId}`, { token: admin })).json();
    expect(byOrder).toEqual({
      items: [expect.objectContaining({ id: made[0].id, orderId: made[0].orderId })],
      nextCursor: null,
    });

    const shippedIds = (await app.request('GET', '/admin/shipments?status=shipped&limit=100', { token: admin }))
      .json()
      .items.map((s: { id: string }) => s.id);
    expect(shippedIds).toContain(made[1].id);
    expect(shippedIds).not.toContain(made[0].id);

    const first = (await app.request('GET', '/admin/shipments?limit=2', { token: admin })).json();
    expect(first.items.map((s: { id: string }) => s.id)).toEqual([made[2].id, made[1].id]);
    expect(first.nextCursor).toBe(made[1].id);
    const second = (
      await app.request('GET', `/admin/shipments?limit=2&cursor=${first.nextCursor}`, { token: admin })
    ).json();
    expect(second.items[0].id).toBe(made[0].id);

    for (const q of ['status=lost', 'limit=0', 'limit=101', 'orderId=42', 'cursor=x', 'sort=id']) {
      const res = await app.request('GET', `/admin/shipments?${q}`, { token: admin });
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it("admin shipment routes: no token is 401, a customer's token is 403", async () => {
    const { id } = await pendingShipment();
    const routes: [string, string, unknown?][] = [
      ['GET', '/admin/shipments'],
      ['GET', `/admin/shipments/${id}`],
      ['POST', `/admin/shipments/${id}/ship`, { carrier: 'manual', trackingNumber: 'X-1' }],
      ['POST', `/admin/shipments/${id}/deliver`],
    ];
    for (const [method, url, body] of routes) {
      expect((await app.request(method, url, { body })).statusCode, url).toBe(401);
      const res = await app.request(method, url, { token: customer, body });
      expect(res.statusCode, url).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(
      (
        await shipmentsOf(
          (await app.db.query('select order_id from shipping.shipments where id = $1', [id]))[0].order_id,
        )
      )[0].status,
    ).toBe('pending');
  });
});
