import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { OrderCanceled, OrderConfirmed } from '../src/modules/order/contract.ts';
import { ShipmentCreated, ShipmentDelivered, ShipmentShipped } from '../src/modules/shipping/contract.ts';
import { queueName } from '../src/platform/bus/bus.ts';
import { eventually, type TestApp } from './helpers/app.ts';
import { address, shipmentHelpers, startShipmentsApp, type ShipmentsContext } from './helpers/shipping-shipments.ts';

/** Shipments: made by order.confirmed (once per order), shipped and delivered by staff, canceled with their order. */
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

  const { announce, confirmed, canceled, shipmentsOf, events, pendingShipment, ship, deliver } = shipmentHelpers(
    () => ({
      app,
      admin,
      customer,
      standardId,
      probes,
    }),
  );

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
        staffId: expect.any(String),
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
      { shipmentId: id, orderId, deliveredAt: delivered.json().deliveredAt, staffId: expect.any(String) },
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
});
