import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { OrderCanceled, OrderConfirmed } from '../src/modules/order/contract.ts';
import { ShipmentCreated, ShipmentDelivered, ShipmentShipped } from '../src/modules/shipping/contract.ts';
import { queueName } from '../src/platform/bus/bus.ts';
import type { EventDef, PayloadOf } from '../src/platform/bus/event.ts';
import { adminToken, eventually, registerCustomer, startTestApp, type TestApp } from './helpers/app.ts';

/** Shipments: made by order.confirmed (once per order), shipped and delivered by staff, canceled with their order. */
describe('shipping: shipments', () => {
  let app: TestApp;
  let admin: string;
  let customer: string;
  let standardId: string;
  const probes: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp({ MODULES: 'user,shipping' });
    admin = await adminToken(app);
    customer = (await registerCustomer(app)).token;
    // Subscribers of our own, never worked: every shipment event stays in its queue to be read.
    for (const e of [ShipmentCreated, ShipmentShipped, ShipmentDelivered])
      probes[e.name] = await app.platform.bus.declare('probe', e.name);
    standardId = (await app.db.query(`select id from shipping.options where code = 'standard'`))[0].id;
  });
  afterAll(() => app?.stop());

  /** Publishes as the order module would and waits until shipping has handled it. */
  const announce = async <E extends EventDef>(event: E, payload: PayloadOf<E>) => {
    const env = await app.platform.orm.em
      .fork()
      .transactional((em) => app.platform.bus.publish(em, event, payload, { producer: 'order' }));
    await eventually(
      async () => (await app.db.query('select 1 from shipping.inbox where event_id = $1', [env.id])).length > 0,
    );
    return env;
  };
  const address = {
    firstName: 'Ada',
    lastName: 'Lovelace',
    line1: '12 St James Sq',
    city: 'London',
    postalCode: 'SW1Y 4JH',
    countryCode: 'GB',
    phone: null,
  };
  const confirmed = (orderId: string, shippingOptionId = standardId): PayloadOf<typeof OrderConfirmed> => ({
    orderId,
    displayId: `T-${orderId.slice(-6)}`,
    customerId: null,
    email: 'ada@example.com',
    currency: 'EUR',
    lines: [
      {
        lineId: uuidv7(),
        variantId: uuidv7(),
        sku: 'MUG-1',
        title: 'Mug',
        quantity: 2,
        unitPrice: 1200,
        discount: 0,
        tax: 456,
        total: 2400,
      },
      {
        lineId: uuidv7(),
        variantId: uuidv7(),
        sku: 'TEE-M',
        title: 'Tee / M',
        quantity: 1,
        unitPrice: 2500,
        discount: 250,
        tax: 428,
        total: 2250,
      },
    ],
    totals: { subtotal: 4650, discount: 250, shipping: 495, tax: 884, total: 5145 },
    shippingAddress: address,
    shippingOptionId,
    paymentId: uuidv7(),
    confirmedAt: new Date().toISOString(),
  });
  const canceled = (orderId: string, reason = 'customer asked'): PayloadOf<typeof OrderCanceled> => ({
    orderId,
    displayId: `T-${orderId.slice(-6)}`,
    customerId: null,
    email: 'ada@example.com',
    reason,
    reservationId: null,
    paymentId: null,
    canceledAt: new Date().toISOString(),
  });
  const shipmentsOf = (orderId: string) =>
    app.db.query('select * from shipping.shipments where order_id = $1', [orderId]);
  const events = async (event: EventDef, orderId?: string) =>
    (
      await app.db.query(`select data->'payload' as p from pgboss.job where name = $1 order by created_on, id`, [
        probes[event.name],
      ])
    )
      .map((r) => r.p)
      .filter((p) => !orderId || p.orderId === orderId);
  /** A confirmed order's shipment (pending), through the event. */
  const pendingShipment = async (shippingOptionId?: string) => {
    const orderId = uuidv7();
    await announce(OrderConfirmed, confirmed(orderId, shippingOptionId));
    const [s] = await shipmentsOf(orderId);
    return { orderId, id: s.id as string };
  };
  const ship = (id: string, body: unknown = { carrier: 'manual', trackingNumber: 'TRK-0001' }, token = admin) =>
    app.request('POST', `/admin/shipments/${id}/ship`, { token, body });
  const deliver = (id: string, token = admin) => app.request('POST', `/admin/shipments/${id}/deliver`, { token });

  it('order.confirmed creates one pending shipment with the lines, address and option, and publishes shipment.created', async () => {
    const orderId = uuidv7();
    const order = confirmed(orderId);
    await announce(OrderConfirmed, order);
    const rows = await shipmentsOf(orderId);
    expect(rows).toHaveLength(1);
    const res = await app.request('GET', `/admin/shipments/${rows[0].id}`, { token: admin });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: rows[0].id,
      orderId,
      displayId: order.displayId,
      email: 'ada@example.com',
      status: 'pending',
      actions: ['ship'],
      option: { id: standardId, code: 'standard', name: expect.any(String) },
      address,
      lines: order.lines.map((l) => ({
        lineId: l.lineId,
        variantId: l.variantId,
        sku: l.sku,
        title: l.title,
        quantity: l.quantity,
      })),
      carrier: null,
      trackingNumber: null,
      trackingUrl: null,
      shippedAt: null,
      deliveredAt: null,
      canceledAt: null,
    });
    expect(await events(ShipmentCreated, orderId)).toEqual([{ shipmentId: rows[0].id, orderId }]);
  });

  it('a redelivered order.confirmed, or the same order confirmed again, makes no second shipment and no second event', async () => {
    const orderId = uuidv7();
    const env = await announce(OrderConfirmed, confirmed(orderId));
    // The same envelope again, as a crash between commit and acknowledgement would deliver it.
    const job = await app.platform.bus.boss.send(queueName('shipping', OrderConfirmed.name), env);
    await eventually(
      async () =>
        (await app.db.query(`select 1 from pgboss.job where id = $1 and state < 'completed'`, [job])).length === 0,
    );
    // A different event about the same order (the order module re-sent it): the order id decides.
    await announce(OrderConfirmed, confirmed(orderId));
    expect(await shipmentsOf(orderId)).toHaveLength(1);
    expect(await events(ShipmentCreated, orderId)).toHaveLength(1);
  });

  it('ship then deliver: tracking number and URL recorded, shipment.shipped and shipment.delivered published', async () => {
    const { id, orderId } = await pendingShipment();
    const shipped = await ship(id, { carrier: 'manual', trackingNumber: 'JD-014600-0042' });
    expect(shipped.statusCode, shipped.body).toBe(200);
    expect(shipped.json()).toMatchObject({
      status: 'shipped',
      actions: ['deliver'],
      carrier: 'manual',
      trackingNumber: 'JD-014600-0042',
      trackingUrl: 'https://track.example.com/JD-014600-0042',
      shippedAt: expect.any(String),
    });
    expect(await events(ShipmentShipped, orderId)).toEqual([
      {
        shipmentId: id,
        orderId,
        carrier: 'manual',
        trackingNumber: 'JD-014600-0042',
        trackingUrl: 'https://track.example.com/JD-014600-0042',
        shippedAt: shipped.json().shippedAt,
      },
    ]);

    const delivered = await deliver(id);
    expect(delivered.statusCode, delivered.body).toBe(200);
    expect(delivered.json()).toMatchObject({
      status: 'delivered',
      actions: [],
      deliveredAt: expect.any(String),
      trackingNumber: 'JD-014600-0042',
    });
    expect(await events(ShipmentDelivered, orderId)).toEqual([
      { shipmentId: id, orderId, deliveredAt: delivered.json().deliveredAt },
    ]);
    expect((await app.request('GET', `/admin/shipments/${id}`, { token: admin })).json()).toEqual(delivered.json());
  });

  it("the option's own tracking URL template wins over the default", async () => {
    const created = await app.request('POST', '/admin/shipping-options', {
      token: admin,
      body: {
        code: 'courier',
        name: 'Courier',
        countries: ['GB'],
        rates: [{ currency: 'EUR', kind: 'flat', amount: 1500 }],
        trackingUrlTemplate: 'https://courier.example.com/t/{trackingNumber}?lang=en',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = await pendingShipment(created.json().id);
    expect((await ship(id, { carrier: 'manual', trackingNumber: 'C-77' })).json().trackingUrl).toBe(
      'https://courier.example.com/t/C-77?lang=en',
    );
  });

  it('an order naming an option unknown here still gets its shipment (it was paid for)', async () => {
    const unknown = uuidv7();
    const { id } = await pendingShipment(unknown);
    expect((await app.request('GET', `/admin/shipments/${id}`, { token: admin })).json()).toMatchObject({
      status: 'pending',
      option: { id: unknown, code: null, name: null },
    });
    expect((await ship(id)).json().trackingUrl).toBe('https://track.example.com/TRK-0001');
  });

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

  it('order.canceled cancels a pending shipment; a shipped one stays shipped', async () => {
    const pending = await pendingShipment();
    await announce(OrderCanceled, canceled(pending.orderId, 'payment timed out'));
    expect((await app.request('GET', `/admin/shipments/${pending.id}`, { token: admin })).json()).toMatchObject({
      status: 'canceled',
      actions: [],
      cancelReason: 'payment timed out',
      canceledAt: expect.any(String),
    });
    // Canceled twice (a re-sent event): nothing more happens.
    await announce(OrderCanceled, canceled(pending.orderId, 'again'));
    expect((await shipmentsOf(pending.orderId))[0]).toMatchObject({
      status: 'canceled',
      cancel_reason: 'payment timed out',
    });

    const gone = await pendingShipment();
    await ship(gone.id);
    await announce(OrderCanceled, canceled(gone.orderId));
    expect((await shipmentsOf(gone.orderId))[0]).toMatchObject({
      status: 'shipped',
      cancel_reason: null,
      canceled_at: null,
    });
  });

  it('an order canceled before its confirmation arrives gets no shipment', async () => {
    const orderId = uuidv7();
    await announce(OrderCanceled, canceled(orderId, 'staff canceled'));
    await announce(OrderConfirmed, confirmed(orderId));
    expect(await shipmentsOf(orderId)).toHaveLength(0);
    expect(await events(ShipmentCreated, orderId)).toHaveLength(0);
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
